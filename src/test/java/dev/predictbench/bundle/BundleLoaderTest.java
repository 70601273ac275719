package dev.predictbench.bundle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.predictbench.InputException;
import dev.predictbench.Samples;
import dev.predictbench.scoring.Scorer;
import dev.predictbench.scoring.ScoringOptions;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BundleLoaderTest {

    @TempDir
    Path dir;

    private Path copyOfClinic() throws IOException {
        Path copy = dir.resolve("clinic");
        try (Stream<Path> files = Files.walk(Samples.CLINIC_RISK)) {
            for (Path file : files.sorted(Comparator.naturalOrder()).toList()) {
                Path target = copy.resolve(Samples.CLINIC_RISK.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(file, target);
                }
            }
        }
        return copy;
    }

    private static void zip(Path zip, String prefix, Path folder) throws IOException {
        try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(zip));
             Stream<Path> files = Files.list(folder)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                out.putNextEntry(new ZipEntry(prefix + file.getFileName()));
                Files.copy(file, out);
                out.closeEntry();
            }
        }
    }

    private String loadError(Path bundle) {
        return assertThrows(InputException.class, () -> BundleLoader.load(bundle)).getMessage();
    }

    private String openError(Path bundle) {
        Bundle loaded = BundleLoader.load(bundle);
        return assertThrows(InputException.class, () -> Scorer.open(loaded, ScoringOptions.defaults()).close())
                .getMessage();
    }

    @Test
    void aZippedBundleLoadsWithFilesAtTheRootOrInOneFolder() throws IOException {
        Path flat = dir.resolve("flat.zip");
        zip(flat, "", Samples.CLINIC_RISK);
        Path nested = dir.resolve("nested.zip");
        zip(nested, "clinic-risk/", Samples.CLINIC_RISK);
        for (Path zip : List.of(flat, nested)) {
            Bundle bundle = BundleLoader.load(zip);
            assertEquals("clinic-risk", bundle.manifest().name());
            assertEquals(zip, bundle.source());
            try (Scorer scorer = Scorer.open(bundle, ScoringOptions.defaults())) {
                assertEquals(3, scorer.outputWidth());
            }
        }
    }

    @Test
    void anArchiveThatWritesOutsideItsFolderIsRefused() throws IOException {
        Path zip = dir.resolve("slip.zip");
        try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(zip))) {
            out.putNextEntry(new ZipEntry("../../escaped.txt"));
            out.write("gotcha".getBytes());
            out.closeEntry();
        }
        String message = loadError(zip);
        assertTrue(message.contains("outside the bundle folder"), message);
        assertFalse(Files.exists(dir.resolve("escaped.txt")));
    }

    @Test
    void aZipBombIsRefused() throws IOException {
        Path zip = dir.resolve("bomb.zip");
        try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(zip))) {
            out.putNextEntry(new ZipEntry("bundle.json"));
            byte[] zeros = new byte[1 << 20];
            for (int i = 0; i < 100; i++) {
                out.write(zeros);
            }
            out.closeEntry();
        }
        assertTrue(Files.size(zip) < 1 << 20, "100 MiB of zeros compresses to well under 1 MiB");
        assertTrue(loadError(zip).contains("zip bomb"));
    }

    @Test
    void aChangedModelFileFailsTheSha256Check() throws IOException {
        Path bundle = copyOfClinic();
        try (OutputStream out = Files.newOutputStream(bundle.resolve("model.pt"),
                java.nio.file.StandardOpenOption.APPEND)) {
            out.write(0);
        }
        String message = loadError(bundle);
        assertTrue(message.contains("sha256 is") && message.contains("changed or replaced"), message);
    }

    @Test
    void aModelFileThatIsNotTorchScriptGetsOneClearLine() throws IOException {
        Path bundle = copyOfClinic();
        removeSha(bundle);
        Files.writeString(bundle.resolve("model.pt"), "this is a pickle of weights, not TorchScript");
        String message = openError(bundle);
        assertTrue(message.contains("not a TorchScript model"), message);
        assertEquals(1, message.lines().count(), message);

        byte[] real = Files.readAllBytes(Samples.CLINIC_RISK.resolve("model.pt"));
        Files.write(bundle.resolve("model.pt"), java.util.Arrays.copyOf(real, real.length / 2));
        message = openError(bundle);
        assertTrue(message.contains("not a TorchScript model"), message);
        assertEquals(1, message.lines().count(), message);
    }

    @Test
    void aMissingModelFileIsNamed() throws IOException {
        Path bundle = copyOfClinic();
        Files.delete(bundle.resolve("model.pt"));
        assertTrue(loadError(bundle).contains("model.pt does not exist"));
    }

    @Test
    void preprocessingWiderThanTheModelInputIsCaughtByTheDryRun() throws IOException {
        Path bundle = copyOfClinic();
        editJson(bundle, m -> ((ObjectNode) m.get("preprocessing").get(5)).putArray("columns").add("pregnant").add("age"));
        String message = openError(bundle);
        assertTrue(message.contains("does not accept the 22 inputs"), message);
    }

    @Test
    void anOutputThatDoesNotFitTheClassesIsNamed() throws IOException {
        Path bundle = copyOfClinic();
        editJson(bundle, m -> {
            ObjectNode task = (ObjectNode) m.get("task");
            task.put("type", "binary");
            task.putArray("classes").add("low").add("high");
        });
        String message = openError(bundle);
        assertTrue(message.contains("the model returns [N, 3] but the bundle declares binary with 2 classes"), message);
    }

    @Test
    void anInvalidRuleIsRefusedAtLoadWithItsPathAndPosition() throws IOException {
        Path bundle = copyOfClinic();
        editManifest(bundle, "!(sex == 'M' && pregnant == 1)", "!(sex == 'M' && pregnant = 1)");
        String message = loadError(bundle);
        assertTrue(message.contains("rules[0].rule: invalid expression"), message);
        assertTrue(message.contains(":1:"), message);
    }

    private static void removeSha(Path bundle) throws IOException {
        Path manifest = bundle.resolve("bundle.json");
        Files.writeString(manifest, Files.readString(manifest).replaceAll("\"sha256\": \"[0-9a-f]+\",", ""));
    }

    private static void editJson(Path bundle, java.util.function.Consumer<ObjectNode> edit) throws IOException {
        ObjectMapper json = new ObjectMapper();
        ObjectNode manifest = (ObjectNode) json.readTree(bundle.resolve("bundle.json").toFile());
        edit.accept(manifest);
        Files.writeString(bundle.resolve("bundle.json"), json.writeValueAsString(manifest));
    }

    private static void editManifest(Path bundle, String from, String to) throws IOException {
        Path manifest = bundle.resolve("bundle.json");
        String text = Files.readString(manifest);
        assertTrue(text.contains(from), "fixture edit must apply: " + from);
        Files.writeString(manifest, text.replace(from, to));
    }
}
