package dev.predictbench.bundle;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

/**
 * The breast-cancer sample bundle and its unseen rows, packed into the jar so a
 * first start shows a working model at once. Extracted to a temporary folder
 * because libtorch loads models from files.
 */
public final class EmbeddedSample {

    private static final String ROOT = "/samples/breast-cancer/";
    private static final List<String> FILES = List.of("bundle.json", "model.pt", "parity.csv", "reference.csv", "unseen.csv",
            "validation.csv");

    /** The extracted bundle folder and its sample data file. */
    public record Extracted(Path bundle, Path data) {
    }

    private EmbeddedSample() {
    }

    public static boolean isPresent() {
        return EmbeddedSample.class.getResource(ROOT + "bundle.json") != null;
    }

    public static Extracted extract() {
        try {
            Path dir = Files.createTempDirectory("predictbench-sample-");
            Path bundle = dir.resolve("breast-cancer");
            Files.createDirectory(bundle);
            dir.toFile().deleteOnExit();
            bundle.toFile().deleteOnExit();
            for (String name : FILES) {
                try (InputStream in = EmbeddedSample.class.getResourceAsStream(ROOT + name)) {
                    if (in == null) {
                        throw new IllegalStateException("the jar lacks the sample file " + ROOT + name);
                    }
                    Path file = bundle.resolve(name);
                    Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
                    file.toFile().deleteOnExit();
                }
            }
            return new Extracted(bundle, bundle.resolve("unseen.csv"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot extract the sample bundle to a temporary folder", e);
        }
    }
}
