package dev.predictbench;

import dev.predictbench.cli.Cli;
import dev.predictbench.schema.Rule;
import dev.predictbench.schema.RuleSet;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Class data sharing for the headless child JVM: loading and verifying the classes of
 * Jackson, CEL, picocli and DJL is a third of a small command's start. After the first
 * command, a short run of {@code bench} on the built-in sample writes an archive of the classes
 * scoring loads ({@code -XX:ArchiveClassesAtExit}, about 20 MB) into the user's cache; later
 * commands map it ({@code -XX:SharedArchiveFile}) and start about 0.8 s sooner. The archive is named after the Java runtime and the application jar, so a new
 * build or JDK writes a new one; the JVM itself ignores an archive that does not match. A
 * damaged archive makes the JVM crash at start, so a new archive is tried once before it is
 * kept, one cut short is never used (its name holds its size), and one in use is deleted if
 * the child crashes. PREDICTBENCH_CDS=off turns it off.
 */
final class ClassDataSharing {

    /** Set in the JVM that writes the archive: it loads what any command may need first ({@link #loadForArchive}). */
    static final String ARCHIVING = "predictbench.archiving";
    /** Archives kept: each build or JDK writes its own, and old ones are 20 MB each. */
    private static final int KEPT = 3;
    private static ClassDataSharing forChild;

    /**
     * The archive in use ("cds-KEY-SIZE.jsa": a file whose size is not the one in its name was cut
     * short, and a JVM would crash on it), or null.
     */
    private final Path archive;
    /** Where the child writes a new archive, or null. */
    private final Path writing;
    private final Path folder;
    private final String key;

    private ClassDataSharing(Path folder, String key) {
        this.folder = folder;
        this.key = key;
        this.archive = folder == null ? null : complete(folder, key);
        this.writing = folder == null || archive != null ? null
                : folder.resolve("cds-" + key + "." + ProcessHandle.current().pid() + ".tmp");
    }

    private static Path complete(Path folder, String key) {
        try (var files = Files.newDirectoryStream(folder, "cds-" + key + "-*.jsa")) {
            for (Path file : files) {
                String name = file.getFileName().toString();
                String size = name.substring(("cds-" + key + "-").length(), name.length() - ".jsa".length());
                if (size.equals(Long.toString(Files.size(file)))) {
                    return file;
                }
                Files.deleteIfExists(file);
            }
        } catch (IOException | RuntimeException e) {
            // no usable archive
        }
        return null;
    }

    static synchronized ClassDataSharing forChild() {
        if (forChild == null) {
            boolean usable = !"off".equals(System.getenv("PREDICTBENCH_CDS")) && hasBaseArchive() && onlyJars();
            forChild = new ClassDataSharing(usable ? cacheFolder() : null, archiveKey());
        }
        return forChild;
    }

    /** The child's JVM options: the archive when there is one. */
    List<String> options() {
        List<String> options = new ArrayList<>();
        if (archive != null) {
            options.add("-XX:SharedArchiveFile=" + archive);
            options.addAll(quiet());
        }
        return options;
    }

    /** No CDS warnings on the user's terminal, and a crash report (if it comes to that) in the cache, not the user's folder. */
    private List<String> quiet() {
        return List.of("-Xlog:cds=off", "-Xlog:cds+dynamic=off", "-XX:ErrorFile=" + folder.resolve("hs_err_pid%p.log"));
    }

    /**
     * After a command that ran without an archive, writes one with a small run of its own (the
     * built-in sample, scored by {@code bench}: a few seconds, once), so the user's command keeps
     * its own memory and time; drops an archive that the child died on.
     */
    void afterChild(List<String> command, int exit) {
        try {
            if (writing != null && exit == 0 && !Files.exists(failedMarker())) {
                write(command.get(0));
            } else if (archive != null && exit >= 128 && exit != 130 && exit != 143) {
                Files.deleteIfExists(archive); // killed by a signal other than Ctrl-C or TERM
            }
        } catch (IOException e) {
            // the cache is an optimisation: without it the next command starts as it always did
        }
    }

