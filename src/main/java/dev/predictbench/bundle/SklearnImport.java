package dev.predictbench.bundle;

import dev.predictbench.InputException;
import dev.predictbench.preprocess.SklearnStep;
import dev.predictbench.preprocess.sklearn.SklearnFile;
import dev.predictbench.preprocess.sklearn.SklearnSteps;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Resolves a manifest's {@code sklearn} step by reading the file it names inside the bundle. */
final class SklearnImport {

    private SklearnImport() {
    }

    static SklearnStep resolve(Path file, String name, List<String> columns, ManifestNode item) {
        if (!Files.isRegularFile(file)) {
            item.field("file").error("\"" + name + "\" does not exist in the bundle");
            return null;
        }
        try {
            SklearnFile.Estimator estimator = SklearnFile.read(file);
            SklearnSteps.Conversion conversion = SklearnSteps.convert(estimator, columns);
            return new SklearnStep(name, columns, estimator.className(), conversion.steps(), conversion.weights(),
                    conversion.fills());
        } catch (InputException e) {
            item.field("file").error(e.getMessage());
        } catch (IllegalArgumentException e) {
            item.field("file").error(name + ": " + e.getMessage());
        }
        return null;
    }
}
