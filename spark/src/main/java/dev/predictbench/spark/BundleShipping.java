package dev.predictbench.spark;

import dev.predictbench.InputException;
import dev.predictbench.bundle.Bundle;
import dev.predictbench.bundle.BundleLoader;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.apache.spark.sql.SparkSession;

/**
 * Sends the bundle to every executor with the job ({@code SparkContext.addFile}): a zipped
 * bundle as it is, a folder zipped first (the bundle format reads both). Executors find it
 * with {@code SparkFiles.get} under the returned name.
 */
final class BundleShipping {

    private BundleShipping() {
    }

    static String ship(SparkSession spark, Bundle bundle) {
        Path zip = Files.isDirectory(bundle.source()) ? zipped(bundle) : bundle.source();
        spark.sparkContext().addFile(zip.toAbsolutePath().toUri().toString());
        return zip.getFileName().toString();
    }

    /**
     * The folder as a zip whose bytes depend only on the files (sorted entries, fixed times),
     * named by its hash: Spark refuses a second file of one name with other contents.
     */
    private static Path zipped(Bundle bundle) {
        Path folder = bundle.source();
        try {
            Path dir = Files.createTempDirectory("predictbench-ship");
            Path zip = dir.resolve("bundle.zip");
            List<Path> files;
            try (Stream<Path> walk = Files.walk(folder)) {
                // Links are not followed (docs/security.md): what they point to is not the bundle's.
                files = walk.filter(f -> Files.isRegularFile(f, java.nio.file.LinkOption.NOFOLLOW_LINKS)).sorted()
                        .toList();
            }
            try (OutputStream out = Files.newOutputStream(zip); ZipOutputStream zipOut = new ZipOutputStream(out)) {
                for (Path file : files) {
                    ZipEntry entry = new ZipEntry(folder.relativize(file).toString().replace('\\', '/'));
                    entry.setTime(0);
                    zipOut.putNextEntry(entry);
                    Files.copy(file, zipOut);
                    zipOut.closeEntry();
                }
            }
            Path named = dir.resolve(folder.getFileName() + "-" + BundleLoader.sha256(zip).substring(0, 16) + ".zip");
            Files.move(zip, named);
            // deleteOnExit deletes in the reverse order of registration: the zip, then its folder.
            dir.toFile().deleteOnExit();
            named.toFile().deleteOnExit();
            return named;
        } catch (IOException e) {
            throw new InputException(folder + ": cannot be zipped to ship to the executors: " + e.getMessage(), e);
        }
    }
}
