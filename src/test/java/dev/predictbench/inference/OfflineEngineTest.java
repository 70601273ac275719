package dev.predictbench.inference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.predictbench.Samples;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Starts a fresh JVM with an empty DJL cache and none of DJL's offline settings, as a
 * user's first start would be, and proves that loading and running a model opens no
 * connection: the natives come out of the Maven jar and the application itself
 * switches DJL offline.
 */
class OfflineEngineTest {

    @TempDir
    Path cache;

    @Test
    void loadingAndRunningAModelAttemptsNoDownload() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        ProcessBuilder builder = new ProcessBuilder(java, "-cp", classPath, OfflineProbe.class.getName(),
                Samples.BREAST_CANCER.toAbsolutePath().toString()).redirectErrorStream(true);
        Map<String, String> env = builder.environment();
        env.keySet().removeIf(k -> k.startsWith("DJL_") || k.equals("OPT_OUT_TRACKING") || k.equals("PYTORCH_VERSION"));
        env.put("DJL_CACHE_DIR", cache.toString());
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(120, TimeUnit.SECONDS), "probe did not finish");
        assertEquals(0, process.exitValue(), output);

        Map<String, String> lines = output.lines().filter(l -> l.matches("^[a-z-]+=.*"))
                .collect(Collectors.toMap(l -> l.substring(0, l.indexOf('=')), l -> l.substring(l.indexOf('=') + 1),
                        (a, b) -> b));
        assertEquals("114", lines.get("rows"), output);
        assertEquals("true", lines.get("offline"), "the application sets DJL offline itself");
        assertEquals("true", lines.get("tracking-opt-out"));
        assertEquals("[]", lines.get("attempts"), "no connection may be attempted:\n" + output);
        assertEquals("[http://127.0.0.1:9/probe]", lines.get("self-check"), "the recorder must see connections");
        assertTrue(containsLibtorch(cache), "natives were extracted from the jar into the fresh cache");
    }

    private static boolean containsLibtorch(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            List<String> names = files.map(f -> f.getFileName().toString()).toList();
            return names.stream().anyMatch(n -> n.startsWith("libtorch") && n.endsWith(".so"));
        }
    }
}
