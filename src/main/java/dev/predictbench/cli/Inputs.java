package dev.predictbench.cli;

import dev.predictbench.bundle.Bundle;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** What a command reads, so its outputs can be checked against it before any work starts. */
final class Inputs {

    private Inputs() {
    }

    static Path[] of(Bundle bundle, Path... files) {
        List<Path> all = new ArrayList<>(Arrays.asList(files));
        all.addAll(bundle.files());
        return all.toArray(Path[]::new);
    }
}
