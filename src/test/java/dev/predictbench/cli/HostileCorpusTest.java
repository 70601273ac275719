package dev.predictbench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.predictbench.Samples;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Issue 23's attacker, in one place: every hostile bundle, file and command line, run through
 * the real command line. Each must end with exit 2 and one line naming the problem, no stack
 * trace, the planted canary neither read into any output nor changed, the existing output
 * intact, and no litter (no .partial, .writing or unpacked bundle left). The hostile models are
 * real TorchScript (sample-models/build_torchscript_corpus.py); everything big is made here.
 */
class HostileCorpusTest {

    private static final String SECRET = "CANARY_7f3a9c";
    private static final Path TORCHSCRIPT = Path.of("src/test/resources/torchscript");

    @TempDir
    Path dir;

    /** One attack: what it plants in the work folder, the command line it runs, what the line must say. */
    record Attack(String name, Function<Work, List<String>> setUp, String message) {
        @Override
        public String toString() {
            return name;
        }
    }

    /** The work folder of one attack: a copy of the sample bundle, a canary outside it, an existing output. */
    record Work(Path root, Path bundle, Path secret, Path output, Path data) {
        void manifest(String from, String to) {
            try {
                String json = Files.readString(bundle.resolve("bundle.json"));
                assertTrue(json.contains(from), "the sample manifest holds " + from);
                Files.writeString(bundle.resolve("bundle.json"), json.replace(from, to));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        void model(String corpusModel) {
            try {
                Files.copy(TORCHSCRIPT.resolve(corpusModel), bundle.resolve("model.pt"), StandardCopyOption.REPLACE_EXISTING);
                Files.writeString(bundle.resolve("bundle.json"), Samples.manifestForOtherModel(bundle));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        void link(String inBundle, Path target) {
            try {
                Files.delete(bundle.resolve(inBundle));
                Files.createSymbolicLink(bundle.resolve(inBundle), target);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        List<String> score(String... more) {
            List<String> args = command("score", bundle.toString(), "--input", data.toString(), "--output", output.toString());
            args.addAll(args.size() - 1, List.of(more));
            return args;
        }
    }

    static List<String> command(String first, String second, String... rest) {
        List<String> args = new java.util.ArrayList<>(List.of(first, second));
        args.addAll(List.of(rest));
        args.add("--quiet");
        return args;
    }

    static List<Attack> attacks() {
        return List.of(
                // The model is a program: it may only compute.
                new Attack("model reads a file", w -> {
                    w.model("hostile-from-file.pt");
                    return w.score();
                }, "torch.from_file"),
                new Attack("model writes a file", w -> {
                    w.model("hostile-save.pt");
                    return List.of("inspect", w.bundle().toString());
                }, "torch.save"),
                new Attack("model prints", w -> {
                    w.model("hostile-print.pt");
                    return w.score();
                }, "print"),
                // Nothing outside the bundle is followed.
                new Attack("reference is a link outside", w -> {
                    w.link("reference.csv", w.secret());
                    return List.of("inspect", w.bundle().toString());
                }, "link"),
                new Attack("manifest is a link outside", w -> {
                    w.link("bundle.json", w.secret());
                    return List.of("inspect", w.bundle().toString());
                }, "link"),
                new Attack("model is a link outside", w -> {
                    copy(w.bundle().resolve("model.pt"), w.root().resolve("elsewhere.pt"));
                    w.link("model.pt", w.root().resolve("elsewhere.pt"));
                    return w.score();
                }, "link"),
                new Attack("calibrate --save copies a linked file", w -> {
                    w.link("reference.csv", w.secret());
                    return command("calibrate", w.bundle().toString(), "--validation",
                            w.bundle().resolve("validation.csv").toString(), "--save", w.root().resolve("calibrated").toString());
                }, "link"),
                new Attack("@file argument", w -> List.of("inspect", "@" + w.secret()), "@"),
                // Outputs never destroy inputs.
                new Attack("score output is the input", w -> command("score", w.bundle().toString(), "--input",
                        w.data().toString(), "--output", w.data().toString()), "input"),
                new Attack("score output is a link to the existing output", w -> {
                    Path link = w.root().resolve("link.csv");
                    symlink(link, w.output());
                    return command("score", w.bundle().toString(), "--input", w.data().toString(), "--output", link.toString());
                }, "link"),
                new Attack("score input is its own run record", w -> {
                    Path input = w.root().resolve("out.csv.run.json");
                    copy(w.data(), input);
                    return command("score", w.bundle().toString(), "--input", input.toString(), "--output",
                            w.root().resolve("out.csv").toString());
                }, "same file as the input"),
                new Attack("validate --report is the input", w -> command("validate", w.bundle().toString(), "--input",
                        w.data().toString(), "--report", w.data().toString()), "input"),
                new Attack("report --out is the input", w -> command("report", w.bundle().toString(), "--data",
                        w.data().toString(), "--out", w.data().toString()), "input"),
                new Attack("score output is a device", w -> command("score", w.bundle().toString(), "--input",
                        w.data().toString(), "--output", "/dev/null"), "/dev/null"),
                // Non-regular inputs.
                new Attack("input is /dev/zero", w -> command("score", w.bundle().toString(), "--input", "/dev/zero",
                        "--output", w.output().toString()), "/dev/zero"),
                new Attack("input is a FIFO", w -> {
                    Path fifo = w.root().resolve("pipe.csv");
                    run("mkfifo", fifo.toString());
                    return command("score", w.bundle().toString(), "--input", fifo.toString(), "--output", w.output().toString());
                }, "pipe.csv"),
                // Options that would take the machine.
                new Attack("batch size of 2^31-1", w -> w.score("--batch-size", "2147483647"), "--batch-size"),
                new Attack("a million MC passes", w -> w.score("--mc-passes", "1000000"), "--mc-passes"),
                // Manifests that cannot be read in bounded time or that cannot compute.
                new Attack("100k-deep JSON", w -> {
                    write(w.bundle().resolve("bundle.json"), "[".repeat(100_000));
                    return List.of("inspect", w.bundle().toString());
                }, "levels deep"),
                new Attack("5,000-digit number", w -> {
                    w.manifest("\"format_version\": 1", "\"format_version\": 1" + "0".repeat(5_000));
                    return List.of("inspect", w.bundle().toString());
                }, "number longer"),
                new Attack("duplicate JSON key", w -> {
                    w.manifest("\"name\": \"breast-cancer\",", "\"name\": \"breast-cancer\", \"name\": \"other\",");
                    return List.of("inspect", w.bundle().toString());
                }, "name"),
                new Attack("subnormal temperature", w -> {
                    w.manifest("\"temperature\": 1.0", "\"temperature\": 5e-324");
                    return w.score();
                }, "calibration.temperature"),
                new Attack("infinite minimum", w -> {
                    w.manifest("\"min\": 0", "\"min\": 1e400");
                    return w.score();
                }, "features[0].min"),
                // Zips that would write outside, pick one of two entries, or expand without end.
                new Attack("zip with a duplicate entry", w -> {
                    Path zip = w.root().resolve("dup.zip");
                    storedZip(zip, "bundle.json", "{}", "bundle.json", "{\"name\": \"other\"}");
                    return List.of("inspect", zip.toString());
                }, "bundle.json"),
                new Attack("zip that climbs out", w -> {
                    Path zip = w.root().resolve("climb.zip");
                    storedZip(zip, "bundle.json", "{}", "../escaped.txt", SECRET);
                    return List.of("inspect", zip.toString());
                }, "escaped.txt"),
                new Attack("zip bomb", w -> {
                    Path zip = w.root().resolve("bomb.zip");
                    zipOfZeros(zip, 300L << 20);
                    return List.of("inspect", zip.toString());
                }, "bomb.zip"),
                // Data files too wide or too long for any real use.
                new Attack("a 20 MB line", w -> {
                    Path wide = w.root().resolve("line.csv");
                    write(wide, header(w) + "\n" + "1".repeat(20 << 20) + "\n");
                    return command("score", w.bundle().toString(), "--input", wide.toString(), "--output", w.output().toString());
                }, "line.csv"),
                new Attack("250,000 columns", w -> {
                    Path wide = w.root().resolve("columns.csv");
                    write(wide, "c,".repeat(250_000) + "c\n");
                    return command("score", w.bundle().toString(), "--input", wide.toString(), "--output", w.output().toString());
                }, "columns.csv"),
                // A pickle that floods its memo, through import.
                new Attack("hostile pickle", w -> List.of("import", "--model", w.bundle().resolve("model.pt").toString(),
                        "--preprocessor", "src/test/resources/sklearn/hostile.pkl", "--schema-from",
                        w.data().toString(), "--out", w.root().resolve("imported").toString()), "hostile.pkl"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("attacks")
    void isRefusedWithOneLineAndTouchesNothing(Attack attack) throws IOException {
        Work work = plant();
        List<String> args = attack.setUp().apply(work);
        Map<String, String> before = snapshot(work.root());
        List<String> tempBefore = unpackedBundles();

        CliRun run = CliRun.of(args.toArray(String[]::new));

        String said = run.out() + run.err();
        assertEquals(2, run.code(), attack + ": " + said);
        // A command-line mistake may add picocli's conventional pointer to --help, nothing else.
        assertEquals(1, run.err().strip().lines().filter(l -> !l.matches("Try 'predictbench \\w+ --help'\\.")).count(),
                attack + ": one line: " + run.err());
        assertTrue(run.err().contains(attack.message()), attack + ": names the problem: " + run.err());
        assertFalse(run.err().contains("\tat ") || run.err().contains("Exception"), attack + ": no stack trace: " + run.err());
        assertFalse(said.contains(SECRET), attack + ": the canary was read into what the user sees");
        assertEquals(before, snapshot(work.root()), attack + ": files changed, appeared or were left behind");
        assertEquals(tempBefore, unpackedBundles(), attack + ": an unpacked bundle was left in the temporary folder");
    }

    private Work plant() throws IOException {
        Path root = Files.createDirectories(dir.resolve("work"));
        Path bundle = root.resolve("bundle");
        try (Stream<Path> files = Files.list(Samples.BREAST_CANCER)) {
            Files.createDirectories(bundle);
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                Files.copy(f, bundle.resolve(f.getFileName()));
            }
        }
        // The canary is a valid data file, so that any reader that reaches it would gladly use it.
        Path secret = root.resolve("secret.csv");
        String data = Files.readString(bundle.resolve("unseen.csv"));
        Files.writeString(secret, data.replaceFirst("\n", "," + SECRET + "\n"));
        Path output = Files.writeString(root.resolve("scored.csv"), "the existing output\n");
        return new Work(root, bundle, secret, output, bundle.resolve("unseen.csv"));
    }

    /** Every file under the folder with a digest of its bytes (a link by its target), FIFOs by name. */
    private static Map<String, String> snapshot(Path root) throws IOException {
        Map<String, String> files = new TreeMap<>();
        try (Stream<Path> all = Files.walk(root)) {
            for (Path p : all.toList()) {
                String key = root.relativize(p).toString();
                if (Files.isSymbolicLink(p)) {
                    files.put(key, "-> " + Files.readSymbolicLink(p));
                } else if (Files.isRegularFile(p)) {
                    files.put(key, digest(p));
                } else if (!Files.isDirectory(p)) {
                    files.put(key, "special");
                }
            }
        }
        return files;
    }

    private static List<String> unpackedBundles() throws IOException {
        try (Stream<Path> temp = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
            return temp.map(p -> p.getFileName().toString()).filter(n -> n.startsWith("predictbench-bundle-")).sorted().toList();
        }
    }

    private static String digest(Path file) throws IOException {
        try (var in = Files.newInputStream(file)) {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            byte[] buffer = new byte[1 << 16];
            for (int n; (n = in.read(buffer)) > 0; ) {
                sha.update(buffer, 0, n);
            }
            return HexFormat.of().formatHex(sha.digest());
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String header(Work w) {
        try {
            return Files.readAllLines(w.data()).get(0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A zip of stored entries, written by hand: the JDK's ZipOutputStream refuses a second
     * entry of one name, which is exactly what a hostile archive holds.
     */
    private static void storedZip(Path zip, String... namesAndTexts) {
        java.io.ByteArrayOutputStream body = new java.io.ByteArrayOutputStream();
        java.io.ByteArrayOutputStream central = new java.io.ByteArrayOutputStream();
        int count = namesAndTexts.length / 2;
        for (int i = 0; i < count; i++) {
            byte[] name = namesAndTexts[2 * i].getBytes(StandardCharsets.UTF_8);
            byte[] data = namesAndTexts[2 * i + 1].getBytes(StandardCharsets.UTF_8);
            java.util.zip.CRC32 crc = new java.util.zip.CRC32();
            crc.update(data);
            int offset = body.size();
            java.nio.ByteBuffer local = little(30 + name.length).putInt(0x04034b50).putShort((short) 20).putShort((short) 0)
                    .putShort((short) 0).putInt(0).putInt((int) crc.getValue()).putInt(data.length).putInt(data.length)
                    .putShort((short) name.length).putShort((short) 0).put(name);
            body.writeBytes(local.array());
            body.writeBytes(data);
            java.nio.ByteBuffer entry = little(46 + name.length).putInt(0x02014b50).putShort((short) 20).putShort((short) 20)
                    .putShort((short) 0).putShort((short) 0).putInt(0).putInt((int) crc.getValue()).putInt(data.length)
                    .putInt(data.length).putShort((short) name.length).putShort((short) 0).putShort((short) 0)
                    .putShort((short) 0).putShort((short) 0).putInt(0).putInt(offset).put(name);
            central.writeBytes(entry.array());
        }
        java.nio.ByteBuffer end = little(22).putInt(0x06054b50).putShort((short) 0).putShort((short) 0)
                .putShort((short) count).putShort((short) count).putInt(central.size()).putInt(body.size()).putShort((short) 0);
        body.writeBytes(central.toByteArray());
        body.writeBytes(end.array());
        write(zip, body.toByteArray());
    }

    private static java.nio.ByteBuffer little(int size) {
        return java.nio.ByteBuffer.allocate(size).order(java.nio.ByteOrder.LITTLE_ENDIAN);
    }

    private static void zipOfZeros(Path zip, long size) {
        try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(zip))) {
            out.putNextEntry(new ZipEntry("bundle.json"));
            out.write("{}".getBytes(StandardCharsets.UTF_8));
            out.putNextEntry(new ZipEntry("model.pt"));
            byte[] zeros = new byte[1 << 20];
            for (long written = 0; written < size; written += zeros.length) {
                out.write(zeros);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void copy(Path from, Path to) {
        try {
            Files.copy(from, to);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void symlink(Path link, Path target) {
        try {
            Files.createSymbolicLink(link, target);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void write(Path file, String text) {
        write(file, text.getBytes(StandardCharsets.UTF_8));
    }

    private static void write(Path file, byte[] bytes) {
        try (OutputStream out = Files.newOutputStream(file)) {
            out.write(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void run(String... command) {
        try {
            int code = new ProcessBuilder(command).inheritIO().start().waitFor();
            assertEquals(0, code, String.join(" ", command));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
