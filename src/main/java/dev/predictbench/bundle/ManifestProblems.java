package dev.predictbench.bundle;

import java.util.ArrayList;
import java.util.List;

/** Errors and warnings found while reading one manifest, each prefixed with its JSON path. */
final class ManifestProblems {

    private final List<String> errors = new ArrayList<>();
    private final List<String> warnings = new ArrayList<>();

    void error(String message) {
        errors.add(message);
    }

    void warning(String message) {
        warnings.add(message);
    }

    List<String> errors() {
        return List.copyOf(errors);
    }

    List<String> warnings() {
        return List.copyOf(warnings);
    }
}
