package dev.predictbench.report;

import dev.predictbench.calibration.ReliabilityBin;
import dev.predictbench.uncertainty.Histogram;
import java.util.List;
import java.util.Locale;

/** Small charts as inline SVG, so a report is one file that needs no network and no script. */
final class Svg {

    private static final int WIDTH = 560;
    private static final int HEIGHT = 240;
    private static final int LEFT = 48;
    private static final int BOTTOM = 36;
    private static final int TOP = 12;
    private static final int RIGHT = 12;

    private Svg() {
    }

    /** Overlaid step histograms sharing the x axis, one colour per series, counts on the y axis. */
    static String histograms(List<Histogram> series, List<String> names, String xLabel) {
        long max = 1;
        for (Histogram h : series) {
            for (long c : h.counts()) {
                max = Math.max(max, c);
            }
        }
        StringBuilder svg = open(xLabel, "rows");
        double plotW = WIDTH - LEFT - RIGHT;
        double plotH = HEIGHT - TOP - BOTTOM;
        for (int s = 0; s < series.size(); s++) {
            Histogram h = series.get(s);
            long[] counts = h.counts();
            double barW = plotW / counts.length;
            StringBuilder path = new StringBuilder();
            for (int i = 0; i < counts.length; i++) {
                double x = LEFT + i * barW;
                double y = TOP + plotH * (1 - (double) counts[i] / max);
                path.append(i == 0 ? "M" : "L").append(f(x)).append(',').append(f(y))
                        .append("L").append(f(x + barW)).append(',').append(f(y));
            }
            String colour = Palette.of(s);
            svg.append("<path d=\"").append(path).append("\" fill=\"none\" stroke=\"").append(colour)
                    .append("\" stroke-width=\"2\"><title>").append(Html.escape(names.get(s))).append("</title></path>\n");
        }
        axes(svg, series.isEmpty() ? 0 : series.get(0).low(), series.isEmpty() ? 1 : series.get(0).high(), max);
        legend(svg, names, WIDTH - RIGHT - 190);
        return svg.append("</svg>").toString();
    }

    /** Reliability diagram: accuracy against confidence per bin, before and after scaling, and the diagonal. */
    static String reliability(List<ReliabilityBin> before, List<ReliabilityBin> after) {
        StringBuilder svg = open("confidence", "accuracy");
        double plotW = WIDTH - LEFT - RIGHT;
        double plotH = HEIGHT - TOP - BOTTOM;
        svg.append("<line x1=\"").append(LEFT).append("\" y1=\"").append(TOP + plotH).append("\" x2=\"")
                .append(LEFT + plotW).append("\" y2=\"").append(TOP)
                .append("\" stroke=\"#888\" stroke-dasharray=\"4 3\"/>\n");
        List<List<ReliabilityBin>> both = List.of(before, after);
        for (int s = 0; s < 2; s++) {
            StringBuilder points = new StringBuilder();
            for (ReliabilityBin bin : both.get(s)) {
                if (bin.count() == 0) {
                    continue;
                }
                double x = LEFT + plotW * bin.confidence();
                double y = TOP + plotH * (1 - bin.accuracy());
                points.append(f(x)).append(',').append(f(y)).append(' ');
                svg.append("<circle cx=\"").append(f(x)).append("\" cy=\"").append(f(y)).append("\" r=\"3\" fill=\"")
                        .append(Palette.of(s)).append("\"/>\n");
            }
            svg.append("<polyline points=\"").append(points).append("\" fill=\"none\" stroke=\"").append(Palette.of(s))
                    .append("\" stroke-width=\"2\"/>\n");
        }
        axes(svg, 0, 1, -1);
        legend(svg, List.of("T = 1", "fitted T"), LEFT + 8); // top left: over-confident bins lie below the diagonal
        return svg.append("</svg>").toString();
    }

    private static StringBuilder open(String xLabel, String yLabel) {
        StringBuilder svg = new StringBuilder();
        svg.append("<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 ").append(WIDTH).append(' ').append(HEIGHT)
                .append("\" width=\"").append(WIDTH).append("\" height=\"").append(HEIGHT)
                .append("\" font-family=\"sans-serif\" font-size=\"11\">\n");
        svg.append("<text x=\"").append(LEFT + (WIDTH - LEFT - RIGHT) / 2).append("\" y=\"").append(HEIGHT - 4)
                .append("\" text-anchor=\"middle\">").append(Html.escape(xLabel)).append("</text>\n");
        svg.append("<text x=\"12\" y=\"").append(TOP + (HEIGHT - TOP - BOTTOM) / 2)
                .append("\" text-anchor=\"middle\" transform=\"rotate(-90 12 ").append(TOP + (HEIGHT - TOP - BOTTOM) / 2)
                .append(")\">").append(Html.escape(yLabel)).append("</text>\n");
        return svg;
    }

    /** Axes with five ticks each; {@code yMax} < 0 means a 0-1 axis. */
    private static void axes(StringBuilder svg, double xLow, double xHigh, long yMax) {
        double plotW = WIDTH - LEFT - RIGHT;
        double plotH = HEIGHT - TOP - BOTTOM;
        double bottom = TOP + plotH;
        svg.append("<line x1=\"").append(LEFT).append("\" y1=\"").append(f(bottom)).append("\" x2=\"")
                .append(f(LEFT + plotW)).append("\" y2=\"").append(f(bottom)).append("\" stroke=\"#444\"/>\n");
        svg.append("<line x1=\"").append(LEFT).append("\" y1=\"").append(TOP).append("\" x2=\"").append(LEFT)
                .append("\" y2=\"").append(f(bottom)).append("\" stroke=\"#444\"/>\n");
        for (int i = 0; i <= 4; i++) {
            double x = LEFT + plotW * i / 4;
            double y = bottom - plotH * i / 4;
            svg.append("<text x=\"").append(f(x)).append("\" y=\"").append(f(bottom + 14))
                    .append("\" text-anchor=\"middle\">").append(tick(xLow + (xHigh - xLow) * i / 4)).append("</text>\n");
            String yText = yMax < 0 ? tick(i / 4.0) : yMax >= 4 ? Long.toString(Math.round(yMax * i / 4.0))
                    : tick(yMax * i / 4.0);
            svg.append("<text x=\"").append(LEFT - 4).append("\" y=\"").append(f(y + 4))
                    .append("\" text-anchor=\"end\">").append(yText).append("</text>\n");
        }
    }

    private static void legend(StringBuilder svg, List<String> names, int x) {
        for (int s = 0; s < names.size(); s++) {
            int y = TOP + 10 + 14 * s;
            svg.append("<rect x=\"").append(x).append("\" y=\"").append(y - 8)
                    .append("\" width=\"10\" height=\"10\" fill=\"")
                    .append(Palette.of(s)).append("\"/><text x=\"").append(x + 14).append("\" y=\"").append(y)
                    .append("\">").append(Html.escape(names.get(s))).append("</text>\n");
        }
    }

    private static String tick(double v) {
        return Math.abs(v) >= 100 || v == Math.rint(v) ? String.format(Locale.ROOT, "%.0f", v)
                : String.format(Locale.ROOT, Math.abs(v) >= 1 ? "%.1f" : "%.2f", v);
    }

    private static String f(double v) {
        return String.format(Locale.ROOT, "%.1f", v);
    }
}
