package dev.predictbench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A headless command started without JVM flags runs in a child JVM with a small heap and a
 * class-data archive: the first command writes the archive into the user's cache, later ones
 * use it, and one cut short is never used (a JVM would crash on it).
 */
class HeadlessStartTest {

    @TempDir
    Path cache;

    @Test
    void theFirstCommandWritesTheArchiveAndLaterOnesUseIt() throws Exception {
        Run first = inspect();
        assertEquals(0, first.exit, first.output);
        Path archive = onlyArchive();
        long written = Files.getLastModifiedTime(archive).toMillis();

        Run second = inspect();
        assertEquals(0, second.exit, second.output);
        assertEquals(first.output, second.output);
        assertEquals(written, Files.getLastModifiedTime(onlyArchive()).toMillis(), "used, not rewritten");
    }

    @Test
    void anArchiveCutShortIsNeverUsed() throws Exception {
        assertEquals(0, inspect().exit);
        Path archive = onlyArchive();
        byte[] bytes = Files.readAllBytes(archive);
        archive.toFile().setWritable(true);
        Files.write(archive, java.util.Arrays.copyOf(bytes, 4096)); // a disk that filled up, say

        Run after = inspect(); // a JVM would crash on it: it is not used
        assertEquals(0, after.exit, after.output);
        assertTrue(after.output.contains("reproduce the training stack"), after.output);
        assertEquals(0, inspect().exit);
    }

    @Test
    void predictbenchCdsOffLeavesTheCacheAlone() throws Exception {
        Run run = inspect("PREDICTBENCH_CDS", "off");
        assertEquals(0, run.exit, run.output);
        try (Stream<Path> files = Files.walk(cache)) {
            assertFalse(files.anyMatch(f -> f.toString().endsWith(".jsa")));
        }
    }

    private Path onlyArchive() throws IOException {
        try (Stream<Path> files = Files.list(cache.resolve("predictbench"))) {
            List<Path> archives = files.filter(f -> f.toString().endsWith(".jsa")).toList();
            assertEquals(1, archives.size(), archives.toString());
            return archives.get(0);
        }
    }

    private record Run(int exit, String output) {
    }

    /** The application as a jar with its dependencies' jars: the JVM archives classes from jars only. */
    private String jarClassPath() throws IOException {
        Path jar = cache.resolve("app.jar");
        if (!Files.exists(jar)) {
            Path classes = Path.of("target", "classes");
            try (var out = new java.util.jar.JarOutputStream(Files.newOutputStream(jar));
                 Stream<Path> files = Files.walk(classes)) {
                for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
                    out.putNextEntry(new java.util.jar.JarEntry(classes.relativize(file).toString().replace('\\', '/')));
                    Files.copy(file, out);
                    out.closeEntry();
                }
            }
        }
        StringBuilder path = new StringBuilder(jar.toString());
        for (String entry : System.getProperty("java.class.path").split(java.io.File.pathSeparator)) {
            if (entry.endsWith(".jar")) {
                path.append(java.io.File.pathSeparator).append(entry);
            }
        }
        return path.toString();
    }

    private Run inspect(String... environment) throws Exception {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        ProcessBuilder builder = new ProcessBuilder(java.toString(), "-cp", jarClassPath(),
                Main.class.getName(), "inspect", "sample-models/breast-cancer").redirectErrorStream(true);
        builder.environment().put("XDG_CACHE_HOME", cache.toString());
        builder.environment().remove("PREDICTBENCH_HEAP");
        for (int i = 0; i < environment.length; i += 2) {
            builder.environment().put(environment[i], environment[i + 1]);
        }
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes());
        return new Run(process.waitFor(), output);
    }
}
