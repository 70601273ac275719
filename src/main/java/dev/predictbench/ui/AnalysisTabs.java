package dev.predictbench.ui;

import dev.predictbench.bundle.Bundle;
import dev.predictbench.data.CsvSource;
import dev.predictbench.ui.calibration.CalibrationModel;
import dev.predictbench.ui.calibration.CalibrationView;
import dev.predictbench.ui.compare.CompareView;
import dev.predictbench.ui.drift.DriftView;
import dev.predictbench.ui.uncertainty.UncertaintyModel;
import dev.predictbench.ui.uncertainty.UncertaintyView;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import javafx.scene.control.ChoiceDialog;
import javafx.scene.control.Tab;
import javafx.stage.DirectoryChooser;
import javafx.stage.FileChooser;
import javafx.stage.Stage;

/** The analysis tabs: calibration lab, uncertainty, drift, and champion / challenger. */
public final class AnalysisTabs {

    private final Stage stage;
    private final WorkbenchModel workbench;
    private final CalibrationModel calibration;
    private final UncertaintyModel uncertainty;
    private CalibrationView calibrationView;
    private DriftView driftView;
    private CompareView compareView;

    public AnalysisTabs(Stage stage, WorkbenchModel workbench, CalibrationModel calibration,
                        UncertaintyModel uncertainty) {
        this.stage = stage;
        this.workbench = workbench;
        this.calibration = calibration;
        this.uncertainty = uncertainty;
    }

    public List<Tab> build() {
        calibrationView = new CalibrationView(calibration, view -> chooseLabelledFile(), this::chooseSaveTarget);
        driftView = new DriftView(workbench, this::chooseFile);
        compareView = new CompareView(workbench, this::chooseBundle);
        Tab calibrationTab = new Tab("Calibration", calibrationView);
        Tab uncertaintyTab = new Tab("Uncertainty", new UncertaintyView(workbench, uncertainty));
        Tab driftTab = new Tab("Drift", driftView);
        Tab compareTab = new Tab("Compare", compareView);
        calibrationTab.setId("tab-calibration");
        uncertaintyTab.setId("tab-uncertainty");
        driftTab.setId("tab-drift");
        compareTab.setId("tab-compare");
        return List.of(calibrationTab, uncertaintyTab, driftTab, compareTab);
    }

    public DriftView drift() {
        return driftView;
    }

    public CalibrationModel calibration() {
        return calibration;
    }

    public UncertaintyModel uncertainty() {
        return uncertainty;
    }

    public CompareView compare() {
        return compareView;
    }

    /** Loads a labelled file into the lab; asks for the label column when the bundle's target is not in it. */
    public void loadLabelled(Path file) {
        Bundle bundle = workbench.bundle();
        List<String> header;
        try (CsvSource source = CsvSource.open(file)) {
            header = source.header();
        }
        String target = bundle.manifest().task().target();
        if (target == null || !header.contains(target)) {
            ChoiceDialog<String> ask = new ChoiceDialog<>(header.get(header.size() - 1), header);
            ask.initOwner(stage);
            ask.setTitle("Label column");
            ask.setHeaderText("Which column of " + file.getFileName() + " holds the true class?");
            target = ask.showAndWait().orElse(null);
            if (target == null) {
                return;
            }
        }
        calibration.load(file, target);
    }

    private void chooseLabelledFile() {
        Bundle bundle = workbench.bundle();
        if (bundle == null || workbench.isBusy()) {
            return;
        }
        FileChooser chooser = new FileChooser();
        chooser.setTitle("A labelled validation file");
        chooser.setInitialDirectory(bundle.directory().toFile());
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter("CSV files", "*.csv"));
        File file = chooser.showOpenDialog(stage);
        if (file != null) {
            loadLabelled(file.toPath());
        }
    }

    private void chooseSaveTarget() {
        Bundle bundle = workbench.bundle();
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Save the calibrated bundle as a new folder");
        chooser.setInitialFileName(bundle.manifest().name() + "-calibrated");
        File file = chooser.showSaveDialog(stage);
        if (file != null && !Files.exists(file.toPath())) {
            calibration.save(file.toPath());
        }
    }

    private void chooseFile(Consumer<Path> then) {
        FileChooser chooser = new FileChooser();
        chooser.setTitle("A reference CSV file");
        File file = chooser.showOpenDialog(stage);
        if (file != null) {
            then.accept(file.toPath());
        }
    }

    private void chooseBundle(Consumer<Path> then) {
        DirectoryChooser chooser = new DirectoryChooser();
        chooser.setTitle("The challenger bundle");
        File dir = chooser.showDialog(stage);
        if (dir != null) {
            then.accept(dir.toPath());
        }
    }
}
