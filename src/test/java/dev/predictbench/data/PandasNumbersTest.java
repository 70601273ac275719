package dev.predictbench.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;

/**
 * Every cell of the golden table (sample-models/build_pandas_numbers.py: how pandas 1.5's
 * read_csv, default C engine, reads 434 candidate cells in a column that is otherwise numeric)
 * is read the same way here: a number where pandas gives a float, text ("not a number") where
 * pandas gives the column dtype object, missing where pandas gives NaN.
 *
 * <p>What is compared: a number must equal, bit for bit, pandas' {@code float_precision=
 * 'round_trip'} value, which is correctly rounded. pandas' default parser (precise_xstrtod) keeps
 * 17 digits and scales in floating point, so it is off by an ulp for some cells with 16 or more
 * digits (and off by more when leading zeros eat its 17 digits): where our value differs from the
 * default parser's, the cell must have at least 16 digits. The kind (number, text, missing) always
 * follows the default parser. Two cells are excluded by design: "None", which pandas 2 reads as
 * missing and pandas 1.5 as text (PredictBench follows pandas 2's na_values), and "1\0", which
 * pandas reads as 1 because C ends the string at the NUL; here it is text (narrower, and safer).
 */
class PandasNumbersTest {

    private static final Path GOLDEN = Path.of("src/test/resources/numbers/pandas-cells.csv");

    record Cell(String text, String shown, String kind, double high, double roundTrip) {
    }

