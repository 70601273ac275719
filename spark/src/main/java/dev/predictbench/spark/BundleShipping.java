package dev.predictbench.spark;

import dev.predictbench.InputException;
import dev.predictbench.bundle.Bundle;
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
 * with {@code SparkFiles.get} under the returned name, which carries the model's hash so two
 * bundles of the same name never mix.
 */
final class BundleShipping {

    private BundleShipping() {
    }

    static String ship(SparkSession spark, Bundle bundle) {
        Path zip = Files.isDirectory(bundle.source()) ? zipped(bundle) : bundle.source();
        spark.sparkContext().addFile(zip.toAbsolutePath().toUri().toString());
        return zip.getFileName().toString();
    }

    private static Path zipped(Bundle bundle) {
        Path folder = bundle.source();
        try {
            Path dir = Files.createTempDirectory("predictbench-ship");
            Path zip = dir.resolve(folder.getFileName() + "-" + bundle.modelSha256().substring(0, 12) + ".zip");
            List<Path> files;
            try (Stream<Path> walk = Files.walk(folder)) {
                files = walk.filter(Files::isRegularFile).sorted().toList();
            }
            try (OutputStream out = Files.newOutputStream(zip); ZipOutputStream zipOut = new ZipOutputStream(out)) {
                for (Path file : files) {
                    zipOut.putNextEntry(new ZipEntry(folder.relativize(file).toString().replace('\\', '/')));
                    Files.copy(file, zipOut);
                    zipOut.closeEntry();
                }
            }
            zip.toFile().deleteOnExit();
            dir.toFile().deleteOnExit();
            return zip;
        } catch (IOException e) {
            throw new InputException(folder + ": cannot be zipped to ship to the executors: " + e.getMessage(), e);
        }
    }
}
