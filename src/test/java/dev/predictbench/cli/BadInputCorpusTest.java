package dev.predictbench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.predictbench.Samples;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every file of src/test/resources/bad-inputs scored as a user would: the outcome its row in expected.csv says. */
class BadInputCorpusTest {

    private static final Path CORPUS = Path.of("src/test/resources/bad-inputs");

    @TempDir
    Path dir;

    static List<Map<String, String>> cases() {
        return Samples.readCsv(CORPUS.resolve("expected.csv"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void endsInAClearOutcome(Map<String, String> expected) throws IOException {
        Path output = dir.resolve("scored.csv");
        CliRun run = CliRun.of("score", Samples.BREAST_CANCER.toString(), "--input",
                CORPUS.resolve(expected.get("file")).toString(), "--output", output.toString(), "--quiet");
        String file = expected.get("file");
        assertEquals(Integer.parseInt(expected.get("exit")), run.code(), file + ": " + run.err());
        assertFalse(run.err().contains("\tat "), file + ": no stack trace for the user");
        if (run.code() == 2) {
            assertEquals(1, run.err().strip().lines().count(), file + ": one line: " + run.err());
            assertTrue(run.err().contains(file) && run.err().contains(expected.get("message")), run.err());
            assertFalse(Files.exists(output), file + ": no output on failure");
        } else {
            List<Map<String, String>> rows = Samples.readCsv(output);
            long ok = rows.stream().filter(r -> r.get("status").equals("ok")).count();
            assertEquals(Long.parseLong(expected.get("ok_rows")), ok, file);
            assertEquals(Long.parseLong(expected.get("invalid_rows")), rows.size() - ok, file);
            rows.stream().filter(r -> r.get("status").equals("ok"))
                    .forEach(r -> assertTrue(Double.isFinite(Double.parseDouble(r.get("p_malignant"))), file));
        }
        try (Stream<Path> files = Files.list(dir)) {
            assertTrue(files.noneMatch(f -> f.getFileName().toString().endsWith(".partial")), file);
        }
    }
}
