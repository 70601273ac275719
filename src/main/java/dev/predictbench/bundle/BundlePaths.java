package dev.predictbench.bundle;

import dev.predictbench.InputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * Where a name from a bundle leads: inside the bundle folder, through no symbolic link at
 * any step, to a regular file. A bundle is data from someone else; a link in it
 * ({@code reference.csv -> ~/.ssh/id_rsa}) would make the workbench read, quote or copy a
 * file the bundle has no business with, and a FIFO or a device would block or never end.
 */
final class BundlePaths {

    private BundlePaths() {
    }

    /**
     * @param field names the manifest field in messages, e.g. {@code clinic/bundle.json: model.file}
     * @return the file's path; it may not exist, which the caller reports in its own terms
     */
    static Path inside(Path bundle, String name, String field) {
        Path relative;
        try {
            relative = Path.of(name).normalize();
        } catch (InvalidPathException e) {
            throw new InputException(field + ": \"" + name.replace("\0", "\\0") + "\" is not a file name");
        }
        if (relative.isAbsolute() || relative.startsWith("..") || name.isEmpty()) {
            throw new InputException(field + ": \"" + name + "\" points outside the bundle folder");
        }
        Path root = bundle.toAbsolutePath().normalize();
        Path file = root;
        for (int i = 0; i < relative.getNameCount(); i++) {
            file = file.resolve(relative.getName(i));
            boolean last = i == relative.getNameCount() - 1;
            BasicFileAttributes attributes;
            try {
                attributes = Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            } catch (NoSuchFileException e) {
                return root.resolve(relative);
            } catch (IOException e) {
                throw new InputException(field + ": \"" + name + "\" cannot be read: " + e.getMessage(), e);
            }
            if (attributes.isSymbolicLink()) {
                throw new InputException(field + ": \"" + name + "\" " + (last ? "is" : "lies under")
                        + " a symbolic link (" + root.relativize(file) + " -> " + linkTarget(file)
                        + "); a bundle's files must be in it, links are not followed");
            }
            if (!last && !attributes.isDirectory()) {
                return root.resolve(relative);
            }
            if (last && !attributes.isRegularFile()) {
                throw new InputException(field + ": \"" + name + "\" is " + kind(file) + ", not a regular file");
            }
        }
        return file;
    }

    /** "a folder", "a FIFO, device or socket": what a path that is not a regular file is. */
    static String kind(Path file) {
        if (Files.isSymbolicLink(file)) {
            return "a symbolic link";
        }
        if (Files.isDirectory(file, LinkOption.NOFOLLOW_LINKS)) {
            return "a folder";
        }
        return Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS) ? "a regular file"
                : "a FIFO, device or socket";
    }

    private static String linkTarget(Path link) {
        try {
            return Files.readSymbolicLink(link).toString();
        } catch (IOException | UnsupportedOperationException e) {
            return "?";
        }
    }
}
