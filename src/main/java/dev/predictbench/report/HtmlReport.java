package dev.predictbench.report;

import dev.predictbench.bundle.Manifest;
import dev.predictbench.data.AtomicFile;
import dev.predictbench.drift.DriftAnalysis;
import dev.predictbench.preprocess.PreprocessStep;
import dev.predictbench.schema.Feature;
import dev.predictbench.schema.ValidationLevel;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One self-contained HTML file: styles inline, charts as inline SVG, no script and no network
 * reference, so it can be mailed, archived and opened anywhere. Numbers are formatted as the
 * commands print them (T and metrics to 4 places, PSI and KS to 4, p-values to 2 digits).
 */
public final class HtmlReport {

    private static final String STYLE = """
            body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:0;color:#1f2328;background:#f6f8fa}
            main{max-width:1000px;margin:0 auto;padding:24px}
            header{background:#0b3d91;color:#fff;padding:20px 24px}
            header h1{margin:0 0 4px;font-size:24px} header p{margin:0;opacity:.85}
            section{background:#fff;border:1px solid #d0d7de;border-radius:8px;padding:16px 20px;margin:16px 0}
            h2{font-size:18px;margin:0 0 12px} h3{font-size:14px;margin:16px 0 8px}
            table{border-collapse:collapse;font-size:13px;margin:4px 0 8px}
            th,td{border-bottom:1px solid #eaeef2;padding:4px 10px;text-align:left;vertical-align:top}
            th{background:#f6f8fa} td.n{text-align:right;font-variant-numeric:tabular-nums}
            .ok{color:#1a7f37;font-weight:600} .bad{color:#cf222e;font-weight:600} .muted{color:#656d76}
            .cards{display:flex;gap:12px;flex-wrap:wrap} .card{border:1px solid #d0d7de;border-radius:6px;padding:8px 14px;min-width:120px}
            .card b{display:block;font-size:22px} code{font-size:12px}
            """;

    private HtmlReport() {
    }

    public static void write(ReportData report, Path out) {
        AtomicFile.writeString(out, render(report));
    }

