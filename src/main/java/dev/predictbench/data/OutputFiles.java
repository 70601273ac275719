package dev.predictbench.data;

import dev.predictbench.InputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * Checks an output path before any work starts, so that writing a result never destroys
 * what it was computed from: an output that is an input (the same file by name, through a
 * link or as a hard link) is refused, and so is a symbolic link or a special file where the
 * output would go (renaming over it would replace a device or the link with a regular file,
 * and writing through it would reach a file the user did not name).
 */
public final class OutputFiles {

    private OutputFiles() {
    }

    /** @param inputs the files the command reads (null entries are ignored) */
    public static void check(Path output, Path... inputs) {
        refuseSpecial(output);
        if (!Files.exists(output)) {
            return;
        }
        Stream.of(inputs).filter(Objects::nonNull).filter(Files::exists).forEach(input -> {
            if (sameFile(input, output)) {
                throw new InputException(output + ": is the same file as the input " + input
                        + "; writing it would destroy the input, choose another output name");
            }
        });
    }

    /** Refuses a symbolic link, a folder or a special file (FIFO, device, socket) at {@code output}. */
    public static void refuseSpecial(Path output) {
        if (Files.isSymbolicLink(output)) {
            throw new InputException(output + ": is a symbolic link; outputs are written only to regular files,"
                    + " never through or over a link");
        }
        if (Files.isDirectory(output, LinkOption.NOFOLLOW_LINKS)) {
            throw new InputException(output + ": is a folder; expected a file name");
        }
        if (Files.exists(output, LinkOption.NOFOLLOW_LINKS) && !Files.isRegularFile(output, LinkOption.NOFOLLOW_LINKS)) {
            throw new InputException(output + ": is a FIFO, device or socket; outputs are written only to regular"
                    + " files");
        }
    }

    private static boolean sameFile(Path a, Path b) {
        try {
            return Files.isSameFile(a, b);
        } catch (IOException e) {
            return false;
        }
    }
}
