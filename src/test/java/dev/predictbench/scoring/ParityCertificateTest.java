package dev.predictbench.scoring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.predictbench.InputException;
import dev.predictbench.bundle.BundleLoader;
import dev.predictbench.bundle.ManifestReader;
import dev.predictbench.bundle.ParitySpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The parity certificate: rows with the outputs the training stack (Python) computed,
 * which the Java path must reproduce whenever a bundle is opened.
 */
class ParityCertificateTest {

    private static final Path BREAST_CANCER = Path.of("sample-models", "breast-cancer");

    @TempDir
    Path dir;

    static Stream<Path> sampleBundles() throws IOException {
        try (Stream<Path> folders = Files.list(Path.of("sample-models"))) {
            return folders.filter(f -> Files.isRegularFile(f.resolve(BundleLoader.MANIFEST))).sorted().toList()
                    .stream();
        }
    }

    @ParameterizedTest
    @MethodSource("sampleBundles")
    void everySampleBundleCarriesAParityFileThatReproduces(Path bundle) {
        try (Scorer scorer = Scorer.open(BundleLoader.load(bundle), ScoringOptions.defaults())) {
            ParityCheck.Result parity = scorer.parity().orElseThrow(() -> new AssertionError(bundle + " has no parity"));
            assertEquals(200, parity.rows(), bundle.toString());
            assertTrue(parity.maxDifference() <= ParitySpec.DEFAULT_TOLERANCE, parity.describe());
            assertTrue(parity.describe().startsWith("parity: 200 rows reproduce the training stack"), parity.describe());
        }
    }

    @Test
    void aParityFileThatDisagreesRefusesTheBundleNamingRowColumnAndBothValues() throws IOException {
        Path bundle = copyOfBreastCancer();
        List<String> lines = new ArrayList<>(Files.readAllLines(bundle.resolve("parity.csv")));
        String[] header = lines.get(0).split(",");
        int column = List.of(header).indexOf("p_malignant");
        String[] row = lines.get(3).split(",");
        String original = row[column];
        row[column] = Double.toString(Double.parseDouble(original) + 2e-4);
        lines.set(3, String.join(",", row));
        Files.write(bundle.resolve("parity.csv"), lines);

        var loaded = BundleLoader.load(bundle);
        String message = assertThrows(ParityCheck.Mismatch.class,
                () -> Scorer.open(loaded, ScoringOptions.defaults())).getMessage();
        assertTrue(message.contains("row 3, column \"p_malignant\""), message);
        assertTrue(message.contains("the training stack computed " + row[column]), message);
        assertTrue(message.contains("PredictBench computes "), message);
        assertTrue(message.contains("> tolerance 1e-05"), message);
    }

    @Test
    void aChangedScalerInTheManifestIsCaughtByTheParityRows() throws IOException {
        Path bundle = copyOfBreastCancer();
        Path manifest = bundle.resolve("bundle.json");
        // One mean transcribed with a slip, as a hand-copied manifest might have it.
        String json = Files.readString(manifest);
        int at = json.indexOf("\"mean\": [") + "\"mean\": [".length();
        String shifted = json.substring(0, at) + json.substring(at).replaceFirst("^\\s*([0-9.]+)", "1$1");
        Files.writeString(manifest, shifted);
        var loaded = BundleLoader.load(bundle);
        assertThrows(ParityCheck.Mismatch.class, () -> Scorer.open(loaded, ScoringOptions.defaults()));
    }

    @Test
    void aParityFileWithoutTheOutputColumnsOrWithAnInvalidRowIsRefused() throws IOException {
        Path bundle = copyOfBreastCancer();
        List<String> lines = new ArrayList<>(Files.readAllLines(bundle.resolve("parity.csv")));
        List<String> withoutOutputs = lines.stream().map(l -> l.substring(0, l.lastIndexOf(','))).toList();
        Files.write(bundle.resolve("parity.csv"), withoutOutputs);
        String message = assertThrows(InputException.class,
                () -> Scorer.open(BundleLoader.load(bundle), ScoringOptions.defaults())).getMessage();
        assertTrue(message.contains("lacks the training stack's outputs [p_malignant]"), message);

        lines.set(1, "-5" + lines.get(1).substring(lines.get(1).indexOf(',')));
        Files.write(bundle.resolve("parity.csv"), lines);
        message = assertThrows(ParityCheck.Mismatch.class,
                () -> Scorer.open(BundleLoader.load(bundle), ScoringOptions.defaults())).getMessage();
        assertTrue(message.contains("row 1, column \"mean radius\""), message);
        assertTrue(message.contains("every parity row must be valid"), message);
    }

    @Test
    void theManifestNamesAParityFileInsideTheBundleWithASensibleTolerance() throws IOException {
        Path bundle = copyOfBreastCancer();
        Files.delete(bundle.resolve("parity.csv"));
        String message = assertThrows(InputException.class, () -> BundleLoader.load(bundle)).getMessage();
        assertTrue(message.contains("parity.file") && message.contains("does not exist"), message);

        String json = Files.readString(bundle.resolve("bundle.json"));
        String negative = json.replace("\"tolerance\": 1e-05", "\"tolerance\": -1");
        assertFalse(negative.equals(json), "the sample manifest declares its tolerance");
        message = assertThrows(InputException.class, () -> ManifestReader.read(negative, "bundle.json")).getMessage();
        assertTrue(message.contains("parity.tolerance: must be a finite number >= 0"), message);
    }

    private Path copyOfBreastCancer() throws IOException {
        Path copy = dir.resolve("breast-cancer");
        Files.createDirectories(copy);
        for (String name : List.of("bundle.json", "model.pt", "parity.csv", "reference.csv")) {
            Files.copy(BREAST_CANCER.resolve(name), copy.resolve(name));
        }
        return copy;
    }
}
