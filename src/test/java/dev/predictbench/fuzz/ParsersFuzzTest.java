package dev.predictbench.fuzz;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.predictbench.InputException;
import dev.predictbench.bundle.BundleLoader;
import dev.predictbench.bundle.ManifestReader;
import dev.predictbench.data.CsvSource;
import dev.predictbench.inference.TorchScriptCheck;
import dev.predictbench.preprocess.sklearn.SklearnFile;
import dev.predictbench.schema.ParsedRow;
import dev.predictbench.schema.RowValidator;
import dev.predictbench.schema.RuleSet;
import dev.predictbench.schema.Schema;
import dev.predictbench.schema.ValidationFailure;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

/**
 * What hostile or broken input can do to the parsers: nothing but the project's own
 * InputException may escape (Jazzer also watches for injection and traversal).
 * In CI these run in regression mode over the seeds in ParsersFuzzTestInputs; set
 * JAZZER_FUZZ=1 to fuzz (docs/robustness.md has the figures).
 */
class ParsersFuzzTest {

    private static final Schema CLINIC = BundleLoader.load(Path.of("sample-models", "clinic-risk")).manifest().schema();

    @FuzzTest(maxDuration = "60s")
    void manifestReader(FuzzedDataProvider data) {
        try {
            ManifestReader.read(data.consumeRemainingAsString(), "fuzz/bundle.json");
        } catch (InputException expected) {
            // A clear message is the right answer to a broken manifest.
        }
    }

    @FuzzTest(maxDuration = "60s")
    void zipReader(byte[] bytes) throws IOException {
        Path file = Files.createTempFile("fuzz", ".zip");
        try {
            Files.write(file, bytes);
            BundleLoader.load(file);
        } catch (InputException expected) {
            // A broken or hostile archive is refused with a message, before anything is unpacked.
        } finally {
            Files.deleteIfExists(file);
        }
    }

    @FuzzTest(maxDuration = "60s")
    void csvReaderAndValidator(byte[] bytes) throws IOException {
        Path file = Files.createTempFile("fuzz", ".csv");
        try {
            Files.write(file, bytes);
            try (CsvSource source = CsvSource.open(file)) {
                RowValidator validator = RowValidator.bind(CLINIC, source.header(), file.toString());
                ParsedRow parsed = ParsedRow.forFeatures(CLINIC.features().size());
                List<ValidationFailure> failures = new ArrayList<>();
                while (source.hasNext()) {
                    var row = source.next();
                    failures.clear();
                    validator.validate(row.row(), row.cells(), parsed, failures);
                }
            } catch (InputException expected) {
                // Unreadable or headerless files are refused with a message.
            }
        } finally {
            Files.deleteIfExists(file);
        }
    }

    @FuzzTest(maxDuration = "60s")
    void pickleReader(byte[] bytes) throws IOException {
        Path file = Files.createTempFile("fuzz", ".pkl");
        try {
            Files.write(file, bytes);
            SklearnFile.read(file);
        } catch (InputException expected) {
            // Refused or unreadable: a message, never an execution.
        } catch (UncheckedIOException e) {
            throw new AssertionError("an I/O error escaped as UncheckedIOException", e);
        } finally {
            Files.deleteIfExists(file);
        }
    }

    /** Any bytes as a model file: refused with a message before libtorch sees them, or passed. */
    @FuzzTest(maxDuration = "60s")
    void torchScriptArchive(byte[] bytes) throws IOException {
        Path file = Files.createTempFile("fuzz", ".pt");
        try {
            Files.write(file, bytes);
            TorchScriptCheck.check(file);
        } catch (InputException expected) {
            // Not an archive, or code that is not pure computation: one line.
        } finally {
            Files.deleteIfExists(file);
        }
    }

    /** Any text as a real archive's code: the TorchScript reader answers with a message or passes it. */
    @FuzzTest(maxDuration = "60s")
    void torchScriptCode(FuzzedDataProvider data) throws IOException {
        Path file = Files.createTempFile("fuzz", ".pt");
        try (ZipFile real = new ZipFile("src/test/resources/torchscript/mlp-relu-script.pt");
                ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(file))) {
            byte[] code = data.consumeRemainingAsBytes();
            for (var entries = real.entries(); entries.hasMoreElements(); ) {
                ZipEntry entry = entries.nextElement();
                out.putNextEntry(new ZipEntry(entry.getName()));
                out.write(entry.getName().endsWith("/code/__torch__.py") ? code : real.getInputStream(entry).readAllBytes());
                out.closeEntry();
            }
        }
        try {
            TorchScriptCheck.check(file);
        } catch (InputException expected) {
            // Refused with the name and line of what the code reached.
        } finally {
            Files.deleteIfExists(file);
        }
    }

    @FuzzTest(maxDuration = "60s")
    void ruleCompiler(FuzzedDataProvider data) {
        RuleSet.problemWith(data.consumeRemainingAsString(), CLINIC.features());
    }
}
