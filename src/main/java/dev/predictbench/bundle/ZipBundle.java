package dev.predictbench.bundle;

import dev.predictbench.InputException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipInputStream;

/**
 * Unpacks a zipped bundle into a private temporary folder, refusing archives that
 * try to write outside it ({@code ../}, absolute names) and zip bombs (too many
 * entries, too many bytes, or an entry that expands far beyond its compressed size).
 * Sizes are counted while unpacking; the archive's own claims are not trusted.
 */
final class ZipBundle {

    static final int MAX_ENTRIES = 10_000;
    static final long MAX_TOTAL_BYTES = 8L << 30;
    static final long MAX_RATIO = 200;
    static final long RATIO_FLOOR_BYTES = 64L << 20;

    private ZipBundle() {
    }

    static boolean looksLikeZip(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            byte[] magic = in.readNBytes(4);
            return magic.length == 4 && magic[0] == 'P' && magic[1] == 'K' && magic[2] == 3 && magic[3] == 4;
        } catch (IOException e) {
            return false;
        }
    }

    /** @return the folder that holds bundle.json: the archive's root or its single top-level folder */
    static Path extract(Path zip) {
        Path root;
        try {
            root = Files.createTempDirectory("predictbench-bundle-");
        } catch (IOException e) {
            throw new InputException(zip + ": cannot create a temporary folder to unpack into: " + e.getMessage(), e);
        }
        TemporaryFolders.deleteOnExit(root);
        try {
            unpack(zip, root);
            return bundleFolder(zip, root);
        } catch (InputException e) {
            TemporaryFolders.delete(root);
            throw e;
        }
    }

    private static void unpack(Path zip, Path root) {
        long total = 0;
        int entries = 0;
        CountingStream compressed;
        try (ZipInputStream in = new ZipInputStream(compressed = new CountingStream(Files.newInputStream(zip)))) {
            for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                if (++entries > MAX_ENTRIES) {
                    throw new InputException(zip + ": more than " + MAX_ENTRIES + " entries; refused as a zip bomb");
                }
                Path target = root.resolve(entry.getName().replace('\\', '/')).normalize();
                if (entry.getName().startsWith("/") || !target.startsWith(root) || target.equals(root)) {
                    throw new InputException(zip + ": entry \"" + entry.getName()
                            + "\" would be written outside the bundle folder; refused");
                }
                if (entry.isDirectory()) {
                    Files.createDirectories(target);
                    continue;
                }
                Files.createDirectories(target.getParent());
                long written = copy(zip, entry, in, target, MAX_TOTAL_BYTES - total, compressed);
                total += written;
            }
        } catch (ZipException e) {
            throw new InputException(zip + ": not a readable zip archive (" + e.getMessage() + ")", e);
        } catch (IOException e) {
            throw new InputException(zip + ": cannot be unpacked: " + e.getMessage(), e);
        }
    }

    /**
     * Copies one entry, counting what it expands to. The compressed size is measured
     * from the bytes read off the archive, since streamed entries do not declare it.
     */
    private static long copy(Path zip, ZipEntry entry, InputStream in, Path target, long budget,
                             CountingStream archive) throws IOException {
        long start = archive.count;
        long written = 0;
        byte[] buffer = new byte[1 << 16];
        try (OutputStream out = Files.newOutputStream(target)) {
            for (int n = in.read(buffer); n > 0; n = in.read(buffer)) {
                written += n;
                if (written > budget) {
                    throw new InputException(zip + ": unpacks to more than " + (MAX_TOTAL_BYTES >> 30)
                            + " GiB; refused as a zip bomb");
                }
                long compressed = Math.max(1, archive.count - start);
                if (written > RATIO_FLOOR_BYTES && written / compressed > MAX_RATIO) {
                    throw new InputException(zip + ": entry \"" + entry.getName() + "\" expands more than "
                            + MAX_RATIO + " times; refused as a zip bomb");
                }
                out.write(buffer, 0, n);
            }
        }
        return written;
    }

    private static Path bundleFolder(Path zip, Path root) {
        if (Files.isRegularFile(root.resolve(BundleLoader.MANIFEST))) {
            return root;
        }
        List<Path> children = new ArrayList<>();
        try (Stream<Path> list = Files.list(root)) {
            list.forEach(children::add);
        } catch (IOException e) {
            throw new InputException(zip + ": cannot be unpacked: " + e.getMessage(), e);
        }
        if (children.size() == 1 && Files.isRegularFile(children.get(0).resolve(BundleLoader.MANIFEST))) {
            return children.get(0);
        }
        throw new InputException(zip + ": not a bundle: " + BundleLoader.MANIFEST
                + " is neither at the archive's root nor in its single top-level folder");
    }

    private static final class CountingStream extends java.io.FilterInputStream {
        long count;

        CountingStream(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            count += b >= 0 ? 1 : 0;
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = super.read(buffer, offset, length);
            count += Math.max(n, 0);
            return n;
        }
    }

    /** Temporary folders removed when the application exits. */
    static final class TemporaryFolders {
        private static final List<Path> FOLDERS = new ArrayList<>();

        static {
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                synchronized (FOLDERS) {
                    FOLDERS.forEach(TemporaryFolders::delete);
                }
            }, "predictbench-temp-cleanup"));
        }

        private TemporaryFolders() {
        }

        static void deleteOnExit(Path folder) {
            synchronized (FOLDERS) {
                FOLDERS.add(folder);
            }
        }

        static void delete(Path folder) {
            if (!Files.exists(folder)) {
                return;
            }
            try (Stream<Path> files = Files.walk(folder)) {
                files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            } catch (IOException ignored) {
                // Best effort: the folder lives in the system's temporary directory.
            }
        }
    }
}
