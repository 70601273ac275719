package dev.predictbench.bundle;

/**
 * The bundle's parity certificate: rows of input together with the outputs the
 * training stack computed for them ({@code p_<class>} per class, or {@code prediction}
 * for regression), which the Java path must reproduce within {@code tolerance}.
 *
 * @param file the CSV file inside the bundle
 * @param tolerance the largest |difference| accepted on any output
 */
public record ParitySpec(String file, double tolerance) {

    public static final double DEFAULT_TOLERANCE = 1e-5;
    public static final String DEFAULT_FILE = "parity.csv";
}
