package dev.predictbench.bundle;

import dev.predictbench.preprocess.SklearnStep;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A loaded, checked bundle: its manifest and where its files are.
 *
 * @param source what the user opened (a folder or a zip), for messages and run records
 * @param directory the folder holding bundle.json and the files it names
 * @param modelSha256 the model file's digest, computed on load
 */
public record Bundle(Path source, Path directory, Manifest manifest, String modelSha256) {

    public Path modelFile() {
        return directory.resolve(manifest.model().file());
    }

    public Optional<Path> referenceFile() {
        return Optional.ofNullable(manifest.referenceFile()).map(directory::resolve);
    }

    public Optional<Path> parityFile() {
        return Optional.ofNullable(manifest.parity()).map(p -> directory.resolve(p.file()));
    }

    /** Every file the bundle was read from (the zip, bundle.json and the files it names), for output checks. */
    public List<Path> files() {
        List<Path> files = new ArrayList<>(List.of(source, directory.resolve(BundleLoader.MANIFEST), modelFile()));
        referenceFile().ifPresent(files::add);
        parityFile().ifPresent(files::add);
        manifest.preprocessing().stream().filter(s -> s instanceof SklearnStep)
                .forEach(s -> files.add(directory.resolve(((SklearnStep) s).file())));
        return files;
    }

    /** "name 1.0.0", how the bundle is named to people. */
    public String title() {
        return manifest.name() + " " + manifest.version();
    }
}
