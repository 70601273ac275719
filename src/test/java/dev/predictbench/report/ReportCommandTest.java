package dev.predictbench.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.predictbench.Samples;
import dev.predictbench.cli.Cli;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The report's numbers are the commands' numbers, and the file stands alone. */
class ReportCommandTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path DIGITS = Path.of("sample-models", "digits");

    @TempDir
    Path dir;

    @Test
    void validationPredictionsAndDriftEqualTheCommandsOnAFileWithFailures() throws Exception {
        Path data = Samples.CLINIC_RISK.resolve("failures.csv");
        Path report = dir.resolve("report.html");
        assertTrue(run("report", Samples.CLINIC_RISK.toString(), "--data", data.toString(), "--out",
                report.toString(), "--quiet").startsWith("Wrote "));
        String html = Files.readString(report);

        JsonNode validate = json("validate", Samples.CLINIC_RISK.toString(), "--input", data.toString(), "--json");
        assertTrue(html.contains(card(validate.get("rows").asLong(), "rows")), "rows");
        assertTrue(html.contains(card(validate.get("valid").asLong(), "valid")), "valid");
        assertTrue(html.contains(card(validate.get("invalid").asLong(), "invalid")), "invalid");
        for (Iterator<Map.Entry<String, JsonNode>> it = validate.get("by_check").fields(); it.hasNext(); ) {
            var check = it.next();
            assertTrue(html.contains("<tr><td>" + check.getKey() + "</td><td class=\"n\">" + check.getValue().asLong()
                    + "</td></tr>"), check.getKey());
        }

        Path scored = dir.resolve("scored.csv");
        run("score", Samples.CLINIC_RISK.toString(), "--input", data.toString(), "--output", scored.toString(),
                "--quiet");
        Map<String, Long> predicted = Samples.readCsv(scored).stream().filter(r -> r.get("status").equals("ok"))
                .collect(Collectors.groupingBy(r -> r.get("prediction"), Collectors.counting()));
        for (String c : List.of("low", "medium", "high")) {
            assertTrue(html.contains("<tr><td>" + c + "</td><td class=\"n\">" + predicted.getOrDefault(c, 0L)
                    + "</td></tr>"), c);
        }

        JsonNode drift = json("drift", Samples.CLINIC_RISK.toString(), "--current", data.toString(), "--json");
        for (JsonNode feature : drift.get("features")) {
            String expected = "<tr><td>" + feature.get("name").asText() + "</td><td class=\"n\">"
                    + String.format(Locale.ROOT, "%.4f", feature.get("psi").asDouble()) + "</td>";
            assertTrue(html.contains(expected), expected);
        }
        assertTrue(html.contains("parity: 200 rows reproduce the training stack"));
        standsAlone(html);
    }

    @Test
    void calibrationAndUncertaintyEqualTheCommands() throws Exception {
        Path report = dir.resolve("digits.html");
        run("report", DIGITS.toString(), "--data", DIGITS.resolve("unseen.csv").toString(), "--validation",
                DIGITS.resolve("validation.csv").toString(), "--mc-passes", "5", "--out", report.toString(),
                "--quiet");
        String html = Files.readString(report);
        JsonNode calibrate = json("calibrate", DIGITS.toString(), "--validation",
                DIGITS.resolve("validation.csv").toString(), "--json");
        Function<Double, String> f4 = v -> String.format(Locale.ROOT, "%.4f", v);
        assertTrue(html.contains("T = " + f4.apply(calibrate.get("temperature").asDouble())), "temperature");
        for (String[] metric : new String[][] {{"NLL", "nll"}, {"ECE", "ece"}, {"MCE", "mce"}, {"Brier", "brier"},
                {"accuracy", "accuracy"}}) {
            String expected = "<tr><td>" + metric[0] + "</td><td class=\"n\">"
                    + f4.apply(calibrate.get("before").get(metric[1]).asDouble()) + "</td><td class=\"n\">"
                    + f4.apply(calibrate.get("after").get(metric[1]).asDouble()) + "</td></tr>";
            assertTrue(html.contains(expected), expected);
        }
        assertTrue(html.contains("5 passes per row over 360 valid rows, seed 1"), "uncertainty");
        assertTrue(html.contains("<h3>Reliability diagram</h3><svg"), "an inline chart");
        standsAlone(html);
    }

    private static void standsAlone(String html) {
        assertFalse(html.contains("<script"), "no script");
        assertFalse(html.contains("<link"), "no linked style sheet");
        assertFalse(html.matches("(?s).*(src|href)=\"https?:.*"), "no network reference");
    }

    private static String card(long value, String name) {
        return "<div class=\"card\"><b>" + String.format(Locale.ROOT, "%,d", value) + "</b>" + name + "</div>";
    }

    private static JsonNode json(String... args) throws Exception {
        return JSON.readTree(run(args));
    }

    /** What an in-process run printed on stdout; it must succeed. */
    private static String run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Cli.run(args, new PrintWriter(out), new PrintWriter(err));
        assertEquals(0, code, String.join(" ", args) + ": " + err);
        return out.toString();
    }
    @Test
    void theReportNeverReplacesTheFileItReportsOn() throws Exception {
        Path data = Files.copy(DIGITS.resolve("unseen.csv"), dir.resolve("data.csv"));
        byte[] before = Files.readAllBytes(data);
        Path link = Files.createSymbolicLink(dir.resolve("link.html"), data);
        for (Path[] c : new Path[][] {{data, data}, {link, link}}) {
            StringWriter err = new StringWriter();
            int code = Cli.run(new String[] {"report", DIGITS.toString(), "--data", data.toString(), "--out",
                    c[1].toString(), "--quiet"}, new PrintWriter(new StringWriter()), new PrintWriter(err));
            assertEquals(2, code, err.toString());
            assertTrue(err.toString().contains(c[1] + (c[1] == link ? ": is a symbolic link"
                    : ": is the same file as the input")), err.toString());
        }
        org.junit.jupiter.api.Assertions.assertArrayEquals(before, Files.readAllBytes(data));
        assertTrue(Files.isSymbolicLink(link));
    }
}
