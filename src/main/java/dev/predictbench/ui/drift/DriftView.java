package dev.predictbench.ui.drift;

import dev.predictbench.drift.ColumnProfile;
import dev.predictbench.drift.ConsistencyCheck;
import dev.predictbench.drift.DriftAnalysis;
import dev.predictbench.drift.DriftAnalysis.ColumnDrift;
import dev.predictbench.scoring.Scorer;
import dev.predictbench.ui.Charts;
import dev.predictbench.ui.WorkbenchModel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.function.Consumer;

import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;

import dev.predictbench.ui.Tables;
import javafx.collections.FXCollections;
import javafx.concurrent.Task;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.chart.BarChart;
import javafx.scene.chart.CategoryAxis;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.XYChart;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.SplitPane;

import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;

/**
 * The drift view: the open file against a reference (the bundle's sample unless the
 * user picks a file). Features and the prediction with PSI and KS, coloured by the
 * conventional PSI bands; the chosen column's distributions overlaid; and the
 * preprocessing-consistency warnings, each with what to do.
 */
public final class DriftView extends BorderPane {

    private final WorkbenchModel workbench;
    private final ReadOnlyObjectWrapper<DriftAnalysis.Report> report = new ReadOnlyObjectWrapper<>();
    private final TableView<ColumnDrift> table = new TableView<>();
    private final BarChart<String, Number> overlay = new BarChart<>(new CategoryAxis(), new NumberAxis());
    private final ListView<String> warnings = new ListView<>();
    private final Label source = new Label("Reference: the bundle's sample.");
    private Path reference;

    public DriftView(WorkbenchModel workbench, Consumer<Consumer<Path>> chooseReference) {
        this.workbench = workbench;
        setId("drift-view");
        Button run = new Button("Compare with reference");
        run.setId("drift-run");
        run.getStyleClass().add("accent");
        run.setOnAction(e -> run());
        run.disableProperty().bind(workbench.cannotWork());
        Button pick = new Button("Reference file...");
        pick.setOnAction(e -> chooseReference.accept(path -> {
            reference = path;
            source.setText("Reference: " + path);
        }));
        HBox controls = new HBox(10, run, pick, source);
        controls.setAlignment(Pos.CENTER_LEFT);
        controls.setPadding(new Insets(8));

        table.setId("drift-table");
        table.setPlaceholder(new Label("Compare the open file with the reference to see drift."));
        table.getColumns().add(Tables.column("column", ColumnDrift::name, 170));
        table.getColumns().add(Tables.column("kind", ColumnDrift::kind, 80));
        table.getColumns().add(Tables.column("PSI", d -> String.format("%.4f", d.psi()), 80));
        table.getColumns().add(Tables.column("KS", d -> d.ks() == null ? "-" : String.format("%.4f", d.ks()), 80));
        table.getColumns().add(Tables.column("p-value", d -> d.pValue() == null ? "-" : String.format("%.2g", d.pValue()), 90));
        table.getColumns().add(Tables.column("shift (PSI bands 0.1 / 0.25)", ColumnDrift::band, 190));
        table.setRowFactory(t -> new TableRow<>() {
            @Override
            protected void updateItem(ColumnDrift d, boolean empty) {
                super.updateItem(d, empty);
                getStyleClass().removeAll("drift-none", "drift-moderate", "drift-major");
                if (!empty && d != null && !d.band().equals("no data")) {
                    getStyleClass().add("drift-" + d.band());
                }
            }
        });
        table.getSelectionModel().selectedItemProperty().addListener((obs, old, d) -> showOverlay(d));
        overlay.setId("drift-overlay");
        overlay.setAnimated(false);
        overlay.setBarGap(0);
        overlay.setCategoryGap(2);
        Charts.addPngExport(overlay, "drift.png");
        warnings.setId("drift-warnings");
        warnings.setPlaceholder(new Label("No preprocessing-consistency warnings."));
        SplitPane top = new SplitPane(table, overlay);
        SplitPane split = new SplitPane(top, warnings);
        split.setOrientation(Orientation.VERTICAL);
        split.setDividerPositions(0.75);
        setTop(controls);
        setCenter(dev.predictbench.ui.EmptyState.wrap(split, report, "Drift compares the open file with the"
                + " bundle's reference sample. It runs by itself once a file is opened and scored; Run starts it now."));
        workbench.scorerProperty().addListener((obs, old, s) -> report.set(null));
        report.addListener((obs, old, r) -> show(r));
    }

