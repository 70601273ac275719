package dev.predictbench.ui.model;

import dev.predictbench.bundle.Bundle;
import dev.predictbench.bundle.BundleWriter;
import dev.predictbench.data.CsvDialect;
import dev.predictbench.schema.Feature;
import dev.predictbench.schema.FeatureType;
import dev.predictbench.schema.FileValidator;
import dev.predictbench.schema.Rule;
import dev.predictbench.schema.RuleSet;
import dev.predictbench.schema.Schema;
import dev.predictbench.schema.SchemaProposals;
import dev.predictbench.schema.ValidationSummary;
import dev.predictbench.scoring.Scorer;
import dev.predictbench.scoring.ScoringOptions;
import dev.predictbench.ui.LatestWins;
import java.nio.file.Path;
import java.text.NumberFormat;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.concurrent.Task;
import javafx.geometry.Insets;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.control.cell.ChoiceBoxTableCell;
import javafx.scene.control.cell.TextFieldTableCell;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/**
 * The schema editor: per feature its type, min / max, allowed categories and missing fill, and
 * the business rules in CEL, each edit counted at once against the open file (rows each range
 * or rule would reject), with ranges proposed from the training sample. Saving writes a new
 * bundle version beside the original, after its parity rows are re-scored; the original is
 * never touched. The counts run on a background thread, the save on the engine's.
 */
public final class SchemaEditor extends BorderPane {

    /** One feature as edited: text fields as the user typed them, checked when the schema is built. */
    public static final class FeatureRow {
        final String name;
        final SimpleObjectProperty<FeatureType> type;
        final StringProperty min = new SimpleStringProperty("");
        final StringProperty max = new SimpleStringProperty("");
        final StringProperty categories = new SimpleStringProperty("");
        final StringProperty fill = new SimpleStringProperty("");
        final StringProperty proposed = new SimpleStringProperty("");
        final StringProperty rejected = new SimpleStringProperty("");

        FeatureRow(Feature f) {
            name = f.name();
            type = new SimpleObjectProperty<>(f.type());
            min.set(f.min() == null ? "" : number(f.min()));
            max.set(f.max() == null ? "" : number(f.max()));
            categories.set(String.join(", ", f.values()));
            fill.set(f.fill() == null ? "" : f.fill());
        }

        public String name() {
            return name;
        }

        public String rejected() {
            return rejected.get();
        }

        public String proposed() {
            return proposed.get();
        }

        public void setRange(String newMin, String newMax) {
            min.set(newMin);
            max.set(newMax);
        }

        Feature toFeature() {
            List<String> values = categories.get().isBlank() ? List.of()
                    : Arrays.stream(categories.get().split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
            return new Feature(name, type.get(), parse("min", min.get()), parse("max", max.get()), values,
                    fill.get().isEmpty() ? null : fill.get());
        }

        private Double parse(String what, String text) {
            if (text.isBlank()) {
                return null;
            }
            try {
                double v = Double.parseDouble(text.strip());
                if (!Double.isFinite(v)) {
                    throw new NumberFormatException();
                }
                return v;
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(name + ": " + what + " \"" + text + "\" is not a finite number");
            }
        }
    }

    private final Bundle bundle;
    private final Path openFile;
    private final CsvDialect dialect;
    private final Path sample;
    private final ObservableList<FeatureRow> rows = FXCollections.observableArrayList();
    private final ObservableList<Rule> rules = FXCollections.observableArrayList();
    private final TableView<FeatureRow> table = new TableView<>(rows);
    private final ListView<Rule> ruleList = new ListView<>(rules);
    private final TextField ruleName = new TextField();
    private final TextArea ruleExpression = new TextArea();
    private final TextField ruleMessage = new TextField();
    private final Label ruleCheck = new Label();
    private final Label summary = new Label();
    private final LatestWins counting = new LatestWins(250);
    private Map<String, Long> lastCounts = Map.of();
    private long lastRows = -1;

    public SchemaEditor(Bundle bundle, Path openFile, CsvDialect dialect) {
        this(bundle, openFile, dialect, bundle.referenceFile().orElse(null));
    }

    /** @param sample the training sample to propose from (the bundle's reference, or the data an import read) */
    public SchemaEditor(Bundle bundle, Path openFile, CsvDialect dialect, Path sample) {
        this.bundle = bundle;
        this.openFile = openFile;
        this.dialect = dialect;
        this.sample = sample;
        setId("schema-editor");
        bundle.manifest().features().forEach(f -> rows.add(new FeatureRow(f)));
        rules.addAll(bundle.manifest().rules());
        rules.addListener((javafx.collections.ListChangeListener<Rule>) change -> recount());
        buildTable();
        setCenter(table);
        setBottom(buildRules());
        summary.setId("schema-summary");
        summary.setPadding(new Insets(4, 8, 4, 8));
        summary.setWrapText(true);
        setTop(summary);
        recount();
    }

    /** Whether there is a training sample to propose ranges from. */
    public boolean canPropose() {
        return sample != null;
    }

    public ObservableList<FeatureRow> featureRows() {
        return rows;
    }

    public ObservableList<Rule> rules() {
        return rules;
    }