    public static String render(ReportData r) {
        Manifest m = r.bundle().manifest();
        StringBuilder html = new StringBuilder(64 * 1024);
        html.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
                .append("<title>").append(esc("PredictBench report: " + r.bundle().title())).append("</title>")
                .append("<style>").append(STYLE).append("</style></head><body>\n");
        html.append("<header><h1>").append(esc(r.bundle().title())).append("</h1><p>")
                .append(esc(r.data().getFileName().toString())).append(" &middot; ")
                .append(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").format(r.created().atZone(ZoneOffset.UTC)))
                .append(" &middot; ").append(esc(r.device())).append("</p></header><main>\n");
        modelCard(html, r, m);
        validation(html, r);
        predictions(html, r);
        if (r.calibration() != null) {
            calibration(html, r.calibration());
        }
        if (r.uncertainty() != null) {
            uncertainty(html, r.uncertainty(), m);
        }
        if (r.drift() != null) {
            drift(html, r.drift());
        }
        html.append("<p class=\"muted\">Written by PredictBench. Every number here is computed by the same code as"
                + " the <code>validate</code>, <code>score</code>, <code>calibrate</code> and <code>drift</code>"
                + " commands.</p>\n</main></body></html>\n");
        return html.toString();
    }

    private static void modelCard(StringBuilder html, ReportData r, Manifest m) {
        html.append("<section id=\"model\"><h2>Model</h2>");
        if (!m.description().isBlank()) {
            html.append("<p>").append(esc(m.description())).append("</p>");
        }
        html.append("<table>");
        row(html, "Task", m.task().type().manifestName() + (m.task().isClassification()
                ? " " + m.task().classes() : ""));
        row(html, "Model", m.model().file() + " (" + m.model().output().manifestName() + "), sha256 "
                + r.bundle().modelSha256());
        row(html, "Input width", Integer.toString(m.inputWidth()));
        row(html, "Temperature", fmt4(m.temperature()));
        html.append("<tr><th>Parity</th><td>").append(r.parity().map(p -> "<span class=\"ok\">" + esc(p.describe())
                + "</span>").orElse("<span class=\"bad\">no parity file: nothing proves this bundle reproduces"
                + " training</span>")).append("</td></tr>");
        html.append("</table>").append(m.features().size() > 12 ? "<details><summary>" + m.features().size()
                + " features</summary>" : "<h3>Features</h3>")
                .append("<table><tr><th>name</th><th>type</th><th>range or categories</th></tr>");
        for (Feature f : m.features()) {
            List<String> trained = m.schema().encodedCategories().get(f.name());
            String range = !f.describeRange().isEmpty() || trained == null ? f.describeRange()
                    : String.join(", ", trained) + " (as trained)";
            html.append("<tr><td>").append(esc(f.name())).append("</td><td>").append(f.type().manifestName())
                    .append("</td><td>").append(esc(range)).append(f.fill() != null ? esc("  (empty -> " + f.fill() + ")")
                    : "").append("</td></tr>");
        }
        html.append("</table>").append(m.features().size() > 12 ? "</details>" : "")
                .append("<h3>Preprocessing</h3><table><tr><th>op</th><th>columns</th><th>width</th>"
                + "<th>parameters</th></tr>");
        for (PreprocessStep step : m.preprocessing()) {
            html.append("<tr><td>").append(esc(step.op())).append("</td><td>")
                    .append(esc(String.join(", ", step.columns()))).append("</td><td class=\"n\">").append(step.width())
                    .append("</td><td>").append(esc(step.describe())).append("</td></tr>");
        }
        html.append("</table>");
        if (!m.rules().isEmpty()) {
            html.append("<h3>Rules</h3><table>");
            m.rules().forEach(rule -> html.append("<tr><td>").append(esc(rule.name())).append("</td><td><code>")
                    .append(esc(rule.expression())).append("</code></td><td>").append(esc(rule.message()))
                    .append("</td></tr>"));
            html.append("</table>");
        }
        html.append("</section>\n");
    }

    private static void validation(StringBuilder html, ReportData r) {
        var v = r.validation();
        html.append("<section id=\"validation\"><h2>Validation</h2><div class=\"cards\">");
        card(html, "rows", v.rows());
        card(html, "valid", v.valid());
        card(html, "invalid", v.invalid());
        html.append("</div><h3>Rows failing at each level</h3><table>");
        for (ValidationLevel level : ValidationLevel.values()) {
            html.append("<tr><td>").append(level.label()).append("</td><td class=\"n\">")
                    .append(count(v.byLevel().getOrDefault(level, 0L))).append("</td></tr>");
        }
        html.append("</table>");
        if (!v.byCheck().isEmpty()) {
            html.append("<h3>Failures by check</h3><table><tr><th>check</th><th>failures</th></tr>");
            v.byCheck().entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed()).limit(30)
                    .forEach(e -> html.append("<tr><td>").append(esc(e.getKey())).append("</td><td class=\"n\">")
                            .append(count(e.getValue())).append("</td></tr>"));
            html.append("</table>");
        }
        html.append("</section>\n");
    }

    private static void predictions(StringBuilder html, ReportData r) {
        var p = r.predictions();
        html.append("<section id=\"predictions\"><h2>Predictions</h2><div class=\"cards\">");
        card(html, "rows scored", p.rows() - p.invalid());
        card(html, "invalid, not scored", p.invalid());
        html.append("</div>");
        if (!p.classes().isEmpty()) {
            html.append("<h3>Predicted class</h3><table>");
            p.predicted().forEach((c, n) -> html.append("<tr><td>").append(esc(c)).append("</td><td class=\"n\">")
                    .append(count(n)).append("</td></tr>"));
            // Up to four classes overlay readably; with more, the top class's probability says more.
            html.append("</table>").append(p.classes().size() <= 4
                    ? "<h3>Distribution of p_&lt;class&gt;</h3>" + Svg.histograms(p.histograms(),
                            p.classes().stream().map(c -> "p_" + c).toList(), "probability")
                    : "<h3>Confidence: the predicted class's probability</h3>" + Svg.histograms(
                            List.of(p.confidence()), List.of("top-class probability"), "probability"));
        } else if (!p.histograms().isEmpty()) {
            html.append("<h3>Distribution of the prediction</h3>")
                    .append(Svg.histograms(p.histograms(), List.of("prediction"), "prediction"));
        }
        html.append("</section>\n");
    }

    private static void calibration(StringBuilder html, ReportData.Calibration c) {
        html.append("<section id=\"calibration\"><h2>Calibration</h2><p>Temperature fitted on ")
                .append(count(c.rows())).append(" labelled rows of ").append(esc(c.file().getFileName().toString()))
                .append(" (column &quot;").append(esc(c.target())).append("&quot;): <b>T = ")
                .append(fmt4(c.temperature())).append("</b>");
        if (c.skippedInvalid() > 0) {
            html.append("; ").append(count(c.skippedInvalid())).append(" invalid rows left out");
        }
        html.append(".</p><table><tr><th></th><th>T = 1</th><th>fitted T</th></tr>");
        metric(html, "NLL", c.before().nll(), c.after().nll());
        metric(html, "ECE", c.before().ece(), c.after().ece());
        metric(html, "MCE", c.before().mce(), c.after().mce());
        metric(html, "Brier", c.before().brier(), c.after().brier());
        metric(html, "accuracy", c.before().accuracy(), c.after().accuracy());
        html.append("</table><h3>Reliability diagram</h3>")
                .append(Svg.reliability(c.before().bins(), c.after().bins())).append("</section>\n");
    }

