package dev.predictbench;

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
 * Jackson, CEL, picocli and DJL is a third of a small command's start. The first command
 * writes an archive of the classes it loaded ({@code -XX:ArchiveClassesAtExit}, about 20 MB)
 * into the user's cache; later ones map it ({@code -XX:SharedArchiveFile}) and start about
 * 0.8 s sooner. The archive is named after the Java runtime and the application jar, so a new
 * build or JDK writes a new one; the JVM itself ignores an archive that does not match. A
 * damaged archive makes the JVM crash at start, so a new archive is tried once before it is
 * kept, and one in use is deleted if the child crashes. PREDICTBENCH_CDS=off turns it off.
 */
final class ClassDataSharing {

    private static final List<String> QUIET = List.of("-Xlog:cds=off", "-Xlog:cds+dynamic=off");
    private static ClassDataSharing forChild;

    /** Where the archive is kept, or null when there is no place for it (or it is turned off). */
    private final Path archive;
    private final boolean exists;
    private final Path writing;

    private ClassDataSharing(Path archive) {
        this.archive = archive;
        this.exists = archive != null && Files.isRegularFile(archive);
        this.writing = archive == null || exists ? null
                : archive.resolveSibling(archive.getFileName() + "." + ProcessHandle.current().pid() + ".tmp");
    }

    static synchronized ClassDataSharing forChild() {
        if (forChild == null) {
            boolean usable = !"off".equals(System.getenv("PREDICTBENCH_CDS")) && hasBaseArchive();
            forChild = new ClassDataSharing(usable ? archivePath() : null);
        }
        return forChild;
    }

    /** The child's JVM options. */
    List<String> options() {
        List<String> options = new ArrayList<>();
        if (exists) {
            options.add("-XX:SharedArchiveFile=" + archive);
        } else if (writing != null) {
            options.add("-XX:ArchiveClassesAtExit=" + writing);
        } else {
            return options;
        }
        options.addAll(QUIET);
        return options;
    }

    /** Keeps an archive the child wrote once a JVM starts with it; drops one that crashed the child. */
    void afterChild(List<String> command, int exit) {
        try {
            if (writing != null && Files.isRegularFile(writing)) {
                if (exit == 0 && startsWith(command.get(0), writing)) {
                    Files.move(writing, archive, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                }
                Files.deleteIfExists(writing);
            } else if (exists && exit >= 128 && exit != 130 && exit != 143) {
                Files.deleteIfExists(archive); // killed by a signal other than Ctrl-C or TERM
            }
        } catch (IOException e) {
            // the cache is an optimisation: without it the next command starts as it always did
        }
    }

    private static boolean startsWith(String java, Path candidate) {
        List<String> check = new ArrayList<>(List.of(java, "-XX:SharedArchiveFile=" + candidate));
        check.addAll(QUIET);
        check.addAll(List.of("-cp", System.getProperty("java.class.path"), "-version"));
        try {
            Process process = new ProcessBuilder(check).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            return process.waitFor(30, TimeUnit.SECONDS) && process.exitValue() == 0;
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

    /** ~/.cache/predictbench/cds-HASH.jsa, HASH of the runtime and the class path's jars as they are now. */
    private static Path archivePath() {
        String cacheHome = System.getenv("XDG_CACHE_HOME");
        Path cache = cacheHome != null && !cacheHome.isBlank() ? Path.of(cacheHome)
                : Path.of(System.getProperty("user.home"), ".cache");
        StringBuilder key = new StringBuilder(System.getProperty("java.home")).append(System.getProperty("java.vm.version"));
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            File file = new File(entry);
            key.append('|').append(file.getAbsolutePath()).append(':').append(file.length()).append(':')
                    .append(file.lastModified());
        }
        try {
            Path folder = Files.createDirectories(cache.resolve("predictbench"));
            return folder.resolve("cds-" + Long.toHexString(mix(key.toString())) + ".jsa");
        } catch (IOException | SecurityException e) {
            return null;
        }
    }

    private static long mix(String text) {
        long h = 1125899906842597L;
        for (int i = 0; i < text.length(); i++) {
            h = 31 * h + text.charAt(i);
        }
        return h;
    }
}
