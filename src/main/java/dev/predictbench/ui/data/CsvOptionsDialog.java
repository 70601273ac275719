package dev.predictbench.ui.data;

import dev.predictbench.data.CsvDialect;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import javafx.scene.control.ButtonType;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
import javafx.stage.Window;

/**
 * How a CSV file is written, for files PredictBench cannot work out alone: the same
 * choices as the command line's --encoding, --delimiter, --decimal-comma and --missing.
 */
public final class CsvOptionsDialog {

    private static final String DETECT = "Detect";
    private static final Map<String, Charset> ENCODINGS = new LinkedHashMap<>();
    private static final Map<String, Character> DELIMITERS = new LinkedHashMap<>();
    private static final Map<String, Boolean> DECIMALS = new LinkedHashMap<>();

    static {
        ENCODINGS.put("Detect (byte-order mark, else UTF-8)", null);
        ENCODINGS.put("UTF-8", StandardCharsets.UTF_8);
        ENCODINGS.put("UTF-16", StandardCharsets.UTF_16);
        ENCODINGS.put("Windows-1252 (Excel on Windows)", Charset.forName("windows-1252"));
        ENCODINGS.put("ISO-8859-1 (Latin-1)", StandardCharsets.ISO_8859_1);
        DELIMITERS.put(DETECT, null);
        DELIMITERS.put("Comma ,", ',');
        DELIMITERS.put("Semicolon ;", ';');
        DELIMITERS.put("Tab", '\t');
        DELIMITERS.put("Pipe |", '|');
        DECIMALS.put("Auto (comma when ; delimits)", null);
        DECIMALS.put("Point 1.5", false);
        DECIMALS.put("Comma 1,5", true);
    }

    private CsvOptionsDialog() {
    }

    public static Optional<CsvDialect> show(Window owner, String fileName, CsvDialect current) {
        ChoiceBox<String> encoding = choice("csv-encoding", ENCODINGS, current.encoding());
        ChoiceBox<String> delimiter = choice("csv-delimiter", DELIMITERS, current.delimiter());
        ChoiceBox<String> decimal = choice("csv-decimal", DECIMALS, current.decimalComma());
        TextField missing = new TextField(current.missing().equals(CsvDialect.PANDAS_MISSING) ? ""
                : current.missing().stream().filter(m -> !m.isEmpty()).sorted().collect(Collectors.joining(",")));
        missing.setId("csv-missing");
        missing.setPromptText("pandas' markers: NA, NaN, null, N/A, None, ...");
        GridPane grid = new GridPane();
        grid.setHgap(10);
        grid.setVgap(8);
        grid.addRow(0, new Label("Encoding"), encoding);
        grid.addRow(1, new Label("Delimiter"), delimiter);
        grid.addRow(2, new Label("Decimal mark"), decimal);
        grid.addRow(3, new Label("Missing markers"), missing);
        grid.add(new Label("Comma-separated; an empty cell is always missing."), 1, 4);
        Dialog<ButtonType> dialog = new Dialog<>();
        dialog.initOwner(owner);
        dialog.setTitle("Open data with options");
        dialog.setHeaderText("How is " + fileName + " written?");
        dialog.getDialogPane().setContent(grid);
        dialog.getDialogPane().getButtonTypes().addAll(ButtonType.OK, ButtonType.CANCEL);
        return dialog.showAndWait().filter(ButtonType.OK::equals).map(b -> {
            CsvDialect dialect = new CsvDialect(ENCODINGS.get(encoding.getValue()),
                    DELIMITERS.get(delimiter.getValue()), DECIMALS.get(decimal.getValue()), CsvDialect.PANDAS_MISSING);
            String markers = missing.getText().strip();
            return markers.isEmpty() ? dialect : dialect.withMissing(Arrays.stream(markers.split(","))
                    .map(String::strip).filter(m -> !m.isEmpty()).collect(Collectors.toSet()));
        });
    }

    private static <T> ChoiceBox<String> choice(String id, Map<String, T> options, T current) {
        ChoiceBox<String> box = new ChoiceBox<>();
        box.setId(id);
        box.getItems().addAll(options.keySet());
        box.setValue(options.entrySet().stream().filter(e -> java.util.Objects.equals(e.getValue(), current))
                .map(Map.Entry::getKey).findFirst().orElse(options.keySet().iterator().next()));
        return box;
    }
}
