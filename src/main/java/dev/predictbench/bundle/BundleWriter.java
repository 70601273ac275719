package dev.predictbench.bundle;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.predictbench.InputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.stream.Stream;

/**
 * Writes a new version of a bundle with a new calibration temperature. Every file is
 * copied; in bundle.json only {@code calibration.temperature} and {@code version}
 * change (unknown fields stay as they were). The original is never touched, and the
 * new folder appears only when complete.
 */
public final class BundleWriter {

    private BundleWriter() {
    }

    public static Bundle withTemperature(Bundle bundle, double temperature, Path out) {
        String problem = dev.predictbench.calibration.TemperatureScaling.problem(temperature);
        if (problem != null) {
            throw new InputException("the calibration temperature " + problem);
        }
        refuseExisting(out, "calibrated");
        Path parent = out.toAbsolutePath().getParent();
        Path temp = null;
        try {
            Files.createDirectories(parent);
            temp = Files.createTempDirectory(parent, "." + out.getFileName() + ".writing-");
            copyTree(bundle.directory(), temp);
            ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
            // Read as strictly as the loader reads it: a duplicate key is refused, not collapsed on rewrite.
            ObjectNode manifest = (ObjectNode) ManifestReader.JSON.readTree(temp.resolve(BundleLoader.MANIFEST).toFile());
            manifest.put("version", nextVersion(bundle.manifest().version()));
            ObjectNode calibration = manifest.has("calibration") && manifest.get("calibration").isObject()
                    ? (ObjectNode) manifest.get("calibration") : manifest.putObject("calibration");
            calibration.put("temperature", temperature);
            Files.writeString(temp.resolve(BundleLoader.MANIFEST), json.writeValueAsString(manifest) + "\n");
            BundleLoader.load(temp);
            Files.move(temp, out, StandardCopyOption.ATOMIC_MOVE);
            temp = null;
            return BundleLoader.load(out);
        } catch (IOException e) {
            throw new InputException(out + ": cannot write the bundle: " + e.getMessage(), e);
        } finally {
            if (temp != null) {
                ZipBundle.TemporaryFolders.delete(temp);
            }
        }
    }

    /** 1.0.0 becomes 1.0.1; a version that is not x.y.z gets "-calibrated". */
    static String nextVersion(String version) {
        var semver = java.util.regex.Pattern.compile("(\\d+)\\.(\\d+)\\.(\\d+)").matcher(version);
        if (semver.matches()) {
            return semver.group(1) + "." + semver.group(2) + "." + (Long.parseLong(semver.group(3)) + 1);
        }
        return version + "-calibrated";
    }

    /**
     * A new bundle goes to a new folder: an existing one, or a link where it would go (even a
     * dangling one), is refused before any work is done.
     */
    public static void refuseExisting(Path out, String what) {
        if (Files.exists(out, LinkOption.NOFOLLOW_LINKS)) {
            throw new InputException(out + ": already exists" + (Files.isSymbolicLink(out) ? " (a symbolic link)" : "")
                    + "; choose a new folder for the " + what + " bundle");
        }
    }

    /**
     * Copies the bundle's own files. A link or a special file in it is refused, not followed:
     * copying it would put a file from outside the bundle (its contents) into the new one.
     */
    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path file : files.toList()) {
                Path target = to.resolve(from.relativize(file).toString());
                if (Files.isSymbolicLink(file) || !Files.isDirectory(file, LinkOption.NOFOLLOW_LINKS)
                        && !Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
                    throw new InputException(file + ": is " + BundlePaths.kind(file) + " in the bundle folder;"
                            + " a bundle is copied only when all its files are regular files inside it");
                }
                if (Files.isDirectory(file, LinkOption.NOFOLLOW_LINKS)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(file, target, StandardCopyOption.REPLACE_EXISTING, LinkOption.NOFOLLOW_LINKS);
                }
            }
        }
    }
}
