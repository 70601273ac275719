package dev.predictbench.ui;

import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.layout.Pane;
import javafx.scene.paint.Color;

/**
 * A scatter plot drawn on a canvas: one small square per point, so 100,000 points
 * redraw in milliseconds where a chart with a node per point would crawl.
 */
public final class Scatter extends Pane {

    private static final double MARGIN = 36;
    private final Canvas canvas = new Canvas();
    private final String xLabel;
    private final String yLabel;
    private float[] xs = new float[0];
    private float[] ys = new float[0];
    private double xMax = 1;
    private double yMax = 1;

    public Scatter(String xLabel, String yLabel) {
        this.xLabel = xLabel;
        this.yLabel = yLabel;
        getChildren().add(canvas);
        canvas.widthProperty().bind(widthProperty());
        canvas.heightProperty().bind(heightProperty());
        canvas.widthProperty().addListener(o -> draw());
        canvas.heightProperty().addListener(o -> draw());
        setMinSize(200, 160);
    }

    public void setPoints(float[] x, float[] y, double xRange, double yRange) {
        xs = x;
        ys = y;
        xMax = xRange > 0 ? xRange : 1;
        yMax = yRange > 0 ? yRange : 1;
        draw();
    }

    private void draw() {
        GraphicsContext g = canvas.getGraphicsContext2D();
        double w = canvas.getWidth();
        double h = canvas.getHeight();
        boolean dark = Theme.isDark();
        g.setFill(dark ? Color.web("#0d1117") : Color.WHITE);
        g.fillRect(0, 0, w, h);
        g.setStroke(Color.GRAY);
        g.strokeRect(MARGIN, 8, w - MARGIN - 8, h - MARGIN - 8);
        g.setFill(dark ? Color.web("#9198a1") : Color.DIMGRAY);
        g.fillText(xLabel + " (0 to " + String.format("%.3g", xMax) + ")", MARGIN, h - 10);
        g.fillText(yLabel, 2, 20);
        g.fillText(String.format("%.3g", yMax), 2, 34);
        g.setFill(Theme.classColor(0).deriveColor(0, 1, 1, 0.45));
        double plotW = w - MARGIN - 8;
        double plotH = h - MARGIN - 8;
        for (int i = 0; i < xs.length; i++) {
            double px = MARGIN + Math.min(1, xs[i] / xMax) * plotW;
            double py = 8 + plotH - Math.min(1, ys[i] / yMax) * plotH;
            g.fillRect(px - 1, py - 1, 3, 3);
        }
    }
}
