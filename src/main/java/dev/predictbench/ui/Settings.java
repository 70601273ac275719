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
