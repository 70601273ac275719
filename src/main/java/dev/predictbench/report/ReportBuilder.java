package dev.predictbench.report;

import dev.predictbench.bundle.Bundle;
import dev.predictbench.calibration.Calibrator;
import dev.predictbench.calibration.TemperatureFit;
import dev.predictbench.data.CsvDialect;
import dev.predictbench.drift.DriftAnalysis;
import dev.predictbench.schema.ColumnMapping;
import dev.predictbench.schema.FileValidator;
import dev.predictbench.schema.ValidationSummary;
import dev.predictbench.scoring.LabelledScoring;
import dev.predictbench.scoring.ScoredRowSink;
import dev.predictbench.scoring.Scorer;
import dev.predictbench.scoring.ScoringOptions;
import dev.predictbench.scoring.ScoringSummary;
import dev.predictbench.uncertainty.Histogram;
import dev.predictbench.uncertainty.UncertaintySummary;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/** Computes a report's contents with an open scorer; every step reports what it is doing. */
public final class ReportBuilder {

    /**
     * What to put in the report besides the model card, validation and predictions.
     *
     * @param columns file columns matched to features by hand; {@code dialect} how the data file is written
     */
    public record Request(Path data, Path validation, String target, int mcPasses, long seed, boolean drift,
                          ColumnMapping columns, CsvDialect dialect) {

        public Request(Path data, Path validation, String target, int mcPasses, long seed, boolean drift) {
            this(data, validation, target, mcPasses, seed, drift, ColumnMapping.NONE, CsvDialect.AUTO);
        }

        ScoringOptions options() {
            return ScoringOptions.defaults().withColumns(columns).withDialect(dialect);
        }
    }

    private static final int BINS = 20;

    private ReportBuilder() {
    }

    public static ReportData build(Scorer scorer, Request request, Consumer<String> step, BooleanSupplier cancelled) {
        Bundle bundle = scorer.bundle();
        step.accept("Validating " + request.data().getFileName() + "...");
        ValidationSummary validation = FileValidator.run(bundle.manifest().schema(), request.data(), request.columns(),
                request.dialect(), f -> { }, (rows, invalid, fraction) -> { }, cancelled);
        step.accept("Scoring " + request.data().getFileName() + "...");
        ReportData.Predictions predictions = predictions(scorer, request, cancelled);
        ReportData.Calibration calibration = null;
        if (request.validation() != null) {
            step.accept("Fitting the temperature on " + request.validation().getFileName() + "...");
            calibration = calibration(scorer, request.validation(), request.target(), cancelled);
        }
        ReportData.Uncertainty uncertainty = null;
        if (request.mcPasses() > 1) {
            step.accept("Running " + request.mcPasses() + " dropout passes per row...");
            uncertainty = uncertainty(scorer, request, cancelled);
        }
        DriftAnalysis.Report drift = null;
        if (request.drift() && bundle.referenceFile().isPresent()) {
            step.accept("Comparing with the bundle's reference sample...");
            drift = DriftAnalysis.run(scorer, bundle.referenceFile().get(), request.data(), p -> { }, cancelled);
        }
        return new ReportData(bundle, scorer.parity(), scorer.device(), request.data(), validation, predictions,
                calibration, uncertainty, drift, Instant.now());
    }

    private static ReportData.Predictions predictions(Scorer scorer, Request request, BooleanSupplier cancelled) {
        List<String> classes = scorer.bundle().manifest().task().classes();
        List<Histogram> histograms = new ArrayList<>();
        Map<String, Long> predicted = new LinkedHashMap<>();
        classes.forEach(c -> {
            histograms.add(new Histogram(0, 1, BINS));
            predicted.put(c, 0L);
        });
        List<Double> values = new ArrayList<>();
        Histogram confidence = classes.isEmpty() ? null : new Histogram(0, 1, BINS);
        ScoringSummary summary = scorer.score(request.data(), request.options(), ScoredRowSink.forEach(row -> {
            if (!row.valid()) {
                return;
            }
            if (classes.isEmpty()) {
                values.add(Double.parseDouble(row.prediction()));
                return;
            }
            predicted.merge(row.prediction(), 1L, Long::sum);
            double top = 0;
            for (int k = 0; k < classes.size(); k++) {
                histograms.get(k).add(row.probabilities()[k]);
                top = Math.max(top, row.probabilities()[k]);
            }
            confidence.add(top);
        }), p -> { }, cancelled);
        if (classes.isEmpty() && !values.isEmpty()) {
            double low = values.stream().mapToDouble(Double::doubleValue).min().orElse(0);
            double high = values.stream().mapToDouble(Double::doubleValue).max().orElse(1);
            Histogram histogram = new Histogram(low, high > low ? high : low + 1, BINS);
            values.forEach(histogram::add);
            histograms.add(histogram);
        }
        return new ReportData.Predictions(summary.rows(), summary.invalidRows(), classes, histograms, predicted,
                confidence);
    }

    private static ReportData.Calibration calibration(Scorer scorer, Path file, String target,
                                                      BooleanSupplier cancelled) {
        LabelledScoring.Result labelled = LabelledScoring.collect(scorer, file, target, p -> { }, cancelled);
        Calibrator calibrator = new Calibrator(labelled.logits());
        TemperatureFit fit = calibrator.fit();
        return new ReportData.Calibration(file, labelled.target(), labelled.logits().rows(), labelled.skippedInvalid(),
                fit.temperature(), calibrator.metrics(1.0), calibrator.metrics(fit.temperature()));
    }

    private static ReportData.Uncertainty uncertainty(Scorer scorer, Request request, BooleanSupplier cancelled) {
        List<String> classes = scorer.bundle().manifest().task().classes();
        UncertaintySummary summary = new UncertaintySummary(BINS, 0.5, classes.isEmpty() ? 1
                : Math.log(classes.size()), 10);
        scorer.score(request.data(), request.options().withMonteCarlo(request.mcPasses(), request.seed()),
                ScoredRowSink.forEach(row -> {
                    if (row.valid()) {
                        summary.add(row.row(), row.prediction(),
                                classes.isEmpty() ? 0 : classes.indexOf(row.prediction()), row.uncertainty());
                    }
                }), p -> { }, cancelled);
        return new ReportData.Uncertainty(request.mcPasses(), request.seed(), summary);
    }
}