    /** Rows of the open file rejected by the last count, per check ({@code column:min}, a rule's name). */
    public Map<String, Long> counts() {
        return lastCounts;
    }

    /** Rows the last count read from the open file; -1 before the first count ends. */
    public long countedRows() {
        return lastRows;
    }

    public String summaryText() {
        return summary.getText();
    }

    /** The syntax check of the rule being typed: empty when it compiles. */
    public String ruleProblem() {
        return ruleCheck.getText();
    }

    /** Types a rule into the editor, as the user would: checked as it is typed, added with {@link #addRule}. */
    public void typeRule(String name, String expression, String message) {
        ruleName.setText(name);
        ruleExpression.setText(expression);
        ruleMessage.setText(message);
    }

    /** Adds the typed rule when it compiles; returns whether it did. */
    public boolean addRule() {
        String name = ruleName.getText().strip();
        String expression = ruleExpression.getText().strip();
        if (name.isEmpty() || expression.isEmpty() || problem(expression).isPresent()
                || rules.stream().anyMatch(r -> r.name().equals(name))) {
            return false;
        }
        String message = ruleMessage.getText().strip();
        rules.add(new Rule(name, expression, message.isEmpty() ? "rule " + name + " does not hold" : message));
        ruleName.clear();
        ruleExpression.clear();
        ruleMessage.clear();
        return true;
    }

    /** Proposes every range and category list from the bundle's training sample (in the background). */
    public Task<List<SchemaProposals.Proposal>> propose() {
        Task<List<SchemaProposals.Proposal>> task = new Task<>() {
            @Override
            protected List<SchemaProposals.Proposal> call() {
                if (sample == null) {
                    throw new IllegalStateException("the bundle carries no training sample (reference) to propose from");
                }
                updateMessage("Reading the training sample " + sample.getFileName() + "...");
                return SchemaProposals.fromSample(bundle.manifest().schema(), sample, CsvDialect.AUTO, this::isCancelled);
            }
        };
        task.setOnSucceeded(e -> {
            List<SchemaProposals.Proposal> proposals = task.getValue();
            for (int i = 0; i < proposals.size(); i++) {
                SchemaProposals.Proposal p = proposals.get(i);
                FeatureRow row = rows.get(i);
                if (p.min() != null) {
                    row.proposed.set("observed [" + number(p.min()) + ", " + number(p.max()) + "]");
                    row.setRange(number(p.min()), number(p.max()));
                } else if (!p.categories().isEmpty()) {
                    row.proposed.set(p.categories().size() + " categories seen");
                    row.categories.set(String.join(", ", p.categories()));
                }
            }
            table.refresh();
            recount();
        });
        task.setOnFailed(e -> summary.setText("Cannot propose ranges: " + task.getException().getMessage()));
        Thread thread = new Thread(task, "predictbench-schema-proposals");
        thread.setDaemon(true);
        thread.start();
        return task;
    }

    /** The schema as edited, or an exception naming the first field that is not valid. */
    public List<Feature> editedFeatures() {
        return rows.stream().map(FeatureRow::toFeature).toList();
    }

    /**
     * Writes the edited schema as a new bundle version in {@code out}, re-checking its parity
     * rows with the engine first; run it on the engine's thread.
     */
    public Task<Bundle> save(Path out) {
        List<Feature> features = editedFeatures();
        List<Rule> edited = List.copyOf(rules);
        return new Task<>() {
            @Override
            protected Bundle call() {
                updateMessage("Checking the new version's parity rows...");
                Bundle saved = BundleWriter.withSchema(bundle, features, edited, out, written -> {
                    try (Scorer scorer = Scorer.open(written, ScoringOptions.defaults())) {
                        scorer.parity().ifPresent(p -> updateMessage("Checked " + p.describe() + "."));
                    }
                });
                updateMessage("Saved " + saved.manifest().name() + " " + saved.manifest().version() + " in " + out + ".");
                return saved;
            }
        };
    }

    private void buildTable() {
        table.setId("schema-editor-table");
        table.setEditable(true);
        table.getColumns().add(text("feature", r -> new ReadOnlyStringWrapper(r.name), 160, false));
        TableColumn<FeatureRow, FeatureType> type = new TableColumn<>("type");
        type.setCellValueFactory(c -> c.getValue().type);
        type.setCellFactory(ChoiceBoxTableCell.forTableColumn(FeatureType.values()));
        type.setOnEditCommit(e -> {
            e.getRowValue().type.set(e.getNewValue());
            recount();
        });
        type.setPrefWidth(90);
        table.getColumns().add(type);
        table.getColumns().add(text("min", r -> r.min, 80, true));
        table.getColumns().add(text("max", r -> r.max, 80, true));
        table.getColumns().add(text("allowed categories", r -> r.categories, 200, true));
        table.getColumns().add(text("empty cell ->", r -> r.fill, 90, true));
        table.getColumns().add(text("training sample", r -> r.proposed, 150, false));
        table.getColumns().add(text("rows rejected", r -> r.rejected, 110, false));
        table.setColumnResizePolicy(TableView.UNCONSTRAINED_RESIZE_POLICY);
    }

