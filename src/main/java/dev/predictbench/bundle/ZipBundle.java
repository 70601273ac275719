package dev.predictbench.bundle;

import dev.predictbench.InputException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

/**
 * Unpacks a zipped bundle into a private temporary folder, refusing archives that
 * try to write outside it ({@code ../}, absolute names), zip bombs (too many entries,
 * too many bytes, or entries that expand far beyond their compressed size), duplicate,
 * hidden or link entries. The central directory is checked before anything is written
 * ({@link ZipDirectory}); the bytes are still counted while unpacking, since its claims
 * are not trusted either.
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
        // Checked before the temporary folder exists: a refused archive writes nothing at all.
        List<ZipDirectory.Entry> entries = ZipDirectory.read(zip, MAX_ENTRIES, MAX_TOTAL_BYTES, MAX_RATIO,
                RATIO_FLOOR_BYTES);
        Path root;
        try {
            root = Files.createTempDirectory("predictbench-bundle-");
        } catch (IOException e) {
            throw new InputException(zip + ": cannot create a temporary folder to unpack into: " + e.getMessage(), e);
        }
        TemporaryFolders.deleteOnExit(root);
        try {
            unpack(zip, entries, root);
            return bundleFolder(zip, root);
        } catch (InputException e) {
            TemporaryFolders.delete(root);
            throw e;
        }
    }

    /**
     * Unpacks the entries the central directory lists, once {@link ZipDirectory} has checked
     * them. The directory's sizes bound what is written, and the bytes are counted too: an
     * entry that inflates beyond its declared size or fails its CRC is refused.
     */
    private static void unpack(Path zip, List<ZipDirectory.Entry> entries, Path root) {
        try (ZipFile archive = new ZipFile(zip.toFile())) {
            for (ZipDirectory.Entry entry : entries) {
                Path target = root.resolve(entry.name().replace('\\', '/')).normalize();
                if (!target.startsWith(root) || target.equals(root)) {
                    throw new InputException(zip + ": entry \"" + entry.name()
                            + "\" would be written outside the bundle folder; refused");
                }
                if (entry.directory()) {
                    Files.createDirectories(target);
                    continue;
                }
                ZipEntry zipEntry = archive.getEntry(entry.name());
                if (zipEntry == null) {
                    throw new InputException(zip + ": entry \"" + entry.name() + "\" cannot be found; refused");
                }
                Files.createDirectories(target.getParent());
                try (InputStream in = archive.getInputStream(zipEntry)) {
                    copy(zip, entry, in, target);
                }
            }
        } catch (ZipException e) {
            throw new InputException(zip + ": not a readable zip archive (" + e.getMessage() + ")", e);
        } catch (IOException e) {
            throw new InputException(zip + ": cannot be unpacked: " + e.getMessage(), e);
        }
    }

    /** Copies one entry, refusing more bytes than the directory declared and a wrong CRC. */
    private static void copy(Path zip, ZipDirectory.Entry entry, InputStream in, Path target) throws IOException {
        long written = 0;
        CRC32 crc = new CRC32();
        byte[] buffer = new byte[1 << 16];
        try (OutputStream out = Files.newOutputStream(target, StandardOpenOption.CREATE_NEW,
                StandardOpenOption.WRITE)) {
            for (int n = in.read(buffer); n > 0; n = in.read(buffer)) {
                written += n;
                if (written > entry.size()) {
                    throw new InputException(zip + ": entry \"" + entry.name() + "\" expands beyond the "
                            + entry.size() + " bytes its directory entry declares; refused as a zip bomb");
                }
                crc.update(buffer, 0, n);
                out.write(buffer, 0, n);
            }
        }
        if (written != entry.size() || crc.getValue() != entry.crc()) {
            throw new InputException(zip + ": entry \"" + entry.name() + "\" is damaged (its size or CRC is not"
                    + " what the directory declares)");
        }
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