    static List<Cell> golden() throws IOException {
        List<Cell> cells = new ArrayList<>();
        try (Reader reader = Files.newBufferedReader(GOLDEN)) {
            for (CSVRecord r : CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).build().parse(reader)) {
                String text = new String(HexFormat.of().parseHex(r.get("cell_hex")), StandardCharsets.UTF_8);
                boolean number = r.get("kind").equals("number");
                cells.add(new Cell(text, r.get("shown"), r.get("kind"), number ? hex(r.get("high")) : Double.NaN,
                        number ? hex(r.get("round_trip")) : Double.NaN));
            }
        }
        return cells;
    }

    private static double hex(String pythonHex) {
        return switch (pythonHex) {
            case "inf" -> Double.POSITIVE_INFINITY;
            case "-inf" -> Double.NEGATIVE_INFINITY;
            default -> Double.parseDouble(pythonHex);
        };
    }

    @Test
    void everyCellReadsAsPandasReadsIt() throws IOException {
        List<Cell> cells = golden();
        assertTrue(cells.size() > 400, "the golden table holds " + cells.size() + " cells");
        List<String> wrong = new ArrayList<>();
        int numbers = 0;
        for (Cell cell : cells) {
            if (cell.text().equals("None") || cell.text().indexOf('\0') >= 0) {
                continue;
            }
            String got = kind(CsvDialect.AUTO, cell.text());
            double value = PandasNumber.parse(cell.text());
            if (!got.equals(cell.kind())) {
                wrong.add(cell.shown() + ": pandas " + cell.kind() + ", here " + got + " " + value);
                continue;
            }
            if (cell.kind().equals("number")) {
                numbers++;
                if (Double.doubleToRawLongBits(value) != Double.doubleToRawLongBits(cell.roundTrip())) {
                    wrong.add(cell.shown() + ": correctly rounded " + cell.roundTrip() + ", here " + value);
                }
                if (value != cell.high() && digits(cell.text()) < 16) {
                    wrong.add(cell.shown() + ": pandas' default parser gives " + cell.high() + ", here " + value
                            + ", with too few digits for pandas to round it differently");
                }
            }
            // The byte path (rows kept as bytes) agrees with the text path for every one-byte cell.
            byte[] bytes = cell.text().getBytes(StandardCharsets.ISO_8859_1);
            if (cell.text().chars().allMatch(c -> c < 128) && bytes.length > 0) {
                byte[] padded = (cell.text() + ",99999999").getBytes(StandardCharsets.ISO_8859_1);
                double fromBytes = PlainDecimal.parse(padded, 0, bytes.length);
                if (Double.doubleToRawLongBits(fromBytes) != Double.doubleToRawLongBits(value)) {
                    wrong.add(cell.shown() + ": from bytes " + fromBytes + ", from text " + value);
                }
            }
        }
        assertEquals(List.of(), wrong);
        assertTrue(numbers > 140, numbers + " numbers");
    }

    @Test
    void javaGrammarThatPandasReadsAsTextIsNotANumber() {
        for (String cell : List.of("2.5f", "3d", "1D", "0x1p3", "0x10", "1_000", "NaN", "Infinityf", "\u0663",
                "\uff11\uff12", "1,5", "\u00a01.5", "\u20031.5", " inf", "1e", "1e400", "0e309")) {
            assertThrows(NumberFormatException.class, () -> CsvDialect.AUTO.parseNumber(cell), cell);
        }
        assertEquals(Double.POSITIVE_INFINITY, CsvDialect.AUTO.parseNumber("iNfInItY"));
        assertEquals(Double.NEGATIVE_INFINITY, CsvDialect.AUTO.parseNumber("-inf"));
        assertEquals(7.0, CsvDialect.AUTO.parseNumber(" \t007 "));
        assertEquals(0.0, CsvDialect.AUTO.parseNumber("1e-400"));
        // Dotless i folds to I in Java's equalsIgnoreCase; C's strcasecmp leaves it alone.
        assertThrows(NumberFormatException.class, () -> CsvDialect.AUTO.parseNumber("\u0131nf"));
        // A decimal comma, when the dialect has one, on top of pandas' grammar.
        assertEquals(1.5, CsvDialect.AUTO.withDecimalComma(true).parseNumber(" 1,5 "));
        assertFalse(Double.isNaN(PandasNumber.parse("1e" + "0".repeat(16) + "5")));
        assertTrue(Double.isNaN(PandasNumber.parse("1e" + "0".repeat(17) + "5")), "pandas reads 17 exponent digits");
    }

    /**
     * The validator reads each cell of the table in a number feature ("mean radius", min 0, no fill)
     * as pandas does: from text cells, and from a real file whose plain rows are kept as bytes.
     */
    @Test
    void theValidatorDecidesEveryCellAsPandasDoes(@org.junit.jupiter.api.io.TempDir Path dir) throws IOException {
        var bundle = dev.predictbench.bundle.BundleLoader.load(dev.predictbench.Samples.BREAST_CANCER);
        Path unseen = dev.predictbench.Samples.BREAST_CANCER.resolve("unseen.csv");
        List<String> lines = Files.readAllLines(unseen);
        List<String> header = List.of(lines.get(0).split(","));
        int column = header.indexOf("mean radius");
        String[] good = lines.get(1).split(",", -1);
        List<Cell> cells = golden().stream().filter(c -> !c.text().equals("None") && c.text().indexOf('\0') < 0)
                .toList();
        StringBuilder file = new StringBuilder(lines.get(0)).append('\n');
        for (Cell cell : cells) {
            String[] row = good.clone();
            row[column] = cell.text();
            file.append(csvLine(row)).append('\n');
        }
        Path csv = dir.resolve("cells.csv");
        Files.writeString(csv, file, StandardCharsets.UTF_8);
        var schema = bundle.manifest().schema();
        var features = bundle.manifest().features().size();
        List<String> wrong = new ArrayList<>();
        try (CsvSource source = CsvSource.open(csv)) {
            var validator = dev.predictbench.schema.RowValidator.bind(schema, source.header(), csv.toString(),
                    source.dialect());
            for (Cell cell : cells) {
                DataRow row = source.next();
                String[] text = good.clone();
                text[column] = cell.text();
                String expected = switch (cell.kind()) {
                    case "number" -> Double.isInfinite(cell.roundTrip()) ? "mean radius:finite"
                            : cell.roundTrip() < 0 ? "mean radius:min" : "";
                    case "missing" -> "mean radius:missing";
                    default -> "mean radius:type";
                };
                for (boolean fromFile : new boolean[] {true, false}) {
                    var parsed = dev.predictbench.schema.ParsedRow.forFeatures(features);
                    List<dev.predictbench.schema.ValidationFailure> failures = new ArrayList<>();
                    if (fromFile) {
                        validator.validate(row, parsed, failures);
                    } else {
                        validator.validate(1, text, parsed, failures);
                    }
                    String got = String.join(";", failures.stream().map(f -> f.check()).toList());
                    if (!got.equals(expected)) {
                        wrong.add(cell.shown() + (fromFile ? " (file)" : " (text)") + ": expected '" + expected
                                + "', got '" + got + "'");
                    } else if (expected.isEmpty() && Double.doubleToRawLongBits(parsed.numbers()[0])
                            != Double.doubleToRawLongBits(cell.roundTrip())) {
                        wrong.add(cell.shown() + ": read " + parsed.numbers()[0] + ", pandas " + cell.roundTrip());
                    }
                }
            }
        }
        assertEquals(List.of(), wrong);
    }

    private static String csvLine(String[] cells) {
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < cells.length; i++) {
            String c = cells[i];
            line.append(i == 0 ? "" : ",");
            line.append(c.contains(",") || c.contains("\"") ? "\"" + c.replace("\"", "\"\"") + "\"" : c);
        }
        return line.toString();
    }

    /** number, missing or text, as the validator decides for a number feature's cell. */
    private static String kind(CsvDialect dialect, String cell) {
        try {
            dialect.parseNumber(cell);
            return "number";
        } catch (NumberFormatException e) {
            return dialect.isMissing(cell) ? "missing" : "text";
        }
    }

    private static int digits(String text) {
        return (int) text.chars().filter(c -> c >= '0' && c <= '9').count();
    }
}