    private TableColumn<FeatureRow, String> text(String name,
                                                 java.util.function.Function<FeatureRow, javafx.beans.value.ObservableValue<String>> value,
                                                 double width, boolean editable) {
        TableColumn<FeatureRow, String> column = new TableColumn<>(name);
        column.setCellValueFactory(c -> value.apply(c.getValue()));
        column.setPrefWidth(width);
        column.setEditable(editable);
        if (editable) {
            column.setCellFactory(TextFieldTableCell.forTableColumn());
            column.setOnEditCommit(e -> {
                ((StringProperty) value.apply(e.getRowValue())).set(e.getNewValue() == null ? "" : e.getNewValue());
                recount();
            });
        }
        return column;
    }

    private VBox buildRules() {
        ruleList.setId("schema-rules");
        ruleList.setPrefHeight(120);
        ruleList.setCellFactory(list -> new ListCell<>() {
            @Override
            protected void updateItem(Rule rule, boolean empty) {
                super.updateItem(rule, empty);
                setText(empty || rule == null ? null : rule.name() + ":  " + rule.expression() + rejectedByRule(rule));
            }
        });
        ruleExpression.setId("rule-expression");
        ruleExpression.setPrefRowCount(2);
        ruleExpression.setPromptText("CEL, e.g. !(sex == 'M' && pregnant == 1)  or  row['mean radius'] > 0");
        ruleName.setPromptText("name");
        ruleMessage.setPromptText("message shown for a row that breaks it");
        ruleCheck.setId("rule-check");
        ruleCheck.setWrapText(true);
        ruleExpression.textProperty().addListener((obs, was, now) ->
                ruleCheck.setText(now.isBlank() ? "" : problem(now).map(p -> p.replace('\n', ' ')).orElse("")));
        Button add = new Button("Add Rule");
        add.setOnAction(e -> addRule());
        Button remove = new Button("Remove Rule");
        remove.setOnAction(e -> {
            rules.removeAll(List.copyOf(ruleList.getSelectionModel().getSelectedItems()));
        });
        GridPane form = new GridPane();
        form.setHgap(6);
        form.setVgap(4);
        form.addRow(0, new Label("Name"), ruleName);
        form.addRow(1, new Label("Rule"), ruleExpression);
        form.addRow(2, new Label("Message"), ruleMessage);
        GridPane.setHgrow(ruleExpression, Priority.ALWAYS);
        VBox box = new VBox(6, new Label("Business rules (CEL)"), ruleList, form, ruleCheck, new HBox(6, add, remove));
        box.setPadding(new Insets(6, 8, 6, 8));
        return box;
    }

    private String rejectedByRule(Rule rule) {
        Long n = lastCounts.get(rule.name());
        return lastRows < 0 ? "" : "   (" + format(n == null ? 0 : n) + " rows rejected)";
    }

    private Optional<String> problem(String expression) {
        try {
            return RuleSet.problemWith(expression, editedFeatures());
        } catch (IllegalArgumentException e) {
            return RuleSet.problemWith(expression, bundle.manifest().features());
        }
    }

    /** Counts again, in the background, what the edited schema rejects in the open file. */
    private void recount() {
        if (openFile == null) {
            summary.setText("Open a data file to see how many of its rows each range and rule rejects.");
            return;
        }
        Schema schema;
        try {
            schema = new Schema(editedFeatures(), List.copyOf(rules), bundle.manifest().schema().encodedCategories());
        } catch (IllegalArgumentException e) {
            summary.setText(e.getMessage());
            return;
        }
        summary.setText("Counting the rows of " + openFile.getFileName() + " this schema rejects...");
        counting.submit(() -> {
            try {
                return FileValidator.run(schema, openFile, dev.predictbench.schema.ColumnMapping.NONE, dialect,
                        failure -> { }, FileValidator.Progress.NONE, () -> false);
            } catch (RuntimeException e) {
                return e;
            }
        }, result -> {
            if (result instanceof RuntimeException e) {
                summary.setText("Cannot count against " + openFile.getFileName() + ": " + e.getMessage());
                return;
            }
            show((ValidationSummary) result);
        });
    }

    private void show(ValidationSummary counted) {
        lastCounts = counted.byCheck();
        lastRows = counted.rows();
        for (FeatureRow row : rows) {
            long n = lastCounts.entrySet().stream().filter(e -> e.getKey().startsWith(row.name + ":"))
                    .mapToLong(Map.Entry::getValue).sum();
            row.rejected.set(n == 0 ? "0" : format(n));
        }
        table.refresh();
        ruleList.refresh();
        summary.setText(format(counted.invalid()) + " of " + format(counted.rows()) + " rows of "
                + openFile.getFileName() + " break this schema.");
    }

    private static String number(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
    }

    private static String format(long n) {
        return NumberFormat.getIntegerInstance().format(n);
    }

    /** Shows a problem with the edits (a field that is not a number) where the counts are shown. */
    public void showProblem(String text) {
        summary.setText(text);
    }

    /** Stops the counting thread; the dialog calls it when it closes. */
    public void close() {
        counting.close();
    }
}
