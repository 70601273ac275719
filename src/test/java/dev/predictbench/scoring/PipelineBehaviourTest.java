package dev.predictbench.scoring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.predictbench.InputException;
import dev.predictbench.Samples;
import dev.predictbench.bundle.Bundle;
import dev.predictbench.bundle.BundleLoader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PipelineBehaviourTest {

    private static final int COPIES = 2_000;

    @TempDir
    static Path shared;
    private static Path bigFile;
    private static long bigRows;

    @TempDir
    Path dir;

    /** The unseen rows repeated: about 228,000 rows, enough that a run takes a while. */
    @BeforeAll
    static void writeBigFile() throws IOException {
        List<String> lines = Files.readAllLines(Samples.BREAST_CANCER.resolve("unseen.csv"));
        bigFile = shared.resolve("big.csv");
        try (BufferedWriter out = Files.newBufferedWriter(bigFile)) {
            out.write(lines.get(0));
            out.write('\n');
            for (int c = 0; c < COPIES; c++) {
                for (String line : lines.subList(1, lines.size())) {
                    out.write(line);
                    out.write('\n');
                }
            }
        }
        bigRows = (long) COPIES * (lines.size() - 1);
    }

    @Test
    void cancellingStopsEarlyKeepsTheExistingFileAndLeavesNoTemporaryFile() throws IOException {
        Bundle bundle = BundleLoader.load(Samples.BREAST_CANCER);
        Path output = dir.resolve("scored.csv");
        Files.writeString(output, "yesterday's results\n");
        AtomicBoolean cancel = new AtomicBoolean();
        AtomicLong seen = new AtomicLong();
        try (Scorer scorer = Scorer.open(bundle, ScoringOptions.defaults())) {
            assertThrows(CancellationException.class, () -> ScoredFileExport.run(scorer, bigFile, output,
                    ScoringOptions.defaults(), progress -> {
                        seen.set(progress.rowsDone());
                        if (progress.rowsDone() >= 5_000) {
                            cancel.set(true);
                        }
                    }, cancel::get));
        }
        assertTrue(seen.get() < bigRows / 2, "stopped after " + seen.get() + " of " + bigRows + " rows");
        assertEquals("yesterday's results\n", Files.readString(output));
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(List.of(output), files.toList());
        }
        assertNoPipelineThreads();
    }

    @Test
    void aFailureInOneStageStopsTheOthersAndReachesTheCaller() {
        Bundle bundle = BundleLoader.load(Samples.BREAST_CANCER);
        InputException diskFull = new InputException("scored.csv: cannot be written: No space left on device");
        ScoredRowSink failing = new ScoredRowSink() {
            private long rows;

            @Override
            public void begin(List<String> inputColumns, OutputLayout layout) {
            }

            @Override
            public void accept(ScoredRow row) {
                if (++rows == 3_000) {
                    throw diskFull;
                }
            }
        };
        try (Scorer scorer = Scorer.open(bundle, ScoringOptions.defaults())) {
            InputException thrown = assertThrows(InputException.class, () -> scorer.score(bigFile,
                    ScoringOptions.defaults(), failing, ScoringProgress.Listener.NONE, () -> false));
            assertSame(diskFull, thrown);
        }
        assertNoPipelineThreads();
    }

    @Test
    void rowsArriveInInputOrderAcrossBatches() {
        Bundle bundle = BundleLoader.load(Samples.BREAST_CANCER);
        AtomicLong expected = new AtomicLong(1);
        ScoredRowSink ordered = new ScoredRowSink() {
            @Override
            public void begin(List<String> inputColumns, OutputLayout layout) {
            }

            @Override
            public void accept(ScoredRow row) {
                assertEquals(expected.getAndIncrement(), row.row());
            }
        };
        ScoringOptions small = new ScoringOptions(ScoringOptions.defaults().device(), 7, null, InvalidRows.KEEP);
        try (Scorer scorer = Scorer.open(bundle, small)) {
            ScoringSummary summary = scorer.score(bigFile, small, ordered, ScoringProgress.Listener.NONE, () -> false);
            assertEquals(bigRows, summary.rows());
        }
        assertEquals(bigRows + 1, expected.get());
    }

    private static void assertNoPipelineThreads() {
        List<String> left = Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive)
                .map(Thread::getName).filter(n -> n.equals("predictbench-reader") || n.equals("predictbench-writer"))
                .toList();
        assertEquals(List.of(), left);
    }
}
