package dev.predictbench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * --guard-formulas defused input cells but left formulas in the header and in class labels,
 * and validate --report wrote the offending values as they were: every text cell a
 * spreadsheet could run is now defused in both files.
 */
class FormulaGuardCommandsTest {

    @TempDir
    Path dir;

    private Path bundleWithFormulaLabels() throws IOException {
        Path bundle = dir.resolve("clinic");
        Files.createDirectories(bundle);
        for (String file : List.of("model.pt", "reference.csv")) {
            Files.copy(Path.of("sample-models/clinic-risk", file), bundle.resolve(file));
        }
        List<String> parity = new java.util.ArrayList<>(Files.readAllLines(Path.of("sample-models/clinic-risk/parity.csv")));
        parity.set(0, parity.get(0).replace("p_low", "p_=low").replace("p_high", "p_@high"));
        Files.write(bundle.resolve("parity.csv"), parity);
        String manifest = Files.readString(Path.of("sample-models/clinic-risk/bundle.json"));
        Files.writeString(bundle.resolve("bundle.json"), manifest.replace("\"low\"", "\"=low\"")
                .replace("\"high\"", "\"@high\""));
        return bundle;
    }

    private Path inputWithFormulas() throws IOException {
        List<String> lines = Files.readAllLines(Path.of("sample-models/clinic-risk/valid.csv")).subList(0, 40);
        StringBuilder text = new StringBuilder(lines.get(0) + ",=HYPERLINK(\"http://x\")\n");
        for (int i = 1; i < lines.size(); i++) {
            text.append(lines.get(i)).append(i == 3 ? ",@SUM(A1:A9)" : ",-3.5").append('\n');
        }
        Path input = dir.resolve("in.csv");
        Files.writeString(input, text);
        return input;
    }

    private static List<CSVRecord> read(Path file) throws IOException {
        try (CSVParser parser = CSVParser.parse(file, java.nio.charset.StandardCharsets.UTF_8, CSVFormat.RFC4180)) {
            return parser.getRecords();
        }
    }

    @Test
    void scoreDefusesTheHeaderInputCellsAndClassLabels() throws IOException {
        Path out = dir.resolve("scored.csv");
        CliRun run = CliRun.of("score", bundleWithFormulaLabels().toString(), "--input", inputWithFormulas().toString(),
                "--output", out.toString(), "--guard-formulas");
        assertEquals(0, run.code(), run.err());
        List<CSVRecord> rows = read(out);
        for (CSVRecord row : rows) {
            for (String cell : row) {
                assertFalse(!cell.isEmpty() && "=+@\t\r".indexOf(cell.charAt(0)) >= 0, "undefused cell " + cell + " in " + row);
            }
        }
        assertTrue(rows.get(0).toList().contains("'=HYPERLINK(\"http://x\")"), rows.get(0).toString());
        assertTrue(rows.stream().anyMatch(r -> r.toList().contains("'=low") || r.toList().contains("'@high")));
        assertTrue(rows.get(1).toList().contains("-3.5"), "numbers are not touched: " + rows.get(1));
    }

    @Test
    void validateReportDefusesTheOffendingValues() throws IOException {
        Path input = dir.resolve("bad.csv");
        List<String> lines = Files.readAllLines(Path.of("sample-models/clinic-risk/valid.csv")).subList(0, 3);
        Files.writeString(input, lines.get(0) + "\n" + lines.get(1).replace(",west,", ",=cmd|' /C calc'!A0,") + "\n");
        Path report = dir.resolve("failures.csv");
        CliRun run = CliRun.of("validate", "sample-models/clinic-risk", "--input", input.toString(), "--report",
                report.toString());
        assertEquals(0, run.code(), run.err());
        List<CSVRecord> rows = read(report);
        assertTrue(rows.stream().anyMatch(r -> r.get(4).equals("'=cmd|' /C calc'!A0")), rows.toString());
        for (CSVRecord row : rows) {
            for (String cell : row) {
                assertFalse(cell.startsWith("="), row.toString());
            }
        }
    }
}