    public ReadOnlyObjectProperty<DriftAnalysis.Report> reportProperty() {
        return report.getReadOnlyProperty();
    }

    public Task<DriftAnalysis.Report> run() {
        Scorer scorer = workbench.scorerProperty().get();
        Path current = workbench.dataFileProperty().get();
        Path ref = reference != null ? reference : scorer.bundle().referenceFile().orElse(null);
        Task<DriftAnalysis.Report> task = new Task<>() {
            @Override
            protected DriftAnalysis.Report call() {
                if (ref == null) {
                    throw new dev.predictbench.InputException(scorer.bundle().source()
                            + ": the bundle has no reference sample; pick a reference file");
                }
                updateMessage("Comparing " + current.getFileName() + " with " + ref.getFileName() + "...");
                DriftAnalysis.Report r = DriftAnalysis.run(scorer, ref, current, p -> updateProgress(p.fraction(), 1),
                        this::isCancelled);
                long drifting = r.features().stream().filter(ColumnDrift::drift).count();
                updateMessage(String.format("%d of %d columns drift (PSI >= 0.25); %d warnings.", drifting,
                        r.features().size(), r.warnings().size()));
                return r;
            }
        };
        task.setOnSucceeded(e -> report.set(task.getValue()));
        return workbench.run(task);
    }

    private void show(DriftAnalysis.Report r) {
        if (r == null) {
            table.getItems().clear();
            warnings.getItems().clear();
            overlay.getData().clear();
            return;
        }
        // The prediction first, then the columns that moved most: the first row shown is the one to look at.
        List<ColumnDrift> rows = new ArrayList<>();
        if (r.prediction() != null) {
            rows.add(r.prediction());
        }
        r.features().stream().sorted(java.util.Comparator.comparingDouble(ColumnDrift::psi).reversed())
                .forEach(rows::add);
        table.setItems(FXCollections.observableArrayList(rows));
        warnings.setItems(FXCollections.observableArrayList(r.warnings().stream()
                .map((ConsistencyCheck.Warning w) -> w.message() + ". What to do: " + w.advice() + ".").toList()));
        table.getSelectionModel().select(r.prediction() != null && rows.size() > 1 ? 1 : 0);
    }

    private void showOverlay(ColumnDrift d) {
        DriftAnalysis.Report r = report.get();
        overlay.getData().clear();
        if (d == null || r == null) {
            return;
        }
        ColumnProfile ref = r.reference().get(d.name());
        ColumnProfile cur = r.current().get(d.name());
        overlay.setTitle(d.name() + ": reference against current (share of rows)");
        if (ref.isNumeric()) {
            double lo = Math.min(min(ref.sample()), min(cur.sample()));
            double hi = Math.max(max(ref.sample()), max(cur.sample()));
            overlay.getData().setAll(List.of(numeric("reference", ref.sample(), lo, hi),
                    numeric("current", cur.sample(), lo, hi)));
        } else {
            TreeSet<String> categories = new TreeSet<>(ref.categories().keySet());
            categories.addAll(cur.categories().keySet());
            overlay.getData().setAll(List.of(categorical("reference", ref, categories),
                    categorical("current", cur, categories)));
        }
    }

    private static XYChart.Series<String, Number> numeric(String name, double[] values, double lo, double hi) {
        int bins = 20;
        long[] counts = new long[bins];
        for (double v : values) {
            counts[hi > lo ? (int) Math.min(bins - 1, Math.floor((v - lo) / (hi - lo) * bins)) : 0]++;
        }
        XYChart.Series<String, Number> series = new XYChart.Series<>();
        series.setName(name);
        for (int b = 0; b < bins; b++) {
            series.getData().add(new XYChart.Data<>(String.format("%.3g", lo + (b + 0.5) * (hi - lo) / bins),
                    values.length == 0 ? 0 : (double) counts[b] / values.length));
        }
        return series;
    }

    private static XYChart.Series<String, Number> categorical(String name, ColumnProfile profile,
                                                              TreeSet<String> categories) {
        XYChart.Series<String, Number> series = new XYChart.Series<>();
        series.setName(name);
        for (String c : categories) {
            series.getData().add(new XYChart.Data<>(c, profile.count() == 0 ? 0
                    : (double) profile.categories().getOrDefault(c, 0L) / profile.count()));
        }
        return series;
    }

    private static double min(double[] values) {
        return java.util.Arrays.stream(values).min().orElse(0);
    }

    private static double max(double[] values) {
        return java.util.Arrays.stream(values).max().orElse(1);
    }

}