    private static void uncertainty(StringBuilder html, ReportData.Uncertainty u, Manifest m) {
        var s = u.summary();
        html.append("<section id=\"uncertainty\"><h2>Uncertainty (Monte-Carlo dropout)</h2><p>")
                .append(u.passes()).append(" passes per row over ").append(count(s.rows())).append(" valid rows, seed ")
                .append(u.seed()).append(".</p>");
        if (m.task().isClassification()) {
            html.append(Svg.histograms(List.of(s.mutualInformation(), s.entropy()),
                    List.of("mutual information", "entropy"), "nats"));
        }
        html.append(Svg.histograms(List.of(s.std()), List.of("std (predicted class)"), "std of the predicted class's probability over passes"));
        html.append("<h3>Most uncertain rows</h3><table><tr><th>row</th><th>prediction</th><th>std</th>"
                + "<th>mutual information</th></tr>");
        s.mostUncertain().forEach(row -> html.append("<tr><td class=\"n\">").append(row.row()).append("</td><td>")
                .append(esc(row.prediction())).append("</td><td class=\"n\">").append(fmt4(row.std()))
                .append("</td><td class=\"n\">").append(Double.isNaN(row.mutualInformation()) ? "-"
                        : fmt4(row.mutualInformation())).append("</td></tr>"));
        html.append("</table></section>\n");
    }

    private static void drift(StringBuilder html, DriftAnalysis.Report d) {
        html.append("<section id=\"drift\"><h2>Drift against the reference sample</h2><p>")
                .append(count(d.currentRows())).append(" rows against ").append(count(d.referenceRows()))
                .append(" reference rows. PSI over the reference's deciles; KS two-sample test.</p>")
                .append("<table><tr><th>column</th><th>PSI</th><th>KS</th><th>p-value</th><th>shift</th></tr>");
        // The prediction first, then the columns that moved most.
        driftRow(html, d.prediction());
        d.features().stream().sorted(java.util.Comparator.comparingDouble(DriftAnalysis.ColumnDrift::psi).reversed())
                .forEach(c -> driftRow(html, c));
        html.append("</table>");
        d.warnings().forEach(w -> html.append("<p class=\"bad\">").append(esc(capitalise(w.message()) + ". "
                + capitalise(w.advice()) + ".")).append("</p>"));
        html.append("</section>\n");
    }

    private static void driftRow(StringBuilder html, DriftAnalysis.ColumnDrift c) {
        html.append("<tr><td>").append(esc(c.name())).append("</td><td class=\"n\">")
                .append(String.format(Locale.ROOT, "%.4f", c.psi())).append("</td><td class=\"n\">")
                .append(c.ks() == null ? "-" : String.format(Locale.ROOT, "%.4f", c.ks())).append("</td><td class=\"n\">")
                .append(c.pValue() == null ? "-" : String.format(Locale.ROOT, "%.2g", c.pValue())).append("</td><td")
                .append(c.drift() ? " class=\"bad\">" : ">").append(esc(c.band())).append(c.drift() ? " DRIFT" : "")
                .append("</td></tr>");
    }

    private static void metric(StringBuilder html, String name, double before, double after) {
        html.append("<tr><td>").append(name).append("</td><td class=\"n\">").append(fmt4(before))
                .append("</td><td class=\"n\">").append(fmt4(after)).append("</td></tr>");
    }

    private static void row(StringBuilder html, String name, String value) {
        html.append("<tr><th>").append(esc(name)).append("</th><td>").append(esc(value)).append("</td></tr>");
    }

    private static void card(StringBuilder html, String name, long value) {
        html.append("<div class=\"card\"><b>").append(count(value)).append("</b>").append(esc(name)).append("</div>");
    }

    static String fmt4(double v) {
        return String.format(Locale.ROOT, "%.4f", v);
    }

    private static String count(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }

    private static String capitalise(String text) {
        return text.isEmpty() ? text : Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }

    private static String esc(String text) {
        return Html.escape(text);
    }
}
