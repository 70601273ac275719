package dev.predictbench.inference;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import dev.predictbench.InputException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A model may only compute. Real models (every sample and test model, and the layer families
 * of sample-models/build_torchscript_corpus.py, scripted and traced) pass the check; models
 * that read or write files, print or change global state, made by torch itself or by editing
 * an archive's code as an attacker would, are refused before libtorch loads them.
 */
class TorchScriptCheckTest {

    @TempDir
    Path dir;

    static Stream<Path> everyModelOfTheRepository() throws IOException {
        List<Path> models = new ArrayList<>();
        for (Path root : List.of(Path.of("sample-models"), Path.of("src/test/resources"))) {
            try (Stream<Path> files = Files.walk(root)) {
                files.filter(p -> p.toString().endsWith(".pt") && !p.getFileName().toString().startsWith("hostile"))
                        .forEach(models::add);
            }
        }
        return models.stream();
    }

    @ParameterizedTest
    @MethodSource("everyModelOfTheRepository")
    void realModelsPass(Path model) {
        assertDoesNotThrow(() -> TorchScriptCheck.check(model));
    }

    @ParameterizedTest
    @CsvSource({
        "hostile-from-file, torch.from_file, reads a file",
        "hostile-ops-from-file, torch.from_file, reads a file",
        "hostile-save, torch.save, writes a file",
        "hostile-print, print, prints to the terminal",
        "hostile-manual-seed, torch.manual_seed, changes global state",
    })
    void modelsThatReachOutsideAreRefusedBeforeTheyLoad(String name, String what, String why) {
        Path model = Path.of("src/test/resources/torchscript/" + name + ".pt");
        InputException e = assertThrows(InputException.class, () -> TorchModel.load(model, Device.cpu()));
        assertAll(() -> assertTrue(e.getMessage().contains(what), e.getMessage()),
                () -> assertTrue(e.getMessage().contains(why), e.getMessage()),
                () -> assertTrue(e.getMessage().contains("code/__torch__.py, line "), e.getMessage()),
                () -> assertFalse(e.getMessage().contains("\n")));
    }

