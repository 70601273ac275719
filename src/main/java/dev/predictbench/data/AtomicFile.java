package dev.predictbench.data;

import dev.predictbench.InputException;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * A file that appears only when complete: written to a temporary file beside the
 * target, then renamed over it by {@link #commit()}. Closing without a commit
 * deletes the temporary file, so a failed or cancelled run leaves any existing
 * file untouched and no debris.
 */
public final class AtomicFile implements AutoCloseable {

    private final Path target;
    private final Path temp;
    private final java.io.OutputStream stream;
    private final Writer writer;
    private boolean committed;

    private AtomicFile(Path target, Path temp, java.io.OutputStream stream) {
        this.target = target;
        this.temp = temp;
        this.stream = stream;
        this.writer = new OutputStreamWriter(stream, StandardCharsets.UTF_8);
    }

    public static AtomicFile create(Path target) {
        Path absolute = target.toAbsolutePath();
        Path dir = absolute.getParent();
        if (dir == null || !Files.isDirectory(dir)) {
            throw new InputException(target + ": the folder " + dir + " does not exist");
        }
        if (Files.isDirectory(absolute)) {
            throw new InputException(target + ": is a folder; expected a file name");
        }
        try {
            Path temp = Files.createTempFile(dir, "." + absolute.getFileName() + ".", ".partial");
            return new AtomicFile(absolute, temp, new java.io.BufferedOutputStream(Files.newOutputStream(temp),
                    1 << 16));
        } catch (IOException e) {
            throw new InputException(target + ": cannot be written: " + e.getMessage(), e);
        }
    }

    /** The file as UTF-8 text; use either this or {@link #stream()}, not both. */
    public Writer writer() {
        return writer;
    }

    /** The file as bytes (buffered). */
    public java.io.OutputStream stream() {
        return stream;
    }

    public Path target() {
        return target;
    }

    /** Flushes, syncs and moves the finished file into place. */
    public void commit() {
        try {
            writer.flush();
            writer.close();
            try (var channel = java.nio.channels.FileChannel.open(temp, java.nio.file.StandardOpenOption.WRITE)) {
                channel.force(true);
            }
            try {
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
            }
            committed = true;
        } catch (IOException e) {
            throw new InputException(target + ": cannot be written: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        if (committed) {
            return;
        }
        try {
            writer.close();
        } catch (IOException ignored) {
            // The temporary file is deleted next; a failed close changes nothing for the user.
        }
        try {
            Files.deleteIfExists(temp);
        } catch (IOException ignored) {
            // Best effort: the name starts with '.' and ends with .partial, so it is recognisable.
        }
    }

    /** Writes a small text file (a run record) atomically. */
    public static void writeString(Path target, String text) {
        try (AtomicFile file = create(target)) {
            file.writer().write(text);
            file.commit();
        } catch (IOException e) {
            throw new InputException(target + ": cannot be written: " + e.getMessage(), e);
        }
    }
}
