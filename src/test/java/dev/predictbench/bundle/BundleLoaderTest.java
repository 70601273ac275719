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

    // --- Nothing outside the bundle: links, special files and hostile zips (issue 23) ---

    /** A file outside the bundle that a followed link would reach; the tests check it is never quoted. */
    private Path canary(String content) throws IOException {
        return Files.writeString(Files.createDirectories(dir.resolve("outside")).resolve("secret.txt"), content);
    }

    private static void assertOneLine(String message) {
        assertEquals(1, message.lines().count(), message);
        assertFalse(message.contains("Exception"), message);
    }

    @Test
    void aLinkedManifestIsRefusedWithoutBeingRead() throws IOException {
        Path bundle = copyOfClinic();
        Path secret = canary("root:x:0:0:SECRET-TOKEN");
        Files.delete(bundle.resolve("bundle.json"));
        Files.createSymbolicLink(bundle.resolve("bundle.json"), secret);
        String message = loadError(bundle);
        assertTrue(message.contains("\"bundle.json\" is a symbolic link"), message);
        assertFalse(message.contains("SECRET") || message.contains("root:x"), "the linked file is not quoted: " + message);
        assertOneLine(message);
    }

    @Test
    void aModelReferenceOrParityFileLinkedOutsideIsRefused() throws IOException {
        for (String[] file : new String[][] {{"model.pt", "model.file"}, {"reference.csv", "reference.file"},
                {"parity.csv", "parity.file"}}) {
            Path bundle = copyOfClinic();
            if (!Files.exists(bundle.resolve(file[0]))) {
                continue;
            }
            // The link reaches a valid copy of the file, so only the link check can refuse it.
            Path outside = Files.createDirectories(dir.resolve("outside-" + file[0]));
            Files.move(bundle.resolve(file[0]), outside.resolve(file[0]));
            Files.createSymbolicLink(bundle.resolve(file[0]), outside.resolve(file[0]));
            String message = loadError(bundle);
            assertTrue(message.contains(file[1] + ": \"" + file[0] + "\" is a symbolic link"), message);
            assertOneLine(message);
            deleteTree(bundle);
        }
    }

    @Test
    void aFolderOnTheWayThatIsALinkIsRefused() throws IOException {
        Path bundle = copyOfClinic();
        Path outside = Files.createDirectories(dir.resolve("outside-data"));
        Files.move(bundle.resolve("reference.csv"), outside.resolve("reference.csv"));
        Files.createSymbolicLink(bundle.resolve("data"), outside);
        editManifest(bundle, "\"file\": \"reference.csv\"", "\"file\": \"data/reference.csv\"");
        String message = loadError(bundle);
        assertTrue(message.contains("reference.file: \"data/reference.csv\" lies under a symbolic link (data -> "),
                message);
        assertOneLine(message);
    }

    @Test
    void aFifoOrAFolderWhereAFileShouldBeIsRefusedWithoutBlocking() throws Exception {
        Path bundle = copyOfClinic();
        Files.delete(bundle.resolve("reference.csv"));
        assertEquals(0, new ProcessBuilder("mkfifo", bundle.resolve("reference.csv").toString()).start().waitFor());
        String message = org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(java.time.Duration.ofSeconds(20),
                () -> loadError(bundle));
        assertTrue(message.contains("reference.file: \"reference.csv\" is a FIFO, device or socket, not a regular"
                + " file"), message);

        Files.delete(bundle.resolve("reference.csv"));
        Files.createDirectory(bundle.resolve("reference.csv"));
        assertTrue(loadError(bundle).contains("\"reference.csv\" is a folder, not a regular file"));

        Path fifo = dir.resolve("bundle.zip");
        assertEquals(0, new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor());
        String opened = org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(java.time.Duration.ofSeconds(20),
                () -> loadError(fifo));
        assertTrue(opened.contains("not a bundle: a FIFO, device or socket"), opened);
    }

    @Test
    void aZipWithADuplicateEntryIsRefused() throws IOException {
        Path zip = dir.resolve("twice.zip");
        try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(zip))) {
            for (String name : List.of("bundle.json", "bundlX.json")) {
                out.putNextEntry(new ZipEntry(name));
                out.write(Files.readAllBytes(Samples.CLINIC_RISK.resolve("bundle.json")));
                out.closeEntry();
            }
        }
        // ZipOutputStream refuses to write the same name twice: give the second the first's name.
        patch(zip, "bundlX.json".getBytes(), "bundle.json".getBytes());
        String message = loadError(zip);
        assertTrue(message.contains("the entry \"bundle.json\" appears twice"), message);
        assertOneLine(message);
    }

    @Test
    void aLocalEntryMissingFromTheCentralDirectoryIsRefusedAsHidden() throws IOException {
        Path zip = dir.resolve("clinic.zip");
        zip(zip, "", Samples.CLINIC_RISK);
        Path other = dir.resolve("other.zip");
        try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(other))) {
            ZipEntry entry = new ZipEntry("model.pt");
            byte[] payload = "a second model.pt that only a streaming reader sees".getBytes();
            entry.setMethod(ZipEntry.STORED);
            entry.setSize(payload.length);
            java.util.zip.CRC32 crc = new java.util.zip.CRC32();
            crc.update(payload);
            entry.setCrc(crc.getValue());
            out.putNextEntry(entry);
            out.write(payload);
            out.closeEntry();
        }
        byte[] hidden = java.util.Arrays.copyOf(Files.readAllBytes(other), 30 + 8 + 51);
        byte[] bytes = Files.readAllBytes(zip);
        int eocd = bytes.length - 22;
        int directory = java.nio.ByteBuffer.wrap(bytes, eocd + 16, 4).order(java.nio.ByteOrder.LITTLE_ENDIAN).getInt();
        java.io.ByteArrayOutputStream spliced = new java.io.ByteArrayOutputStream();
        spliced.write(bytes, 0, directory);
        spliced.write(hidden);
        spliced.write(bytes, directory, bytes.length - directory);
        byte[] result = spliced.toByteArray();
        java.nio.ByteBuffer.wrap(result, result.length - 22 + 16, 4).order(java.nio.ByteOrder.LITTLE_ENDIAN)
                .putInt(directory + hidden.length);
        Files.write(zip, result);
        String message = loadError(zip);
        assertTrue(message.contains(hidden.length + " bytes at offset " + directory
                + " are not listed in the central directory (a hidden entry)"), message);
        assertOneLine(message);
    }

    @Test
    void zipNamesWithNulInvalidUtf8OrAnAbsolutePathAreRefused() throws IOException {
        Path zip = dir.resolve("names.zip");
        zip(zip, "", Samples.CLINIC_RISK);
        patch(zip, "valid.csv".getBytes(), new byte[] {'v', 'a', 'l', 0, '.', 'c', 's', 'v', 'x'});
        assertTrue(loadError(zip).contains("holds a NUL character"), loadError(zip));

        zip(zip, "", Samples.CLINIC_RISK);
        patch(zip, "valid.csv".getBytes(), new byte[] {'v', 'a', 'l', (byte) 0xff, (byte) 0xfe, 'c', 's', 'v', 'x'});
        String utf8 = loadError(zip);
        assertTrue(utf8.contains("is not valid UTF-8"), utf8);
        assertOneLine(utf8);

        try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(zip))) {
            out.putNextEntry(new ZipEntry("/tmp/predictbench-absolute.txt"));
            out.closeEntry();
        }
        assertTrue(loadError(zip).contains("would be written outside the bundle folder"));
    }

    @Test
    void aSymbolicLinkEntryIsRefused() throws IOException {
        Path zip = dir.resolve("link.zip");
        zip(zip, "", Samples.CLINIC_RISK);
        byte[] bytes = Files.readAllBytes(zip);
        int at = centralEntry(bytes, "reference.csv");
        java.nio.ByteBuffer buffer = java.nio.ByteBuffer.wrap(bytes).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        buffer.putShort(at + 4, (short) 0x0314); // made by Unix
        buffer.putInt(at + 38, 0xA1FF0000); // S_IFLNK | 0777
        Files.write(zip, bytes);
        String message = loadError(zip);
        assertTrue(message.contains("the entry \"reference.csv\" is a symbolic link"), message);
        assertOneLine(message);
    }

    @Test
    void aBombIsRefusedFromItsCentralDirectoryAndAnEntryLargerThanDeclaredWhileUnpacking() throws IOException {
        Path zip = dir.resolve("declared.zip");
        zip(zip, "", Samples.CLINIC_RISK);
        byte[] bytes = Files.readAllBytes(zip);
        int at = centralEntry(bytes, "reference.csv");
        java.nio.ByteBuffer buffer = java.nio.ByteBuffer.wrap(bytes).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        buffer.putInt(at + 24, (int) 3_000_000_000L); // 3 GB declared from a file of a few KB
        Files.write(zip, bytes);
        String message = org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(java.time.Duration.ofSeconds(5),
                () -> loadError(zip));
        assertTrue(message.contains("zip bomb"), message);
        assertOneLine(message);

        buffer.putInt(at + 24, 100); // declares less than it inflates to
        Files.write(zip, bytes);
        String smaller = loadError(zip);
        assertTrue(smaller.contains("\"reference.csv\" expands beyond the 100 bytes its directory entry declares"),
                smaller);
    }

    @Test
    void overlappingEntriesAreRefusedAsABombsAre() throws IOException {
        Path zip = dir.resolve("overlap.zip");
        zip(zip, "", Samples.CLINIC_RISK);
        byte[] bytes = Files.readAllBytes(zip);
        java.nio.ByteBuffer buffer = java.nio.ByteBuffer.wrap(bytes).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        // Point the entry stored last at the first entry's data, as an overlapping zip bomb does.
        int last = -1;
        long lastOffset = -1;
        for (int i = 0; i + 46 <= bytes.length; i++) {
            if (buffer.getInt(i) == 0x02014b50 && (buffer.getInt(i + 42) & 0xFFFFFFFFL) > lastOffset) {
                last = i;
                lastOffset = buffer.getInt(i + 42) & 0xFFFFFFFFL;
            }
        }
        buffer.putInt(last + 42, 0);
        Files.write(zip, bytes);
        String message = loadError(zip);
        assertTrue(message.contains("overlaps the one before it"), message);
        assertOneLine(message);
    }

    /** Where the central directory entry named {@code name} starts. */
    private static int centralEntry(byte[] zip, String name) {
        byte[] wanted = name.getBytes();
        for (int i = 0; i + 46 + wanted.length <= zip.length; i++) {
            if (zip[i] == 'P' && zip[i + 1] == 'K' && zip[i + 2] == 1 && zip[i + 3] == 2
                    && java.util.Arrays.equals(zip, i + 46, i + 46 + wanted.length, wanted, 0, wanted.length)) {
                return i;
            }
        }
        throw new AssertionError(name + " is not in the central directory");
    }

    /** Replaces every occurrence of {@code from} by {@code to} (same length) in the file's bytes. */
    private static void patch(Path file, byte[] from, byte[] to) throws IOException {
        assertEquals(from.length, to.length);
        byte[] bytes = Files.readAllBytes(file);
        int found = 0;
        for (int i = 0; i + from.length <= bytes.length; i++) {
            if (java.util.Arrays.equals(bytes, i, i + from.length, from, 0, from.length)) {
                System.arraycopy(to, 0, bytes, i, to.length);
                found++;
            }
        }
        assertTrue(found > 0, "fixture patch must apply");
        Files.write(file, bytes);
    }

    private static void deleteTree(Path folder) throws IOException {
        try (Stream<Path> files = Files.walk(folder)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(file);
            }
        }
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
