package dev.predictbench.bundle;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.predictbench.InputException;
import dev.predictbench.schema.Feature;
import dev.predictbench.schema.Rule;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * Writes a new version of a bundle with a new calibration temperature, or with an edited
 * schema (ranges, allowed values, fills, rules). Every file is copied; in bundle.json only
 * what was edited and {@code version} change (unknown fields stay as they were). The original is never touched, and the
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
        return newVersion(bundle, out, "calibrated", manifest -> {
            ObjectNode calibration = manifest.has("calibration") && manifest.get("calibration").isObject()
                    ? (ObjectNode) manifest.get("calibration") : manifest.putObject("calibration");
            calibration.put("temperature", temperature);
        }, written -> { });
    }

    /**
     * A new version whose features carry the given types, ranges, allowed values and fills, and
     * whose business rules are {@code rules}; every other field stays as it was. The features must
     * be the bundle's own, by name and in order: the preprocessing reads them. {@code verify} runs
     * on the new bundle before it appears (the caller re-checks its parity rows with the engine);
     * whatever it throws leaves nothing behind.
     */
    public static Bundle withSchema(Bundle bundle, List<Feature> features, List<Rule> rules, Path out,
                                    Consumer<Bundle> verify) {
        List<String> names = bundle.manifest().features().stream().map(Feature::name).toList();
        if (!names.equals(features.stream().map(Feature::name).toList())) {
            throw new IllegalArgumentException("the edited schema must keep the bundle's features, by name and in order");
        }
        return newVersion(bundle, out, "edited", manifest -> {
            ArrayNode items = (ArrayNode) manifest.get("features");
            for (int i = 0; i < features.size(); i++) {
                writeFeature((ObjectNode) items.get(i), features.get(i));
            }
            ArrayNode written = manifest.putArray("rules");
            for (Rule rule : rules) {
                ObjectNode item = written.addObject().put("name", rule.name()).put("rule", rule.expression());
                if (rule.message() != null && !rule.message().equals("rule " + rule.name() + " does not hold")) {
                    item.put("message", rule.message());
                }
            }
            if (rules.isEmpty()) {
                manifest.remove("rules");
            }
        }, verify);
    }

    private static void writeFeature(ObjectNode item, Feature feature) {
        item.put("type", feature.type().manifestName());
        putOrRemove(item, "min", feature.min());
        putOrRemove(item, "max", feature.max());
        if (feature.values().isEmpty()) {
            item.remove("values");
        } else {
            ArrayNode values = item.putArray("values");
            feature.values().forEach(values::add);
        }
        JsonNode fill = item.path("missing").path("fill");
        if (feature.fill() == null) {
            item.remove("missing");
        } else if (!fill.isValueNode() || !fill.asText().equals(feature.fill())) {
            // An unchanged fill keeps its JSON form (24.5 stays a number, not "24.5").
            item.putObject("missing").put("fill", feature.fill());
        }
    }

    private static void putOrRemove(ObjectNode item, String field, Double value) {
        if (value == null) {
            item.remove(field);
        } else if (value == Math.rint(value) && Math.abs(value) < 1e15) {
            item.put(field, value.longValue());
        } else {
            item.put(field, value);
        }
    }

    /**
     * Copies the bundle to a hidden folder beside {@code out}, edits its manifest, bumps the
     * version, loads and verifies the copy, and only then moves it into place: the original is
     * never touched and {@code out} appears complete or not at all.
     */
    private static Bundle newVersion(Bundle bundle, Path out, String what, Consumer<ObjectNode> edit,
                                     Consumer<Bundle> verify) {
        refuseExisting(out, what);
        Path parent = out.toAbsolutePath().getParent();
        Path temp = null;
        try {
            Files.createDirectories(parent);
            temp = Files.createTempDirectory(parent, "." + out.getFileName() + ".writing-");
            copyTree(bundle.directory(), temp);
            ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
            // Read as strictly as the loader reads it: a duplicate key is refused, not collapsed on rewrite.
            ObjectNode manifest = (ObjectNode) ManifestReader.JSON.readTree(temp.resolve(BundleLoader.MANIFEST).toFile());
            manifest.put("version", nextVersion(bundle.manifest().version(), what));
            edit.accept(manifest);
            Files.writeString(temp.resolve(BundleLoader.MANIFEST), json.writeValueAsString(manifest) + "\n");
            try {
                verify.accept(BundleLoader.load(temp));
            } catch (InputException e) {
                // The hidden folder is ours, not the user's: name the folder they chose.
                throw new InputException(e.getMessage().replace(temp.toString(), out.toString()), e);
            }
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

    /** 1.0.0 becomes 1.0.1; a version that is not x.y.z gets "-calibrated" (or "-edited"). */
    static String nextVersion(String version, String what) {
        var semver = java.util.regex.Pattern.compile("(\\d+)\\.(\\d+)\\.(\\d+)").matcher(version);
        if (semver.matches()) {
            return semver.group(1) + "." + semver.group(2) + "." + (Long.parseLong(semver.group(3)) + 1);
        }
        return version + "-" + what;
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
