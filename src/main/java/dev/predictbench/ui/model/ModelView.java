package dev.predictbench.ui.model;

import dev.predictbench.bundle.Bundle;
import dev.predictbench.bundle.Manifest;
import dev.predictbench.bundle.SchemaSummary;
import dev.predictbench.scoring.Scorer;
import eu.hansolo.tilesfx.Tile;
import eu.hansolo.tilesfx.TileBuilder;

import javafx.beans.property.ReadOnlyObjectProperty;

import dev.predictbench.ui.Tables;
import javafx.collections.FXCollections;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.SplitPane;

import javafx.scene.control.TableView;
import javafx.scene.control.TitledPane;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.VBox;

/**
 * The model inspector: key facts as tiles (task, classes, widths, temperature,
 * quantization and precision, engine and device, the model file's sha256), the
 * schema with the preprocessing fitted at training time, the rules, and what the
 * manifest reader warned about.
 */
public final class ModelView extends BorderPane {

    private final FlowPane tiles = new FlowPane(8, 8);
    private final TableView<SchemaSummary.Row> schema = new TableView<>();
    private final ListView<String> rules = new ListView<>();
    private final ListView<String> warnings = new ListView<>();
    private final javafx.scene.control.Button editSchema = new javafx.scene.control.Button("Edit Schema...");
    private java.util.function.Consumer<Bundle> onEditSchema = bundle -> { };
    private final Label description = new Label("Open a model bundle (Ctrl+O), drop one onto the window, or import"
            + " a bare model with its scikit-learn files (File > Import).");

    public ModelView(ReadOnlyObjectProperty<Scorer> scorer) {
        setId("model-view");
        tiles.setPadding(new Insets(8));
        description.setWrapText(true);
        description.setPadding(new Insets(4, 8, 4, 8));
        schema.setId("schema-table");
        schema.setPlaceholder(new Label("No bundle open."));
        schema.getColumns().add(Tables.column("feature", SchemaSummary.Row::name, 170));
        schema.getColumns().add(Tables.column("type", SchemaSummary.Row::type, 80));
        schema.getColumns().add(Tables.column("range / categories", SchemaSummary.Row::range, 160));
        schema.getColumns().add(Tables.column("empty cell ->", SchemaSummary.Row::fill, 90));
        schema.getColumns().add(Tables.column("preprocessing", SchemaSummary.Row::step, 150));
        schema.getColumns().add(Tables.column("fitted at training", SchemaSummary.Row::parameters, 420));
        rules.setId("rules");
        rules.setPlaceholder(new Label("No business rules."));
        warnings.setPlaceholder(new Label("No warnings."));
        TitledPane rulesPane = new TitledPane("Business rules", rules);
        TitledPane warningsPane = new TitledPane("Manifest warnings", warnings);
        rulesPane.setCollapsible(false);
        warningsPane.setCollapsible(false);
        SplitPane lists = new SplitPane(rulesPane, warningsPane);
        SplitPane split = new SplitPane(schema, lists);
        split.setOrientation(Orientation.VERTICAL);
        split.setDividerPositions(0.62);
        // One row of tiles, scrolled sideways on a narrow window, so the schema table keeps its room.
        tiles.setPrefWrapLength(Double.MAX_VALUE);
        javafx.scene.control.ScrollPane tileRow = new javafx.scene.control.ScrollPane(tiles);
        tileRow.setFitToHeight(true);
        tileRow.setVbarPolicy(javafx.scene.control.ScrollPane.ScrollBarPolicy.NEVER);
        tileRow.setMinHeight(180);
        editSchema.setId("edit-schema");
        editSchema.setTooltip(new javafx.scene.control.Tooltip("Ranges, categories, fills and business rules,"
                + " counted on the open file and saved as a new bundle version"));
        editSchema.setOnAction(e -> {
            if (scorer.get() != null) {
                onEditSchema.accept(scorer.get().bundle());
            }
        });
        editSchema.disableProperty().bind(scorer.isNull());
        javafx.scene.layout.HBox actions = new javafx.scene.layout.HBox(8, editSchema);
        actions.setPadding(new Insets(0, 8, 4, 8));
        setTop(new VBox(tileRow, description, actions));
        setCenter(split);
        scorer.addListener((obs, old, s) -> show(s));
        show(scorer.get());
    }

    /** What Edit Schema does with the open bundle (the window opens the editor). */
    public void setOnEditSchema(java.util.function.Consumer<Bundle> action) {
        onEditSchema = action;
    }

    private void show(Scorer scorer) {
        tiles.getChildren().clear();
        if (scorer == null) {
            schema.setItems(FXCollections.observableArrayList());
            rules.getItems().clear();
            warnings.getItems().clear();
            return;
        }
        Bundle bundle = scorer.bundle();
        Manifest m = bundle.manifest();
        description.setText(m.description().isBlank() ? bundle.source().toString()
                : m.description() + "  (" + bundle.source() + ")");
        var q = m.model().quantization();
        tiles.getChildren().addAll(
                tile("Bundle", m.name(), "version " + m.version()),
                tile("Task", m.task().type().manifestName(), m.task().isClassification()
                        ? m.task().classes().size() + " classes" : "regression"),
                tile("Classes", m.task().isClassification() ? String.join(", ", m.task().classes()) : "-",
                        m.task().positiveClass() == null ? "" : "positive: " + m.task().positiveClass()),
                tile("Input -> output", m.inputWidth() + " -> " + scorer.outputWidth(),
                        m.features().size() + " features, " + m.model().output().manifestName()),
                tile("Temperature", String.valueOf(m.temperature()), "calibration"),
                tile("Quantization", q.scheme(), q.quantizesInput() ? "scale " + q.inputScale() + ", zero point "
                        + q.inputZeroPoint() : "precision " + scorer.precision()),
                tile("Engine", "PyTorch", "device " + scorer.device()
                        + (scorer.dropoutActive() ? ", MC dropout ok" : ", no MC dropout")),
                tile("Model file", m.model().sha256() != null ? "sha256 verified" : "sha256 not declared",
                        bundle.modelSha256().substring(0, 16) + "..."));
        schema.setItems(FXCollections.observableArrayList(SchemaSummary.of(m)));
        rules.setItems(FXCollections.observableArrayList(m.rules().stream()
                .map(r -> r.name() + ":  " + r.expression() + "   -- " + r.message()).toList()));
        warnings.setItems(FXCollections.observableArrayList(m.warnings()));
    }

    private static Tile tile(String title, String value, String footer) {
        Tile tile = TileBuilder.create()
                .skinType(Tile.SkinType.TEXT)
                .prefSize(180, 150)
                .textSize(Tile.TextSize.BIGGER)
                .title(title)
                .description(value)
                .descriptionAlignment(javafx.geometry.Pos.CENTER)
                .text(footer)
                .textVisible(true)
                .build();
        tile.getStyleClass().add("fact-tile");
        return dev.predictbench.ui.Theme.style(tile);
    }

}
