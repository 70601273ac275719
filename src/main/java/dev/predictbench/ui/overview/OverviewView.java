package dev.predictbench.ui.overview;

import dev.predictbench.calibration.CalibrationMetrics;
import dev.predictbench.drift.DriftAnalysis;
import dev.predictbench.scoring.ScoringSummary;
import dev.predictbench.ui.WorkbenchModel;
import dev.predictbench.ui.calibration.CalibrationModel;
import dev.predictbench.ui.data.DataModel;
import dev.predictbench.ui.predictions.PredictionsModel;
import dev.predictbench.ui.uncertainty.UncertaintyModel;
import dev.predictbench.uncertainty.Histogram;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.IntConsumer;
import javafx.beans.Observable;
import javafx.geometry.Insets;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.VBox;

/**
 * The first thing to read once a bundle and a file are open: one card per question (does the
 * bundle reproduce training, is the file valid, what does the model say, has the data moved,
 * is it calibrated, how sure is it), each leading to its view. Cheap analyses fill their cards
 * by themselves; MC dropout shows its estimated cost and waits for a click.
 */
public final class OverviewView extends ScrollPane {

    /** Where each card leads, as tab indexes of the main window. */
    public record Targets(int model, int data, int predictions, int calibration, int uncertainty, int drift) {
    }

    private final WorkbenchModel workbench;
    private final DataModel data;
    private final PredictionsModel predictions;
    private final javafx.beans.value.ObservableValue<DriftAnalysis.Report> drift;
    private final CalibrationModel calibration;
    private final UncertaintyModel uncertainty;
    private final Card parityCard;
    private final Card validationCard;
    private final Card predictionsCard;
    private final Card driftCard;
    private final Card calibrationCard;
    private final Card uncertaintyCard;
    private final Label empty = new Label("Open a model bundle and a CSV file: this page then shows whether the bundle"
            + " reproduces training, whether the file is valid, what the model predicts and whether the data moved.");
    private final Button runUncertainty = new Button("Run");

    public OverviewView(WorkbenchModel workbench, DataModel data, PredictionsModel predictions,
                        javafx.beans.value.ObservableValue<DriftAnalysis.Report> drift, CalibrationModel calibration,
                        UncertaintyModel uncertainty, Targets targets, IntConsumer show) {
        this.workbench = workbench;
        this.data = data;
        this.predictions = predictions;
        this.drift = drift;
        this.calibration = calibration;
        this.uncertainty = uncertainty;
        parityCard = new Card("card-parity", "Parity with training", () -> show.accept(targets.model()));
        validationCard = new Card("card-validation", "Validation", () -> show.accept(targets.data()));
        predictionsCard = new Card("card-predictions", "Predictions", () -> show.accept(targets.predictions()));
        driftCard = new Card("card-drift", "Drift against the reference", () -> show.accept(targets.drift()));
        calibrationCard = new Card("card-calibration", "Calibration", () -> show.accept(targets.calibration()));
        uncertaintyCard = new Card("card-uncertainty", "Uncertainty (MC dropout)",
                () -> show.accept(targets.uncertainty()));
        runUncertainty.setId("overview-run-uncertainty");
        runUncertainty.setOnAction(e -> {
            uncertainty.run();
            e.consume();
        });
        runUncertainty.disableProperty().bind(workbench.cannotWork());
        uncertaintyCard.getChildren().add(runUncertainty);
        empty.getStyleClass().add("empty-state");
        empty.setId("overview-empty");
        empty.setMaxWidth(560);
        FlowPane cards = new FlowPane(16, 16, parityCard, validationCard, predictionsCard, driftCard, calibrationCard,
                uncertaintyCard);
        cards.setPadding(new Insets(16));
        VBox content = new VBox(8, empty, cards);
        content.setPadding(new Insets(8));
        setContent(content);
        setFitToWidth(true);
        setId("overview");
        for (Observable o : List.<Observable>of(workbench.scorerProperty(), workbench.dataFileProperty(),
                data.resultProperty(), predictions.summaryProperty(), drift, calibration.beforeProperty(),
                calibration.fitProperty(), uncertainty.resultProperty(), workbench.parityRefusalProperty())) {
            o.addListener(x -> refresh());
        }
        refresh();
    }

    private void refresh() {
        var scorer = workbench.scorerProperty().get();
        boolean ready = scorer != null && workbench.dataFileProperty().get() != null;
        empty.setVisible(!ready);
        empty.setManaged(!ready);
        if (workbench.parityRefusalProperty().get() != null) {
            parityCard.show("Refused", workbench.parityRefusalProperty().get(), false);
        } else if (scorer == null) {
            parityCard.show("-", "No bundle open.", null);
        } else {
            parityCard.show(scorer.parity().isPresent() ? "Reproduces" : "Not proven", scorer.parity()
                    .map(p -> String.format(Locale.ROOT, "%d rows from the training stack, max |difference| %.1e",
                            p.rows(), p.maxDifference()))
                    .orElse("The bundle carries no parity file; nothing shows it scores as in training."),
                    scorer.parity().isPresent() ? Boolean.TRUE : null);
        }
        showValidation();
        showPredictions();
        showDrift();
        showCalibration();
        showUncertainty();
    }

