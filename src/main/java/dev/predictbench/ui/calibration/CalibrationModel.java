package dev.predictbench.ui.calibration;

import dev.predictbench.bundle.Bundle;
import dev.predictbench.bundle.BundleWriter;
import dev.predictbench.calibration.CalibrationMetrics;
import dev.predictbench.calibration.Calibrator;
import dev.predictbench.calibration.ReliabilityBin;
import dev.predictbench.calibration.TemperatureFit;
import dev.predictbench.drift.LeakageCheck;
import dev.predictbench.scoring.LabelledScoring;
import dev.predictbench.scoring.Scorer;
import dev.predictbench.ui.LatestWins;
import dev.predictbench.ui.WorkbenchModel;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.concurrent.Task;

/**
 * The calibration lab's state: the labelled validation logits (computed once, in the
 * background), the temperature the slider sets, and the metrics and reliability bins
 * at that temperature, recomputed off the FX thread, latest request wins.
 */
public final class CalibrationModel {

    /** What the lab shows for one temperature. */
    public record View(CalibrationMetrics metrics, List<List<ReliabilityBin>> perClass) {
    }

    private final WorkbenchModel workbench;
    private final LatestWins updates = new LatestWins(15);
    private final DoubleProperty temperature = new SimpleDoubleProperty(1);
    private final ReadOnlyObjectWrapper<Calibrator> calibrator = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyObjectWrapper<CalibrationMetrics> before = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyObjectWrapper<View> current = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyObjectWrapper<TemperatureFit> fit = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyStringWrapper warning = new ReadOnlyStringWrapper("");

    public CalibrationModel(WorkbenchModel workbench) {
        this.workbench = workbench;
        temperature.addListener((obs, old, t) -> refresh());
        workbench.scorerProperty().addListener((obs, old, s) -> {
            calibrator.set(null);
            before.set(null);
            current.set(null);
            fit.set(null);
        });
    }

    public DoubleProperty temperatureProperty() {
        return temperature;
    }

    /** The classes of the open bundle, in output order. */
    public List<String> classes() {
        var scorer = workbench.scorerProperty().get();
        return scorer == null ? List.of() : scorer.bundle().manifest().task().classes();
    }

    public ReadOnlyObjectProperty<Calibrator> calibratorProperty() {
        return calibrator.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<CalibrationMetrics> beforeProperty() {
        return before.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<View> currentProperty() {
        return current.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<TemperatureFit> fitProperty() {
        return fit.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty warningProperty() {
        return warning.getReadOnlyProperty();
    }

    /** Runs the model over the labelled file once; the slider then only re-scales the logits. */
    public Task<Calibrator> load(Path file, String target) {
        Scorer scorer = workbench.scorerProperty().get();
        Bundle bundle = scorer.bundle();
        Task<Calibrator> task = new Task<>() {
            @Override
            protected Calibrator call() {
                updateMessage("Scoring " + file.getFileName() + " for calibration...");
                var labelled = LabelledScoring.collect(scorer, file, target,
                        p -> updateProgress(p.fraction(), 1), this::isCancelled);
                Optional<String> leak = LeakageCheck.run(bundle, file).flatMap(r -> r.warning(file));
                String skipped = labelled.skippedInvalid() > 0 ? String.format("%,d rows failed validation and were"
                        + " left out. ", labelled.skippedInvalid()) : "";
                javafx.application.Platform.runLater(() -> warning.set(skipped + leak.orElse("")));
                updateMessage(String.format("%,d labelled rows from %s.", labelled.logits().rows(), file.getFileName()));
                return new Calibrator(labelled.logits());
            }
        };
        task.setOnSucceeded(e -> {
            calibrator.set(task.getValue());
            before.set(task.getValue().metrics(1.0));
            fit.set(null);
            temperature.set(bundle.manifest().temperature());
            refresh();
        });
        return workbench.run(task);
    }

    /** Fits T on the loaded rows (tens of milliseconds, in the background) and moves the slider there. */
    public void fit() {
        Calibrator c = calibrator.get();
        if (c != null) {
            updates.submit(c::fit, result -> {
                fit.set(result);
                temperature.set(result.temperature());
            });
        }
    }

    /** Writes a new bundle version with the current temperature; the open bundle stays as it is. */
    public Task<Bundle> save(Path target) {
        Bundle bundle = workbench.bundle();
        double t = temperature.get();
        Task<Bundle> task = new Task<>() {
            @Override
            protected Bundle call() {
                updateMessage("Writing " + target.getFileName() + "...");
                Bundle saved = BundleWriter.withTemperature(bundle, t, target);
                updateMessage("Saved " + saved.title() + " with T = " + String.format("%.4f", t) + " to " + target + ".");
                return saved;
            }
        };
        return workbench.run(task);
    }

    private void refresh() {
        Calibrator c = calibrator.get();
        if (c == null) {
            return;
        }
        double t = temperature.get();
        updates.submit(() -> new View(c.metrics(t), c.perClassReliability(t)), current::set);
    }
}