    /** Code an attacker writes by hand into a real archive: each way round the names is closed. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "return (x).from_file(\"/etc/passwd\")|.from_file",
        "f = getattr(x, \"set_\")|.set_",
        "f = getattr(torch, \"from_file\")|torch",
        "m = torch.ops.aten.from_file|torch.ops",
        "_0 = torch.from_file|torch.from_file",
        "s = __torch__.torch.classes.dist_c10d.FileStore(\"/tmp/x\", 1)|__torch__.torch.classes.dist_c10d.FileStore",
        "fut = fork(self.forward, x)|fork",
        "y = ops.prim.Print(x)|ops.prim.Print",
        "y = ops.custom.anything(x)|ops.custom.anything",
        "y = awaitable(self.forward, x)|awaitable",
        "y = x + 1  # torch.from_file in a comment is harmless\\n    z = torch.from_file(\"a\", False, 1)|torch.from_file",
    })
    void handWrittenCodeIsCheckedAsLibtorchReadsIt(String statement, String named) throws IOException {
        Path model = edited("mlp-relu-script.pt", code -> code.replace("    net = self.net\n",
                "    " + statement.replace("\\n", "\n") + "\n    net = self.net\n"));
        InputException e = assertThrows(InputException.class, () -> TorchScriptCheck.check(model));
        assertTrue(e.getMessage().contains(named), e.getMessage());
    }

    @Test
    void namesInsideStringsAndCommentsAreNotCode() throws IOException {
        Path model = edited("mlp-relu-script.pt", code -> code.replace("    net = self.net\n",
                "    _9 = \"torch.from_file('/etc/passwd') print(x)\"  # os.system\n    net = self.net\n"));
        assertDoesNotThrow(() -> TorchScriptCheck.check(model));
        try (TorchModel loaded = TorchModel.load(model, Device.cpu())) {
            assertTrue(loaded.forward(new float[8], 1, 8).values().length == 3);
        }
    }

    @Test
    void nonAsciiCodeIsRefusedSinceLibtorchsLexerWouldReadItOtherwise() throws IOException {
        Path model = edited("mlp-relu-script.pt", code -> code.replace("net = self.net", "net = self.net\u00a0"));
        InputException e = assertThrows(InputException.class, () -> TorchScriptCheck.check(model));
        assertTrue(e.getMessage().contains("U+00A0"), e.getMessage());
    }

    @Test
    void aDuplicateEntryOrASecondTopFolderIsRefused() throws IOException {
        Path original = Path.of("src/test/resources/torchscript/mlp-relu-script.pt");
        Path twice = dir.resolve("twice.pt");
        Path twoFolders = dir.resolve("two-folders.pt");
        try (ZipFile zip = new ZipFile(original.toFile());
                ZipOutputStream a = new ZipOutputStream(Files.newOutputStream(twice));
                ZipOutputStream b = new ZipOutputStream(Files.newOutputStream(twoFolders))) {
            for (var entries = zip.entries(); entries.hasMoreElements(); ) {
                ZipEntry entry = entries.nextElement();
                byte[] bytes = zip.getInputStream(entry).readAllBytes();
                put(a, entry.getName(), bytes);
                put(b, entry.getName(), bytes);
            }
            // java.util.zip refuses a second entry of one name; write it under a name of the same length, then patch.
            put(a, "mlp-relu-script/code/__torch__.pX", "class Mlp(Module):\n  pass\n".getBytes(StandardCharsets.UTF_8));
            put(b, "other/code/__torch__.py", "class Mlp(Module):\n  pass\n".getBytes(StandardCharsets.UTF_8));
        }
        byte[] bytes = Files.readAllBytes(twice);
        String latin = new String(bytes, StandardCharsets.ISO_8859_1).replace("__torch__.pX", "__torch__.py");
        Files.write(twice, latin.getBytes(StandardCharsets.ISO_8859_1));
        InputException dup = assertThrows(InputException.class, () -> TorchScriptCheck.check(twice));
        assertTrue(dup.getMessage().contains("twice"), dup.getMessage());
        InputException folders = assertThrows(InputException.class, () -> TorchScriptCheck.check(twoFolders));
        assertTrue(folders.getMessage().contains("more than one top folder"), folders.getMessage());
    }

    @Test
    void aPickleImportingAnythingButTensorsIsRefused() throws IOException {
        Path model = editedEntry("mlp-relu-script.pt", "data.pkl", pickle -> {
            String text = new String(pickle, StandardCharsets.ISO_8859_1);
            return text.replace("c__torch__\nMlp\n", "cposix\nsystem\n").getBytes(StandardCharsets.ISO_8859_1);
        });
        InputException e = assertThrows(InputException.class, () -> TorchScriptCheck.check(model));
        assertTrue(e.getMessage().contains("imports posix.system"), e.getMessage());
    }

    @Test
    void aFileThatIsNotAnArchiveIsRefusedInOneLine() throws IOException {
        Path model = dir.resolve("model.pt");
        Files.writeString(model, "PTMF flatbuffer or anything else");
        InputException e = assertThrows(InputException.class, () -> TorchScriptCheck.check(model));
        assertTrue(e.getMessage().contains("not a TorchScript model"), e.getMessage());
    }

    private Path edited(String name, UnaryOperator<String> change) throws IOException {
        return editedEntry(name, "code/__torch__.py", bytes -> {
            String code = new String(bytes, StandardCharsets.UTF_8);
            String changed = change.apply(code);
            if (changed.equals(code)) {
                throw new AssertionError("the edit did not apply to\n" + code);
            }
            return changed.getBytes(StandardCharsets.UTF_8);
        });
    }

    /** A copy of a real archive with one entry changed (stored, as torch.jit.save writes it). */
    private Path editedEntry(String name, String suffix, UnaryOperator<byte[]> change) throws IOException {
        Path original = Path.of("src/test/resources/torchscript/" + name);
        Path copy = dir.resolve(name);
        try (ZipFile zip = new ZipFile(original.toFile());
                ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(copy))) {
            for (var entries = zip.entries(); entries.hasMoreElements(); ) {
                ZipEntry entry = entries.nextElement();
                byte[] bytes = zip.getInputStream(entry).readAllBytes();
                boolean target = entry.getName().endsWith("/" + suffix)
                        && entry.getName().indexOf('/') == entry.getName().length() - suffix.length() - 1;
                put(out, entry.getName(), target ? change.apply(bytes) : bytes);
            }
        }
        return copy;
    }

    private static void put(ZipOutputStream out, String name, byte[] bytes) throws IOException {
        ZipEntry entry = new ZipEntry(name);
        entry.setMethod(ZipEntry.STORED);
        entry.setSize(bytes.length);
        var crc = new java.util.zip.CRC32();
        crc.update(bytes);
        entry.setCrc(crc.getValue());
        out.putNextEntry(entry);
        out.write(bytes);
        out.closeEntry();
    }

}
