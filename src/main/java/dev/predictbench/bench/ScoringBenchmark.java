package dev.predictbench.bench;

import dev.predictbench.InputException;
import dev.predictbench.bundle.Bundle;
import dev.predictbench.data.CsvSource;
import dev.predictbench.data.DataRow;
import dev.predictbench.inference.TorchModel;
import dev.predictbench.inference.TorchRuntime;
import dev.predictbench.schema.Feature;
import dev.predictbench.scoring.ScoredFileExport;
import dev.predictbench.scoring.Scorer;
import dev.predictbench.scoring.ScoringOptions;
import dev.predictbench.scoring.ScoringProgress;
import dev.predictbench.scoring.ScoringSummary;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * End-to-end scoring throughput on a generated file, peak memory, and the pure
 * inference rate for comparison. The file is made from the bundle's reference rows
 * with a little noise, so validation and preprocessing see realistic numbers.
 */
public final class ScoringBenchmark {

    /** What one run measured. */
    public record Result(long rows, int features, long fileBytes, double seconds, double rowsPerSecond,
                         double inferenceRowsPerSecond, long peakRssBytes, String device, int batchSize) {
    }

    private ScoringBenchmark() {
    }

    public static Result run(Bundle bundle, long rows, int batchSize, Path workDir, ScoringProgress.Listener progress) {
        Path data = workDir.resolve("bench-input.csv");
        Path scored = workDir.resolve("bench-scored.csv");
        try {
            generate(bundle, rows, data);
            ScoringOptions options = new ScoringOptions(ScoringOptions.defaults().device(), batchSize, null,
                    ScoringOptions.defaults().invalidRows());
            try (Scorer scorer = Scorer.open(bundle, options)) {
                ScoringSummary summary = ScoredFileExport.run(scorer, data, scored, options, progress, () -> false);
                double inference = inferenceRate(bundle, batchSize);
                return new Result(summary.rows(), bundle.manifest().features().size(), Files.size(data),
                        summary.seconds(), summary.rowsPerSecond(), inference, peakRss(), summary.device(), batchSize);
            }
        } catch (IOException e) {
            throw new InputException(workDir + ": cannot write the benchmark files: " + e.getMessage(), e);
        } finally {
            deleteQuietly(data);
            deleteQuietly(scored);
            deleteQuietly(scored.resolveSibling(scored.getFileName() + ".run.json"));
        }
    }

    /** Writes {@code rows} rows cycling through the reference sample, each number jittered by up to 1%. */
    static void generate(Bundle bundle, long rows, Path out) throws IOException {
        Path reference = bundle.referenceFile().orElseThrow(() -> new InputException(bundle.source()
                + ": the benchmark needs a bundle with a reference sample"));
        List<Feature> features = bundle.manifest().features();
        List<String[]> sample = new ArrayList<>();
        List<String> header;
        try (CsvSource source = CsvSource.open(reference)) {
            header = source.header();
            while (source.hasNext()) {
                DataRow row = source.next();
                sample.add(row.cells());
            }
        }
        int[] numeric = features.stream().filter(f -> f.type().isNumeric() && f.min() == null)
                .mapToInt(f -> header.indexOf(f.name())).filter(i -> i >= 0).toArray();
        SplittableRandom random = new SplittableRandom(42);
        try (BufferedWriter writer = Files.newBufferedWriter(out, StandardCharsets.UTF_8)) {
            writer.write(String.join(",", header.stream().map(ScoringBenchmark::quote).toList()));
            writer.write('\n');
            for (long r = 0; r < rows; r++) {
                String[] cells = sample.get((int) (r % sample.size())).clone();
                for (int i : numeric) {
                    double v = Double.parseDouble(cells[i]) * (1 + 0.01 * (random.nextDouble() - 0.5));
                    cells[i] = Double.toString(Math.round(v * 1e4) / 1e4);
                }
                for (int i = 0; i < cells.length; i++) {
                    if (i > 0) {
                        writer.write(',');
                    }
                    writer.write(quote(cells[i]));
                }
                writer.write('\n');
            }
        }
    }

    /** Forward passes alone on random inputs, for comparison with the end-to-end rate. */
    static double inferenceRate(Bundle bundle, int batchSize) {
        int width = bundle.manifest().inputWidth();
        float[] input = new float[batchSize * width];
        SplittableRandom random = new SplittableRandom(7);
        for (int i = 0; i < input.length; i++) {
            input[i] = (float) (random.nextDouble() * 2 - 1);
        }
        try (TorchModel model = TorchModel.load(bundle.modelFile(), TorchRuntime.device(ScoringOptions.defaults().device()))) {
            for (int i = 0; i < 20; i++) {
                model.forward(input, batchSize, width);
            }
            long rows = 0;
            long start = System.nanoTime();
            while (System.nanoTime() - start < 2_000_000_000L) {
                model.forward(input, batchSize, width);
                rows += batchSize;
            }
            return rows / ((System.nanoTime() - start) / 1e9);
        }
    }

    /** The process's peak resident set (VmHWM) on Linux; -1 where /proc is not available. */
    public static long peakRss() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmHWM:")) {
                    return Long.parseLong(line.replaceAll("\\D", "")) * 1024;
                }
            }
        } catch (IOException | RuntimeException e) {
            return -1;
        }
        return -1;
    }

    private static String quote(String cell) {
        return cell.indexOf(',') >= 0 || cell.indexOf('"') >= 0 || cell.indexOf('\n') >= 0
                ? '"' + cell.replace("\"", "\"\"") + '"' : cell;
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException ignored) {
            // A leftover benchmark file in the work folder is harmless.
        }
    }
}
