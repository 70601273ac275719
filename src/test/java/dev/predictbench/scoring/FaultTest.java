package dev.predictbench.scoring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.predictbench.Samples;
import dev.predictbench.bench.ScoringBenchmark;
import dev.predictbench.bundle.Bundle;
import dev.predictbench.bundle.BundleLoader;
import dev.predictbench.cli.Cli;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Faults a user's machine throws at a run: a kill, a full disk, a long session of bundle swaps. */
class FaultTest {

    @TempDir
    Path dir;

    private Path bigInput(int copies) throws IOException {
        Path big = dir.resolve("big.csv");
        List<String> lines = Files.readAllLines(Samples.BREAST_CANCER.resolve("unseen.csv"));
        try (BufferedWriter out = Files.newBufferedWriter(big)) {
            out.write(lines.get(0) + "\n");
            for (int i = 0; i < copies; i++) {
                for (String line : lines.subList(1, lines.size())) {
                    out.write(line + "\n");
                }
            }
        }
        return big;
    }

    @Test
    void killNineDuringScoringLeavesTheExistingOutputIntact() throws Exception {
        Path input = bigInput(8_000);
        Path output = dir.resolve("scored.csv");
        Files.writeString(output, "last week's results\n");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        Process process = new ProcessBuilder(java, "-cp", classPath, "dev.predictbench.Main", "score",
                Samples.BREAST_CANCER.toString(), "--input", input.toString(), "--output", output.toString(),
                "--quiet").redirectErrorStream(true).redirectOutput(dir.resolve("child.log").toFile()).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (partialSize() < 200_000 && process.isAlive() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertTrue(process.isAlive(), "the run must still be writing when it is killed: "
                + Files.readString(dir.resolve("child.log")));
        process.destroyForcibly();  // SIGKILL: no shutdown hook, no cleanup
        assertTrue(process.waitFor(30, TimeUnit.SECONDS));
        assertEquals("last week's results\n", Files.readString(output));
        assertFalse(Files.exists(dir.resolve("scored.csv.run.json")));
    }

    private long partialSize() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".partial")).mapToLong(f -> f.toFile().length())
                    .sum();
        }
    }

    @Test
    void aFullDiskGivesAClearErrorAndNoPartialFile() throws Exception {
        Path small = Files.createDirectories(dir.resolve("small-disk"));
        boolean mounted = "root".equals(System.getProperty("user.name"))
                && new ProcessBuilder("mount", "-t", "tmpfs", "-o", "size=256k", "tmpfs", small.toString())
                .start().waitFor() == 0;
        Assumptions.assumeTrue(mounted, "mounting a 256 KiB tmpfs needs root");
        try {
            Path input = bigInput(200);
            StringWriter err = new StringWriter();
            int code = Cli.run(new String[] {"score", Samples.BREAST_CANCER.toString(), "--input", input.toString(),
                    "--output", small.resolve("scored.csv").toString(), "--quiet"}, new PrintWriter(new StringWriter()),
                    new PrintWriter(err));
            assertEquals(2, code, err.toString());
            assertTrue(err.toString().contains("No space left on device"), err.toString());
            assertEquals(1, err.toString().strip().lines().count(), err.toString());
            try (Stream<Path> files = Files.list(small)) {
                assertEquals(List.of(), files.toList(), "nothing is left on the full disk");
            }
        } finally {
            new ProcessBuilder("umount", small.toString()).start().waitFor();
        }
    }

    /**
     * The run record is the second file of a result: on a disk with room for the scored CSV but
     * not for its record, neither appears (the CSV used to stay, with exit 2), and a previous
     * result in the same place stays as it was.
     */
    @Test
    void aFullDiskAtTheRunRecordLeavesNeitherFileAndThePreviousResultIntact() throws Exception {
        Path input = bigInput(20);
        Path probe = dir.resolve("probe.csv");
        assertEquals(0, score(input, probe, new StringWriter()));
        long csvPages = (Files.size(probe) + 4095) / 4096;
        for (boolean previous : new boolean[] {false, true}) {
            Path small = Files.createDirectories(dir.resolve("small-" + previous));
            long pages = csvPages + (previous ? 2 : 0); // the new CSV fits, its record does not
            boolean mounted = "root".equals(System.getProperty("user.name"))
                    && new ProcessBuilder("mount", "-t", "tmpfs", "-o", "size=" + pages * 4096, "tmpfs",
                    small.toString()).start().waitFor() == 0;
            Assumptions.assumeTrue(mounted, "mounting a small tmpfs needs root");
            try {
                Path scored = small.resolve("scored.csv");
                Path record = RunRecord.pathFor(scored);
                if (previous) {
                    Files.writeString(scored, "earlier result\n");
                    Files.writeString(record, "{\"earlier\": true}\n");
                }
                StringWriter err = new StringWriter();
                assertEquals(2, score(input, scored, err), err.toString());
                assertTrue(err.toString().contains("scored.csv.run.json: cannot be written: No space left on device"),
                        err.toString());
                assertEquals(1, err.toString().strip().lines().count(), err.toString());
                try (Stream<Path> files = Files.list(small)) {
                    assertEquals(previous ? List.of("scored.csv", record.getFileName().toString()) : List.of(),
                            files.map(f -> f.getFileName().toString()).sorted().toList());
                }
                if (previous) {
                    assertEquals("earlier result\n", Files.readString(scored));
                    assertEquals("{\"earlier\": true}\n", Files.readString(record));
                }
            } finally {
                new ProcessBuilder("umount", small.toString()).start().waitFor();
            }
        }
    }

    private static int score(Path input, Path output, StringWriter err) {
        return Cli.run(new String[] {"score", Samples.BREAST_CANCER.toString(), "--input", input.toString(),
                "--output", output.toString(), "--device", "cpu", "--quiet"}, new PrintWriter(new StringWriter()),
                new PrintWriter(err));
    }

    @Test
    void replacingABundleAHundredTimesDoesNotGrowNativeMemory() {
        Bundle bundle = BundleLoader.load(Samples.CLINIC_RISK);
        Path data = Samples.CLINIC_RISK.resolve("valid.csv");
        // libtorch's and glibc's allocators keep freed memory in per-thread caches that fill over the
        // first hundred or so loads and then stay level: a leak is growth after that, not before.
        for (int i = 0; i < 100; i++) {
            openScoreClose(bundle, data);
        }
        System.gc();
        long before = currentRss() - javaCommitted();
        for (int i = 0; i < 100; i++) {
            openScoreClose(bundle, data);
        }
        System.gc();
        // What the JVM committed for its own heap and metaspace is not native memory held by models.
        long grown = currentRss() - javaCommitted() - before;
        System.out.printf("Native memory after 100 more bundle loads: %s%n", grown <= 0 ? "no growth"
                : "+" + (grown >> 20) + " MB");
        assertTrue(grown < 64L << 20, "native memory grew by " + (grown >> 20) + " MB over 100 loads");
    }

    private static void openScoreClose(Bundle bundle, Path data) {
        try (Scorer scorer = Scorer.open(bundle, ScoringOptions.defaults())) {
            scorer.score(data, ScoringOptions.defaults(), GoldenParityTest.collectInto(new java.util.ArrayList<>()),
                    ScoringProgress.Listener.NONE, () -> false);
        }
    }

    private static long javaCommitted() {
        var memory = java.lang.management.ManagementFactory.getMemoryMXBean();
        return memory.getHeapMemoryUsage().getCommitted() + memory.getNonHeapMemoryUsage().getCommitted();
    }

    private static long currentRss() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("\\D", "")) * 1024;
                }
            }
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        return ScoringBenchmark.peakRss();
    }
}
