package dev.predictbench.ui.data;

import dev.predictbench.data.CsvPages;
import dev.predictbench.schema.ValidationFailure;
import java.util.List;
import java.util.Map;
import javafx.beans.property.ReadOnlyStringWrapper;
import dev.predictbench.ui.Tables;
import javafx.collections.ObservableListBase;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.control.TreeItem;
import javafx.scene.control.TreeView;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/**
 * The data and validation view: the column report, the file as a virtual table (rows
 * are read from disk a page at a time, so files of millions of rows open at once),
 * invalid cells highlighted with their message on hover, and the failures panel:
 * grouped by level and check, filterable; choosing a failure selects its row.
 */
public final class DataView extends BorderPane {

    private final DataModel model;
    private final TableView<Long> rows = new TableView<>();
    private final TreeView<String> groups = new TreeView<>();
    private final TableView<ValidationFailure> failures = new TableView<>();
    private final TextField filter = new TextField();
    private final Label columns = new Label("Open a CSV file (Ctrl+D) or drop one onto the window.");
    private final PageLoader pages;
    private DataModel.Result shown;

    public DataView(DataModel model, Runnable exportFailures, Runnable matchColumns) {
        this.model = model;
        this.pages = new PageLoader(rows::refresh);
        setId("data-view");
        columns.setId("column-report");
        columns.setWrapText(true);
        columns.setPadding(new Insets(6, 8, 6, 8));
        rows.setId("data-table");
        rows.setPlaceholder(new Label("No file open."));
        failures.setId("failures");
        failures.setPlaceholder(new Label("No validation failures to show."));
        groups.setId("failure-groups");
        groups.setShowRoot(false);
        filter.setId("failure-filter");
        filter.setPromptText("Filter failures (check, column, value, message)");
        Button export = new Button("Export failures...");
        export.setId("export-failures");
        export.setOnAction(e -> exportFailures.run());
        export.disableProperty().bind(model.resultProperty().isNull());

        Button match = new Button("Match columns...");
        match.setId("match-columns");
        match.setOnAction(e -> matchColumns.run());
        match.visibleProperty().bind(javafx.beans.binding.Bindings.createBooleanBinding(() -> {
            DataModel.Result r = model.resultProperty().get();
            return r != null && r.columns() != null && !r.columns().missing().isEmpty();
        }, model.resultProperty()));
        match.managedProperty().bind(match.visibleProperty());
        buildFailureColumns();
        filter.textProperty().addListener((obs, old, text) -> applyFilter());
        groups.getSelectionModel().selectedItemProperty().addListener((obs, old, item) -> applyFilter());
        failures.getSelectionModel().selectedItemProperty().addListener((obs, old, f) -> {
            if (f != null) {
                int index = (int) (f.row() - 1);
                rows.getSelectionModel().clearAndSelect(index);
                rows.scrollTo(Math.max(0, index - 3));
            }
        });
        VBox failurePanel = new VBox(6, new HBox(6, filter, export), failures);
        HBox.setHgrow(filter, Priority.ALWAYS);
        VBox.setVgrow(failures, Priority.ALWAYS);
        SplitPane bottom = new SplitPane(groups, failurePanel);
        bottom.setDividerPositions(0.28);
        SplitPane split = new SplitPane(rows, bottom);
        split.setOrientation(Orientation.VERTICAL);
        split.setDividerPositions(0.6);
        HBox top = new HBox(8, columns, match);
        top.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
        HBox.setHgrow(columns, Priority.ALWAYS);
        setTop(top);
        setCenter(split);
        model.resultProperty().addListener((obs, old, result) -> show(result));
    }

    private void show(DataModel.Result result) {
        shown = result;
        pages.use(result == null ? null : result.pages());
        rows.getColumns().clear();
        if (result == null) {
            rows.setItems(null);
            return;
        }
        columns.setText(describe(result));
        TableColumn<Long, String> number = new TableColumn<>("row");
        number.setCellValueFactory(c -> new ReadOnlyStringWrapper(Long.toString(c.getValue())));
        number.setPrefWidth(Tables.rowNumberWidth(result.pages().rows()));
        rows.getColumns().add(number);
        List<String> header = result.pages().header();
        for (int i = 0; i < header.size(); i++) {
            rows.getColumns().add(dataColumn(header.get(i), i));
        }
        rows.setItems(new RowNumbers(result.pages().rows()));
        buildGroups();
        applyFilter();
    }

    private static String describe(DataModel.Result result) {
        StringBuilder text = new StringBuilder(String.format("%s: %,d rows.", result.pages().file().getFileName(),
                result.pages().rows()));
        if (result.columns() == null) {
            return text.append(" Open a bundle to validate the file.").toString();
        }
        if (!result.columns().missing().isEmpty()) {
            text.append(" Missing the model's columns ").append(result.columns().missing())
                    .append(": match them to the file's columns, or rename them in the file.");
        } else {
            text.append(String.format(" All %d model columns found.", result.columns().found().size()));
        }
        if (!result.columns().extra().isEmpty()) {
            text.append(" Extra columns carried through: ").append(result.columns().extra()).append('.');
        }
        if (result.summary() != null) {
            text.append(String.format(" %,d valid, %,d invalid rows.", result.summary().valid(),
                    result.summary().invalid()));
            if (result.summary().invalid() > result.kept().size()) {
                text.append(String.format(" Showing the first %,d failures; export writes them all.",
                        result.kept().size()));
            }
        }
        return text.toString();
    }

