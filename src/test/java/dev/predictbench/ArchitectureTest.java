package dev.predictbench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Nothing outside the ui package may use JavaFX, so everything the window does can be
 * done, tested and benchmarked headless. Checked on the compiled classes: a class
 * that uses a JavaFX type names it in its constant pool as {@code javafx/...}.
 */
class ArchitectureTest {

    private static final Path CLASSES = Path.of("target", "classes");
    private static final Path UI = CLASSES.resolve("dev/predictbench/ui");

    @Test
    void nothingOutsideUiUsesJavaFx() throws IOException {
        List<Path> offenders;
        try (Stream<Path> files = Files.walk(CLASSES)) {
            offenders = files.filter(f -> f.toString().endsWith(".class"))
                    .filter(f -> !f.startsWith(UI))
                    .filter(ArchitectureTest::mentionsJavaFx)
                    .toList();
        }
        assertEquals(List.of(), offenders);
    }

    @Test
    void theCheckSeesJavaFxWhereItIsUsed() throws IOException {
        // Guards the rule itself: if the scan stopped finding JavaFX, the test above would pass vacuously.
        try (Stream<Path> files = Files.walk(UI)) {
            assertTrue(files.filter(f -> f.toString().endsWith(".class")).anyMatch(ArchitectureTest::mentionsJavaFx));
        }
    }

    /**
     * The Spark job (spark/) uses the core; the desktop and the core never use Spark, and no
     * Spark class reaches the application's class path (the test class path holds it all).
     */
    @Test
    void theApplicationNeitherUsesNorCarriesSpark() throws IOException {
        List<Path> offenders;
        try (Stream<Path> files = Files.walk(CLASSES)) {
            offenders = files.filter(f -> f.toString().endsWith(".class"))
                    .filter(f -> mentions(f, "org/apache/spark/"))
                    .toList();
        }
        assertEquals(List.of(), offenders);
        assertThrows(ClassNotFoundException.class, () -> Class.forName("org.apache.spark.SparkContext"));
        assertThrows(ClassNotFoundException.class, () -> Class.forName("org.apache.spark.sql.SparkSession"));
    }

    private static boolean mentionsJavaFx(Path classFile) {
        return mentions(classFile, "javafx/");
    }

    private static boolean mentions(Path classFile, String packagePrefix) {
        try {
            return new String(Files.readAllBytes(classFile), StandardCharsets.ISO_8859_1).contains(packagePrefix);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