    private void write(String java) throws IOException {
        List<String> dump = new ArrayList<>(List.of(java, HeadlessMemory.HEAP, "-XX:ArchiveClassesAtExit=" + writing));
        dump.addAll(quiet());
        dump.addAll(List.of("-D" + HeadlessMemory.RELAUNCHED + "=true", "-D" + ARCHIVING + "=true",
                "-cp", System.getProperty("java.class.path"),
                Main.class.getName(), "bench", "--rows", "20000", "--quiet"));
        try {
            if (run(dump) && Files.isRegularFile(writing) && startsWith(java, writing)) {
                Path kept = folder.resolve("cds-" + key + "-" + Files.size(writing) + ".jsa");
                Files.move(writing, kept, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                keepNewest(KEPT);
            } else {
                Files.writeString(failedMarker(), "the class-data archive could not be written; delete to retry\n");
            }
        } finally {
            Files.deleteIfExists(writing);
        }
    }

    /**
     * In the JVM that writes the archive, before its short bench run: every command's classes (the
     * command line builds only the named one) and CEL's compiler and runtime (the built-in sample has
     * no rules), so that a command on a bundle with rules starts as fast as one without.
     */
    static void loadForArchive() {
        Cli.withEveryCommand();
        RuleSet.compile(List.of(new Rule("archive", "1 > 0", "")), List.of());
    }

    /** Present when writing an archive failed for this runtime and jar: no second try on every command. */
    private Path failedMarker() {
        return folder.resolve("cds-" + key + ".failed");
    }

    private void keepNewest(int count) throws IOException {
        List<Path> archives = new ArrayList<>();
        try (var files = Files.newDirectoryStream(folder, "cds-*.jsa")) {
            files.forEach(archives::add);
        }
        archives.sort(java.util.Comparator.comparing((Path f) -> f.toFile().lastModified()).reversed());
        for (Path old : archives.subList(Math.min(count, archives.size()), archives.size())) {
            Files.deleteIfExists(old);
        }
    }

    private boolean startsWith(String java, Path candidate) {
        List<String> check = new ArrayList<>(List.of(java, "-XX:SharedArchiveFile=" + candidate));
        check.addAll(quiet());
        check.addAll(List.of("-cp", System.getProperty("java.class.path"), "-version"));
        return run(check);
    }

    private static boolean run(List<String> command) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (!process.waitFor(120, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return false;
            }
            return process.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /**
     * An archive of the application's classes extends the runtime's own archive of the JDK's;
     * without one (a jlink image made without --generate-cds-archive) the JVM refuses to start.
     */
    private static boolean hasBaseArchive() {
        Path lib = Path.of(System.getProperty("java.home"), "lib");
        return Files.isRegularFile(lib.resolve("server").resolve("classes.jsa"))
                || Files.isRegularFile(lib.resolve("server").resolve("classes_nocoops.jsa"));
    }

    /** The JVM archives classes from jars only: a folder on the class path (a development build) fails the dump. */
    private static boolean onlyJars() {
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            if (!entry.endsWith(".jar") || !new File(entry).isFile()) {
                return false;
            }
        }
        return true;
    }

    /** ~/.cache/predictbench ($XDG_CACHE_HOME/predictbench), or null when it cannot be made. */
    private static Path cacheFolder() {
        String cacheHome = System.getenv("XDG_CACHE_HOME");
        Path cache = cacheHome != null && !cacheHome.isBlank() ? Path.of(cacheHome)
                : Path.of(System.getProperty("user.home"), ".cache");
        try {
            return Files.createDirectories(cache.resolve("predictbench"));
        } catch (IOException | SecurityException e) {
            return null;
        }
    }

    /** A hash of the runtime and of the class path's jars as they are now. */
    private static String archiveKey() {
        StringBuilder key = new StringBuilder(System.getProperty("java.home")).append(System.getProperty("java.vm.version"));
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            File file = new File(entry);
            key.append('|').append(file.getAbsolutePath()).append(':').append(file.length()).append(':')
                    .append(file.lastModified());
        }
        return Long.toHexString(mix(key.toString()));
    }

    private static long mix(String text) {
        long h = 1125899906842597L;
        for (int i = 0; i < text.length(); i++) {
            h = 31 * h + text.charAt(i);
        }
        return h;
    }
}
