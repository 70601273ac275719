package dev.predictbench.data;

import dev.predictbench.InputException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Set;

/**
 * How a CSV file is written: its encoding, delimiter, decimal mark and the cells that mean
 * "no value". Null fields are found from the file: a byte-order mark or UTF-8 for the
 * encoding, the first line for the delimiter, and a decimal comma exactly when the
 * delimiter is ';' (European Excel writes both).
 *
 * @param encoding null to detect (a BOM for UTF-8 or UTF-16, else UTF-8)
 * @param delimiter null to sniff from the first line
 * @param decimalComma null for "when the delimiter is ';'"; with a decimal comma, 1,5 and 1.5 both read 1.5
 * @param missing the stripped cells that mean "missing" (the empty cell always does)
 */
public record CsvDialect(Charset encoding, Character delimiter, Boolean decimalComma, Set<String> missing) {

    /** pandas' default na_values (pandas 1.5 and 2.x), plus the empty cell: what training pipelines saw as NaN. */
    public static final Set<String> PANDAS_MISSING = Set.of("", "#N/A", "#N/A N/A", "#NA", "-1.#IND", "-1.#QNAN",
            "-NaN", "-nan", "1.#IND", "1.#QNAN", "<NA>", "N/A", "NA", "NULL", "NaN", "None", "n/a", "nan", "null");

    /** Everything found from the file; pandas' missing markers. */
    public static final CsvDialect AUTO = new CsvDialect(null, null, null, PANDAS_MISSING);

    public CsvDialect {
        missing = missing == null ? PANDAS_MISSING : Set.copyOf(missing);
    }

    public CsvDialect withEncoding(Charset charset) {
        return new CsvDialect(charset, delimiter, decimalComma, missing);
    }

    public CsvDialect withDelimiter(Character c) {
        return new CsvDialect(encoding, c, decimalComma, missing);
    }

    public CsvDialect withDecimalComma(Boolean comma) {
        return new CsvDialect(encoding, delimiter, comma, missing);
    }

    /** The given markers and the empty cell mean "missing"; pandas' list no longer applies. */
    public CsvDialect withMissing(Set<String> markers) {
        var all = new java.util.HashSet<>(markers);
        all.add("");
        return new CsvDialect(encoding, delimiter, decimalComma, all);
    }

    /** Whether the cell, exactly as given (pandas strips nothing before matching), is a missing marker. */
    public boolean isMissing(String cell) {
        return missing.contains(cell);
    }

    /** Whether ',' is read as the decimal mark (resolved once the delimiter is known). */
    public boolean readsDecimalComma() {
        return Boolean.TRUE.equals(decimalComma);
    }

    /**
     * A number cell, as pandas.read_csv reads it ({@link PandasNumber}: ASCII blanks around it, no
     * {@code 2.5f}, {@code 0x1p3} or {@code NaN}, {@code inf} and {@code infinity} read as
     * infinities): '.' is always the decimal mark; with a decimal comma, one ',' is too. A cell
     * with both, or with two commas ("1.234,5", "1,2,3"), is not a number: digit grouping is
     * never guessed.
     *
     * @throws NumberFormatException when pandas would read the cell as text
     */
    public double parseNumber(String text) {
        if (readsDecimalComma()) {
            int comma = text.indexOf(',');
            if (comma >= 0) {
                if (text.indexOf('.') >= 0 || text.indexOf(',', comma + 1) >= 0) {
                    throw new NumberFormatException(text);
                }
                text = text.replace(',', '.');
            }
        }
        double value = PandasNumber.parse(text);
        if (Double.isNaN(value)) {
            throw new NumberFormatException(text);
        }
        return value;
    }

    /** utf-8, utf-16, latin-1, cp1252 and every name Java knows, as given to --encoding. */
    public static Charset encodingNamed(String name) {
        String key = name.strip().toLowerCase(Locale.ROOT).replace('_', '-');
        switch (key) {
            case "latin-1", "latin1", "iso-8859-1" -> {
                return StandardCharsets.ISO_8859_1;
            }
            case "cp1252", "windows-1252", "ansi" -> {
                return Charset.forName("windows-1252");
            }
            default -> {
                try {
                    return Charset.forName(key);
                } catch (IllegalArgumentException e) {
                    throw new InputException("unknown encoding \"" + name + "\"; expected utf-8, utf-16, latin-1,"
                            + " cp1252 or another name Java knows");
                }
            }
        }
    }

    /** "," ";" "tab" "|" or any single character, as given to --delimiter. */
    public static char delimiterNamed(String name) {
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "tab", "\\t" -> '\t';
            case "comma" -> ',';
            case "semicolon" -> ';';
            case "pipe" -> '|';
            default -> {
                if (name.length() != 1 || name.charAt(0) == '"' || name.charAt(0) == '\n' || name.charAt(0) == '\r') {
                    throw new InputException("delimiter \"" + name + "\": expected one character (, ; | or tab)");
                }
                yield name.charAt(0);
            }
        };
    }
}
