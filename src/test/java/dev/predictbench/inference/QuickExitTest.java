package dev.predictbench.inference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.predictbench.Main;
import dev.predictbench.Samples;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A command that loaded libtorch ends without its static destructors ({@link QuickExit}), and
 * still ends as before: with its own exit status, after the shutdown hooks have removed what
 * it unpacked.
 */
class QuickExitTest {

    @TempDir
    Path dir;

    @Test
    void theExitStatusAndTheCleanUpOfShutdownHooksStay() throws Exception {
        Path bundle = dir.resolve("breast-cancer.zip");
        try (var out = new ZipOutputStream(Files.newOutputStream(bundle));
             Stream<Path> files = Files.list(Samples.BREAST_CANCER)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                out.putNextEntry(new ZipEntry(file.getFileName().toString()));
                Files.copy(file, out);
                out.closeEntry();
            }
        }
        List<String> data = Files.readAllLines(Samples.BREAST_CANCER.resolve("unseen.csv"));
        Path good = Files.write(dir.resolve("good.csv"), data.subList(0, 4));
        Path bad = Files.write(dir.resolve("bad.csv"), List.of(data.get(0), data.get(1).replaceFirst("^[^,]*,[^,]*", "$0-")));

        assertEquals(0, score(bundle, good, "keep"));
        assertTrue(Files.exists(dir.resolve("good-scored.csv")));
        assertEquals(1, score(bundle, bad, "fail"), "--invalid fail finds an invalid row: exit 1");
        try (Stream<Path> left = Files.list(temporary())) {
            assertEquals(List.of(), left.toList(), "the unpacked bundles are removed at exit");
        }
    }

    private Path temporary() throws IOException {
        return Files.createDirectories(dir.resolve("tmp"));
    }

    private int score(Path bundle, Path input, String invalid) throws Exception {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Path output = dir.resolve(input.getFileName().toString().replace(".csv", "-scored.csv"));
        ProcessBuilder builder = new ProcessBuilder(java.toString(), "-Djava.io.tmpdir=" + temporary(),
                "-cp", System.getProperty("java.class.path"), Main.class.getName(), "score", bundle.toString(),
                "--input", input.toString(), "--output", output.toString(), "--invalid", invalid, "--quiet")
                .redirectErrorStream(true).redirectOutput(dir.resolve("log.txt").toFile());
        builder.environment().put("PREDICTBENCH_HEAP", "default");
        return builder.start().waitFor();
    }
}