    private TableColumn<Long, String> dataColumn(String name, int index) {
        TableColumn<Long, String> column = new TableColumn<>(name);
        column.setCellValueFactory(c -> {
            String[] cells = pages.row(c.getValue());
            return new ReadOnlyStringWrapper(cells == null ? "..." : index < cells.length ? cells[index] : "");
        });
        column.setCellFactory(c -> new TableCell<>() {
            @Override
            protected void updateItem(String value, boolean empty) {
                super.updateItem(value, empty);
                setText(empty ? null : value);
                ValidationFailure failure = empty || getTableRow() == null || getTableRow().getItem() == null ? null
                        : failureAt(getTableRow().getItem(), name);
                getStyleClass().remove("invalid-cell");
                setTooltip(null);
                if (failure != null) {
                    getStyleClass().add("invalid-cell");
                    setTooltip(new Tooltip(failure.level().label() + " (" + failure.check() + "): " + failure.message()));
                }
            }
        });
        return column;
    }

    private ValidationFailure failureAt(long row, String column) {
        List<ValidationFailure> atRow = shown == null ? null : shown.byRow().get(row);
        if (atRow == null) {
            return null;
        }
        for (ValidationFailure f : atRow) {
            // A rule failure's value names the cells it read: "sex=M; pregnant=1".
            boolean ruleReads = f.level() == dev.predictbench.schema.ValidationLevel.RULE && f.value() != null
                    && (f.value().startsWith(column + "=") || f.value().contains("; " + column + "="));
            if (f.column().equals(column) || f.column().isEmpty() || ruleReads) {
                return f;
            }
        }
        return null;
    }

    private void buildGroups() {
        TreeItem<String> root = new TreeItem<>("failures");
        for (Map.Entry<String, Map<String, Long>> level : model.groups().entrySet()) {
            long total = level.getValue().values().stream().mapToLong(Long::longValue).sum();
            TreeItem<String> levelItem = new TreeItem<>(level.getKey() + " (" + total + ")");
            level.getValue().forEach((check, n) -> levelItem.getChildren().add(new TreeItem<>(check + " (" + n + ")")));
            levelItem.setExpanded(true);
            root.getChildren().add(levelItem);
        }
        groups.setRoot(root);
    }

    private void applyFilter() {
        TreeItem<String> selected = groups.getSelectionModel().getSelectedItem();
        String level = null;
        String check = null;
        if (selected != null && selected.getParent() != null) {
            String label = strip(selected.getValue());
            if (selected.getParent() == groups.getRoot()) {
                level = label;
            } else {
                level = strip(selected.getParent().getValue());
                check = label;
            }
        }
        model.filter(filter.getText(), level, check);
    }

    private static String strip(String label) {
        int paren = label.lastIndexOf(" (");
        return paren < 0 ? label : label.substring(0, paren);
    }

    private void buildFailureColumns() {
        failures.setItems(model.shownFailures());
        failures.getColumns().add(Tables.column("row", f -> Long.toString(f.row()), Tables.rowNumberWidth()));
        failures.getColumns().add(Tables.column("column", ValidationFailure::column, 130));
        failures.getColumns().add(Tables.column("level", f -> f.level().label(), 80));
        failures.getColumns().add(Tables.column("check", ValidationFailure::check, 150));
        failures.getColumns().add(Tables.column("value", ValidationFailure::value, 110));
        failures.getColumns().add(Tables.column("message", ValidationFailure::message, 420));
    }


    /** Row numbers 1..n as a list that holds nothing: the table asks for what it shows. */
    private static final class RowNumbers extends ObservableListBase<Long> {
        private final int size;

        RowNumbers(long rows) {
            this.size = (int) Math.min(Integer.MAX_VALUE, rows);
        }

        @Override
        public Long get(int index) {
            return index + 1L;
        }

        @Override
        public int size() {
            return size;
        }
    }

    /** Reads pages of the file on a background thread; the table shows "..." until a page arrives. */
    private static final class PageLoader {
        private final Runnable refresh;
        private final java.util.concurrent.ExecutorService reader = java.util.concurrent.Executors
                .newSingleThreadExecutor(r -> {
                    Thread t = new Thread(r, "predictbench-pages");
                    t.setDaemon(true);
                    return t;
                });
        private final java.util.Set<Long> pending = java.util.concurrent.ConcurrentHashMap.newKeySet();
        private volatile CsvPages pages;

        PageLoader(Runnable refresh) {
            this.refresh = refresh;
        }

        void use(CsvPages newPages) {
            pages = newPages;
            pending.clear();
        }

        String[] row(long row) {
            CsvPages current = pages;
            if (current == null) {
                return new String[0];
            }
            String[] cached = current.cachedRow(row);
            if (cached != null) {
                return cached;
            }
            long page = (row - 1) / CsvPages.PAGE;
            if (pending.add(page)) {
                reader.execute(() -> {
                    try {
                        current.row(row);
                    } catch (RuntimeException e) {
                        // The table keeps showing "..." for a page that cannot be read; validation reports why.
                    } finally {
                        pending.remove(page);
                        javafx.application.Platform.runLater(refresh);
                    }
                });
            }
            return null;
        }
    }
}