    private void showValidation() {
        var result = data.resultProperty().get();
        if (result == null || result.summary() == null) {
            validationCard.show("-", result != null && result.columns() != null && !result.columns().usable()
                    ? "The file lacks columns the model needs: match them on the Data tab." : "Open a CSV file.", null);
            return;
        }
        var s = result.summary();
        StringBuilder top = new StringBuilder(String.format(Locale.ROOT, "%,d rows, %,d valid", s.rows(), s.valid()));
        s.byCheck().entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed()).limit(3)
                .forEach(e -> top.append("\n").append(e.getKey()).append(": ").append(String.format("%,d", e.getValue())));
        validationCard.show(String.format(Locale.ROOT, "%,d invalid", s.invalid()), top.toString(), s.invalid() == 0);
    }

    private void showPredictions() {
        ScoringSummary summary = predictions.summaryProperty().get();
        if (summary == null) {
            predictionsCard.show("-", "Not scored yet: the file is scored when it opens, or press Score.", null);
            return;
        }
        List<Histogram> histograms = predictions.histogramsProperty().get();
        var layout = predictions.layoutProperty().get();
        String detail = String.format(Locale.ROOT, "%,d rows in %.2f s", summary.rows() - summary.invalidRows(),
                summary.seconds());
        // Means per class read well up to four classes; beyond, the Predictions view has the chart.
        if (layout != null && !layout.classes().isEmpty() && layout.classes().size() <= 4 && histograms != null
                && !histograms.isEmpty()) {
            StringBuilder means = new StringBuilder();
            for (int k = 0; k < layout.classes().size() && k < histograms.size(); k++) {
                means.append("\nmean p_").append(layout.classes().get(k)).append(": ")
                        .append(String.format(Locale.ROOT, "%.3f", mean(histograms.get(k))));
            }
            detail += means;
        }
        predictionsCard.show(String.format(Locale.ROOT, "%,d scored", summary.rows() - summary.invalidRows()), detail,
                null);
    }

    private void showDrift() {
        DriftAnalysis.Report report = drift.getValue();
        var scorer = workbench.scorerProperty().get();
        if (report == null) {
            driftCard.show("-", scorer != null && scorer.bundle().referenceFile().isEmpty()
                    ? "The bundle has no reference sample; pick one on the Drift tab."
                    : "Runs by itself once the file is scored.", null);
            return;
        }
        long drifted = report.features().stream().filter(DriftAnalysis.ColumnDrift::drift).count();
        StringBuilder names = new StringBuilder(String.format(Locale.ROOT, "of %d columns; prediction PSI %.3f",
                report.features().size(), report.prediction().psi()));
        report.features().stream().filter(DriftAnalysis.ColumnDrift::drift).limit(3)
                .forEach(c -> names.append("\n").append(c.name()).append(String.format(Locale.ROOT, " (PSI %.2f)",
                        c.psi())));
        driftCard.show(drifted + " drifted", names.toString(), drifted == 0 && !report.prediction().drift());
    }

    private void showCalibration() {
        CalibrationMetrics before = calibration.beforeProperty().get();
        var fit = calibration.fitProperty().get();
        if (before == null) {
            calibrationCard.show("-", "Needs labels: load a labelled validation file on the Calibration tab.", null);
            return;
        }
        calibrationCard.show(fit == null ? String.format(Locale.ROOT, "ECE %.3f", before.ece())
                        : String.format(Locale.ROOT, "T = %.2f", fit.temperature()),
                String.format(Locale.ROOT, "ECE %.4f, NLL %.4f at T = 1", before.ece(), before.nll()), null);
    }

    private void showUncertainty() {
        var result = uncertainty.resultProperty().get();
        ScoringSummary scored = predictions.summaryProperty().get();
        runUncertainty.setVisible(result == null);
        runUncertainty.setManaged(result == null);
        if (result != null) {
            var s = result.summary();
            uncertaintyCard.show(String.format(Locale.ROOT, "%,d rows", s.rows()), String.format(Locale.ROOT,
                    "%d passes; mean std %.3f", uncertainty.passesProperty().get(), mean(s.std())), null);
            return;
        }
        int passes = uncertainty.passesProperty().get();
        // MC passes are batched on the model side: measured at about 1 + passes/40 times one scoring pass.
        String cost = scored == null ? "Score the file first to estimate the cost."
                : String.format(Locale.ROOT, "%d passes per row: about %.0f s on this file", passes,
                Math.max(1, scored.seconds() * (1 + passes / 40.0)));
        uncertaintyCard.show("Not run", cost, null);
    }

    private static double mean(Histogram h) {
        long[] counts = h.counts();
        double width = (h.high() - h.low()) / counts.length;
        double sum = 0;
        long n = 0;
        for (int i = 0; i < counts.length; i++) {
            sum += counts[i] * (h.low() + (i + 0.5) * width);
            n += counts[i];
        }
        return n == 0 ? Double.NaN : sum / n;
    }

    /** A card: title, one big value, a few lines of detail; green or red when the answer is clear. */
    static final class Card extends VBox {
        private final Label value = new Label("-");
        private final Label detail = new Label();

        Card(String id, String title, Runnable open) {
            super(4);
            setId(id);
            getStyleClass().add("overview-card");
            Label heading = new Label(title);
            heading.getStyleClass().add("card-title");
            value.getStyleClass().add("card-value");
            detail.getStyleClass().add("card-detail");
            getChildren().addAll(heading, value, detail);
            setPrefWidth(300);
            setMinHeight(130);
            setOnMouseClicked(e -> open.run());
        }

        void show(String big, String text, Boolean good) {
            value.setText(big);
            detail.setText(text);
            getStyleClass().removeAll("good", "bad");
            if (good != null) {
                getStyleClass().add(good ? "good" : "bad");
            }
        }

        String value() {
            return value.getText();
        }
    }
}
