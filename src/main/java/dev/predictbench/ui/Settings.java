package dev.predictbench.ui;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.prefs.Preferences;

/** What the workbench remembers between runs: recent bundles and files, the theme. */
public final class Settings {

    private static final int RECENT = 8;
    private final Preferences prefs;

    public Settings(Preferences prefs) {
        this.prefs = prefs;
    }

    public static Settings user() {
        return new Settings(Preferences.userRoot().node("dev/predictbench/workbench"));
    }

    public List<Path> recentBundles() {
        return recent("recentBundles");
    }

    public List<Path> recentData() {
        return recent("recentData");
    }

    public void rememberBundle(Path path) {
        remember("recentBundles", path);
    }

    public void rememberData(Path path) {
        remember("recentData", path);
    }

    public boolean darkTheme() {
        return prefs.getBoolean("darkTheme", false);
    }

    public void setDarkTheme(boolean dark) {
        prefs.putBoolean("darkTheme", dark);
    }

    /** Where the window was, as x, y, width, height; empty before the first close. */
    public java.util.Optional<javafx.geometry.Rectangle2D> windowBounds() {
        double w = prefs.getDouble("windowWidth", -1);
        double h = prefs.getDouble("windowHeight", -1);
        return w > 0 && h > 0 ? java.util.Optional.of(new javafx.geometry.Rectangle2D(
                prefs.getDouble("windowX", 0), prefs.getDouble("windowY", 0), w, h)) : java.util.Optional.empty();
    }

    public boolean windowMaximized() {
        return prefs.getBoolean("windowMaximized", false);
    }

    /** Remembers where the window was; a settings store removed meanwhile (by a test) is left alone. */
    public void rememberWindow(javafx.geometry.Rectangle2D bounds, boolean maximized) {
        try {
            prefs.putDouble("windowX", bounds.getMinX());
            prefs.putDouble("windowY", bounds.getMinY());
            prefs.putDouble("windowWidth", bounds.getWidth());
            prefs.putDouble("windowHeight", bounds.getHeight());
            prefs.putBoolean("windowMaximized", maximized);
        } catch (IllegalStateException removed) {
            // Nothing to remember into.
        }
    }

    private List<Path> recent(String key) {
        return Arrays.stream(prefs.get(key, "").split("\n")).filter(s -> !s.isBlank()).map(Path::of)
                .filter(Files::exists).toList();
    }

    private void remember(String key, Path path) {
        List<Path> paths = new ArrayList<>(recent(key));
        Path absolute = path.toAbsolutePath().normalize();
        paths.remove(absolute);
        paths.add(0, absolute);
        prefs.put(key, String.join("\n", paths.subList(0, Math.min(RECENT, paths.size())).stream()
                .map(Path::toString).toList()));
    }
}
