package dev.predictbench.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.predictbench.Samples;
import dev.predictbench.cli.Cli;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Files written the ways users' tools write them (pandas to_csv with the options European
 * Excel, Windows and older tools use; sample-models/build_csv_dialects.py) score exactly
 * like the UTF-8 original: Python's golden probabilities for clinic-risk/valid.csv.
 */
class CsvDialectsTest {

    private static final Path DIALECTS = Path.of("src/test/resources/csv-dialects");

    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource(delimiterString = "|", value = {
            "excel-semicolon-cp1252.csv|--encoding=cp1252",
            "utf16.csv|",
            "utf8-bom.csv|",
            "latin1.csv|--encoding=latin-1",
            "question-mark-missing.csv|--missing=?"})
    void scoresLikeTheUtf8OriginalAndKeepsEveryCellAsWritten(String file, String option) throws Exception {
        Path scored = dir.resolve("scored.csv");
        List<String> args = new ArrayList<>(List.of("score", Samples.CLINIC_RISK.toString(), "--input",
                DIALECTS.resolve(file).toString(), "--output", scored.toString(), "--quiet"));
        if (option != null) {
            args.add(option);
        }
        Run run = run(args.toArray(String[]::new));
        assertEquals(0, run.code, run.err);
        List<Map<String, String>> rows = Samples.readCsv(scored);
        List<Map<String, String>> golden = Samples.readCsv(Samples.CLINIC_RISK.resolve("golden/valid_outputs.csv"));
        assertEquals(golden.size(), rows.size(), "blank lines at the end are not rows");
        for (int i = 0; i < rows.size(); i++) {
            assertEquals("ok", rows.get(i).get("status"), rows.get(i).get("errors"));
            assertEquals(golden.get(i).get("patient_id"), rows.get(i).get("patient_id"));
            for (String c : List.of("low", "medium", "high")) {
                assertEquals(Double.parseDouble(golden.get(i).get("p_" + c)),
                        Double.parseDouble(rows.get(i).get("p_" + c)), 1e-5, "row " + (i + 1) + " p_" + c);
            }
        }
        assertEquals("Dr. Sørensen", rows.get(1).get("clinician"), "text decoded, not mangled");
    }

    @Test
    void aLatin1FileReadAsUtf8NamesTheByteAndLineAndSaysWhatToDo() throws Exception {
        Path scored = dir.resolve("scored.csv");
        Run run = run("score", Samples.CLINIC_RISK.toString(), "--input", DIALECTS.resolve("latin1.csv").toString(),
                "--output", scored.toString(), "--quiet");
        assertEquals(2, run.code);
        byte[] bytes = Files.readAllBytes(DIALECTS.resolve("latin1.csv"));
        int first = 0;
        while (bytes[first] >= 0) {
            first++;
        }
        long line = 1 + new String(bytes, 0, first, java.nio.charset.StandardCharsets.ISO_8859_1).chars()
                .filter(c -> c == '\n').count();
        assertTrue(run.err.contains("latin1.csv: byte " + first + " (line " + line + ") is not valid UTF-8"), run.err);
        assertTrue(run.err.contains("--encoding cp1252"), run.err);
        assertFalse(Files.exists(scored));
    }

    @Test
    void withoutTheMissingOptionAQuestionMarkIsAnInvalidNumberNotAGuess() throws Exception {
        Path scored = dir.resolve("scored.csv");
        Run run = run("validate", Samples.CLINIC_RISK.toString(), "--input",
                DIALECTS.resolve("question-mark-missing.csv").toString(), "--quiet");
        assertEquals(0, run.code, run.err);
        assertTrue(run.out.contains("expected a number, found \"?\""), run.out);
        Run given = run("validate", Samples.CLINIC_RISK.toString(), "--input",
                DIALECTS.resolve("question-mark-missing.csv").toString(), "--quiet", "--missing", "?");
        assertTrue(given.out.contains("200 valid"), given.out);
    }

    @Test
    void theDataTableReadsUtf16AndSemicolonFilesPageByPage() {
        CsvPages utf16 = CsvPages.index(DIALECTS.resolve("utf16.csv"), bytes -> { }, () -> false);
        assertEquals(200, utf16.rows());
        assertEquals("P0150", utf16.row(150)[0]);
        assertEquals("Dr. Sørensen", utf16.row(2)[9]);
        CsvPages excel = CsvPages.index(DIALECTS.resolve("excel-semicolon-cp1252.csv"),
                CsvDialect.AUTO.withEncoding(CsvDialect.encodingNamed("cp1252")), bytes -> { }, () -> false);
        assertEquals(200, excel.rows(), "trailing blank lines are not rows");
        assertEquals(';', excel.dialect().delimiter());
        assertTrue(excel.dialect().readsDecimalComma());
        assertEquals("43,4", excel.row(1)[1]);
    }

    @Test
    void aDecimalCommaNeverGuessesDigitGrouping() {
        CsvDialect comma = CsvDialect.AUTO.withDecimalComma(true);
        assertEquals(1.5, comma.parseNumber("1,5"));
        assertEquals(1.5, comma.parseNumber("1.5"));
        assertEquals(-0.25, comma.parseNumber("-0,25"));
        assertThrows(NumberFormatException.class, () -> comma.parseNumber("1.234,5"));
        assertThrows(NumberFormatException.class, () -> comma.parseNumber("1,234,5"));
        assertThrows(NumberFormatException.class, () -> CsvDialect.AUTO.withDecimalComma(false).parseNumber("1,5"));
    }

    private record Run(int code, String out, String err) {
    }

    private static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Cli.run(args, new PrintWriter(out), new PrintWriter(err));
        return new Run(code, out.toString(), err.toString());
    }
}
