package dev.predictbench.data;

import dev.predictbench.InputException;
import java.io.BufferedOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;

/**
 * A file that appears only when complete: written to a temporary file beside the
 * target, then renamed over it by {@link #commit()}. Closing without a commit
 * deletes the temporary file, so a failed or cancelled run leaves any existing
 * file untouched and no debris.
 */
public final class AtomicFile implements AutoCloseable {

    /** Bytes written between background syncs of a big file. */
    private static final long SYNC_EVERY = 32L << 20;
    /** One thread syncs for every file: a sync waits on the disk, not the CPU. */
    private static final Executor SYNCER = Executors.newSingleThreadExecutor(r -> {
        Thread thread = new Thread(r, "predictbench-sync");
        thread.setDaemon(true);
        return thread;
    });

    private final Path target;
    private final Path temp;
    private final FileChannel channel;
    private final OutputStream stream;
    private final Writer writer;
    private boolean committed;
    /** The background sync in flight, if any. */
    private CompletableFuture<Void> syncing = CompletableFuture.completedFuture(null);

    private AtomicFile(Path target, Path temp, FileChannel channel) {
        this.target = target;
        this.temp = temp;
        this.channel = channel;
        this.stream = new BufferedOutputStream(new EarlySync(Channels.newOutputStream(channel)), 1 << 16);
        this.writer = new OutputStreamWriter(stream, StandardCharsets.UTF_8);
    }

    /**
     * Hands what a big file has so far to the disk in the background, so the sync in
     * {@link #commit()} finds little left: with gigabytes of RAM the kernel would keep the whole
     * file dirty until then, and syncing 300 MB at the end took up to a second.
     */
    private final class EarlySync extends FilterOutputStream {
        private long written;
        private long synced;

        EarlySync(OutputStream out) {
            super(out);
        }

        @Override
        public void write(byte[] bytes, int offset, int length) throws IOException {
            out.write(bytes, offset, length);
            written += length;
            if (written - synced >= SYNC_EVERY && syncing.isDone()) {
                synced = written;
                syncing = CompletableFuture.runAsync(AtomicFile.this::syncQuietly, SYNCER);
            }
        }
    }

    private void syncQuietly() {
        try {
            channel.force(false);
        } catch (IOException | RuntimeException e) {
            // commit() syncs again and reports a failure; a closed channel means the file was dropped
        }
    }

    public static AtomicFile create(Path target) {
        Path absolute = target.toAbsolutePath();
        Path dir = absolute.getParent();
        if (dir == null || !Files.isDirectory(dir)) {
            throw new InputException(target + ": the folder " + dir + " does not exist");
        }
        OutputFiles.refuseSpecial(target);
        try {
            Path temp = Files.createTempFile(dir, "." + absolute.getFileName() + ".", ".partial");
            return new AtomicFile(absolute, temp, FileChannel.open(temp, StandardOpenOption.WRITE));
        } catch (IOException e) {
            throw new InputException(target + ": cannot be written: " + e.getMessage(), e);
        }
    }

    /** The file as UTF-8 text; use either this or {@link #stream()}, not both. */
    public Writer writer() {
        return writer;
    }

    /** The file as bytes (buffered). */
    public OutputStream stream() {
        return stream;
    }

    public Path target() {
        return target;
    }

    /** Flushes, syncs and moves the finished file into place. */
    public void commit() {
        try {
            finish();
            moveIntoPlace(temp, target);
            committed = true;
        } catch (IOException e) {
            throw new InputException(target + ": cannot be written: " + e.getMessage(), e);
        }
    }

    /** Flushes, syncs and closes the temporary file: all that can fail for lack of space. */
    private void finish() throws IOException {
        writer.flush();
        syncing.join();
        channel.force(true);
        writer.close();
    }

    private static void moveIntoPlace(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /**
     * Puts the files of one result in place together (a run record, then its scored CSV):
     * both are written and synced before either is renamed, so a full disk leaves neither; if
     * the second rename fails, the first file is taken back and what it replaced restored.
     */
    public static void commitTogether(AtomicFile first, AtomicFile second) {
        for (AtomicFile file : new AtomicFile[] {first, second}) {
            try {
                file.finish();
            } catch (IOException e) {
                throw new InputException(file.target + ": cannot be written: " + e.getMessage(), e);
            }
        }
        Path previous = null;
        try {
            if (Files.exists(first.target)) {
                previous = first.temp.resolveSibling(first.temp.getFileName() + ".previous");
                keepCopy(first.target, previous);
            }
            moveIntoPlace(first.temp, first.target);
            first.committed = true;
        } catch (IOException e) {
            deleteQuietly(previous);
            throw new InputException(first.target + ": cannot be written: " + e.getMessage(), e);
        }
        try {
            moveIntoPlace(second.temp, second.target);
            second.committed = true;
        } catch (IOException e) {
            try {
                if (previous != null) {
                    moveIntoPlace(previous, first.target);
                    previous = null;
                } else {
                    Files.deleteIfExists(first.target);
                }
            } catch (IOException ignored) {
                // The second file's error below is the one to report.
            }
            throw new InputException(second.target + ": cannot be written: " + e.getMessage(), e);
        } finally {
            deleteQuietly(previous);
        }
    }

    /** A hard link where the file system has them (no space needed), else a copy. */
    private static void keepCopy(Path file, Path copy) throws IOException {
        try {
            Files.createLink(copy, file);
        } catch (IOException | UnsupportedOperationException e) {
            Files.copy(file, copy, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static void deleteQuietly(Path file) {
        if (file == null) {
            return;
        }
        try {
            Files.deleteIfExists(file);
        } catch (IOException ignored) {
            // Best effort: the name starts with '.' and ends with .previous, so it is recognisable.
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
