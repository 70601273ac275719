package dev.predictbench.spark;

import java.io.Serializable;
import java.util.List;

/**
 * What one scoring job does; travels to the executors with each task.
 *
 * @param inputs CSV or Parquet files, folders or globs, as Spark reads them
 * @param inputFormat csv, parquet, or auto (Parquet when every input names .parquet or the first
 *                    file starts with Parquet's magic bytes)
 * @param outputFormat csv or parquet
 * @param delimiter the CSV delimiter, or null to sniff it from the header line
 * @param decimalComma null for "when the delimiter is ';'", as {@code predictbench score}
 * @param seed the MC dropout seed; each partition and batch draws its own from it
 * @param torchThreads libtorch intra-op threads per task (spark.task.cpus when null)
 */
public record JobOptions(String bundle, List<String> inputs, String inputFormat, String output, String outputFormat, int mcPasses,
                         int batchSize, Character delimiter, Boolean decimalComma, Long seed, Integer torchThreads)
        implements Serializable {

    public JobOptions {
        inputs = List.copyOf(inputs);
        if (!outputFormat.equals("csv") && !outputFormat.equals("parquet")) {
            throw new IllegalArgumentException("--format: expected csv or parquet, was " + outputFormat);
        }
        if (!List.of("auto", "csv", "parquet").contains(inputFormat)) {
            throw new IllegalArgumentException("--input-format: expected auto, csv or parquet, was " + inputFormat);
        }
    }

    public boolean parquetInput() {
        return inputFormat.equals("parquet") || inputFormat.equals("auto")
                && inputs.stream().allMatch(in -> in.toLowerCase(java.util.Locale.ROOT).contains(".parquet"));
    }
}
