package dev.predictbench.ui;

import atlantafx.base.theme.PrimerDark;
import atlantafx.base.theme.PrimerLight;
import dev.predictbench.report.Palette;
import eu.hansolo.tilesfx.Tile;
import javafx.application.Application;
import javafx.scene.Scene;
import javafx.scene.paint.Color;

/**
 * The look: AtlantaFX's Primer theme, light or dark, with PredictBench's stylesheet on top
 * (written against Primer's colour variables, so one file serves both), TilesFX tiles
 * coloured to match (they paint themselves, CSS does not reach them), and one colour-blind
 * safe palette for classes in every chart ({@link Palette}).
 */
public final class Theme {

    private static final String STYLESHEET = "/predictbench.css";
    private static volatile boolean dark;
    /** Every tile styled so far: tiles in tabs not yet shown are outside the scene graph, so lookups miss them. */
    private static final java.util.Set<Tile> TILES = java.util.Collections.newSetFromMap(new java.util.WeakHashMap<>());

    private Theme() {
    }

    public static void apply(Scene scene, boolean useDark) {
        dark = useDark;
        Application.setUserAgentStylesheet(useDark ? new PrimerDark().getUserAgentStylesheet()
                : new PrimerLight().getUserAgentStylesheet());
        scene.getStylesheets().setAll(Theme.class.getResource(STYLESHEET).toExternalForm());
        scene.getRoot().getStyleClass().removeAll("dark", "light");
        scene.getRoot().getStyleClass().add(useDark ? "dark" : "light");
        for (Tile tile : java.util.List.copyOf(TILES)) {
            style(tile);
        }
    }

    public static boolean isDark() {
        return dark;
    }

    /** Colours a tile for the current theme: a card like Primer's, with dark text on light and the reverse. */
    public static Tile style(Tile tile) {
        TILES.add(tile);
        Color background = dark ? Color.web("#161b22") : Color.web("#f6f8fa");
        Color text = dark ? Color.web("#e6edf3") : Color.web("#1f2328");
        Color muted = dark ? Color.web("#9198a1") : Color.web("#59636e");
        tile.setBackgroundColor(background);
        tile.setBorderColor(dark ? Color.web("#30363d") : Color.web("#d1d9e0"));
        tile.setBorderWidth(1);
        tile.setTitleColor(muted);
        tile.setValueColor(text);
        tile.setUnitColor(muted);
        tile.setDescriptionColor(text);
        tile.setTextColor(muted);
        tile.setForegroundColor(text);
        return tile;
    }

    /** The colour of class {@code k} in charts drawn by code (canvas scatter plots). */
    public static Color classColor(int k) {
        return Color.web(Palette.of(k));
    }
}
