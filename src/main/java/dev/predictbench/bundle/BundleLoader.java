package dev.predictbench.bundle;

import dev.predictbench.InputException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Opens a bundle folder: reads and checks bundle.json, checks that the files it
 * names exist inside the bundle and that the model's sha256 matches when given.
 * Loading the model itself is the inference package's job.
 */
public final class BundleLoader {

    public static final String MANIFEST = "bundle.json";
    private static final long MAX_MANIFEST_BYTES = 16L << 20;

    private BundleLoader() {
    }

    /** Opens a bundle folder or a zipped bundle (files at the root or in one top-level folder). */
    public static Bundle load(Path source) {
        if (!Files.exists(source)) {
            throw new InputException(source + ": no such bundle (expected a folder with " + MANIFEST
                    + " or a .zip of one)");
        }
        if (Files.isDirectory(source)) {
            return loadFolder(source, source);
        }
        if (!Files.isRegularFile(source)) {
            // Opening a FIFO or a device to look for the zip signature would block or never end.
            throw new InputException(source + ": not a bundle: " + BundlePaths.kind(source)
                    + " (expected a folder with " + MANIFEST + " or a .zip of one)");
        }
        if (ZipBundle.looksLikeZip(source)) {
            return loadFolder(source, ZipBundle.extract(source));
        }
        throw new InputException(source + ": not a bundle (expected a folder with " + MANIFEST + " or a .zip of one)");
    }

    private static Bundle loadFolder(Path source, Path folder) {
        Path manifestFile = folder.resolve(MANIFEST);
        String where = source.equals(folder) ? manifestFile.toString() : source + "!/" + MANIFEST;
        BundlePaths.inside(folder, MANIFEST, manifestFile.toString());
        Manifest manifest = ManifestReader.read(readManifest(manifestFile), where,
                (file, columns, item) -> SklearnImport.resolve(inside(folder, file, item.path() + ".file"), file,
                        columns, item));
        Path modelFile = inside(folder, manifest.model().file(), "model.file");
        if (!Files.isRegularFile(modelFile)) {
            throw new InputException(manifestFile + ": model.file: " + modelFile + " does not exist");
        }
        if (manifest.referenceFile() != null) {
            Path reference = inside(folder, manifest.referenceFile(), "reference.file");
            if (!Files.isRegularFile(reference)) {
                throw new InputException(manifestFile + ": reference.file: " + reference + " does not exist");
            }
        }
        if (manifest.parity() != null) {
            Path parity = inside(folder, manifest.parity().file(), "parity.file");
            if (!Files.isRegularFile(parity)) {
                throw new InputException(manifestFile + ": parity.file: " + parity + " does not exist");
            }
        }
        String sha = sha256(modelFile);
        String expected = manifest.model().sha256();
        if (expected != null && !expected.equals(sha)) {
            throw new InputException(modelFile + ": sha256 is " + sha + " but " + MANIFEST + " expects " + expected
                    + "; the model file was changed or replaced after the bundle was made");
        }
        return new Bundle(source, folder, manifest, sha);
    }

    private static String readManifest(Path file) {
        try {
            if (!Files.isRegularFile(file)) {
                throw new InputException(file.getParent() + ": not a bundle: " + MANIFEST + " is missing");
            }
            if (Files.size(file) > MAX_MANIFEST_BYTES) {
                throw new InputException(file + ": larger than 16 MiB; not a bundle manifest");
            }
            return StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(Files.readAllBytes(file)))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new InputException(file + ": not UTF-8 text");
        } catch (IOException e) {
            throw new InputException(file + ": cannot be read: " + e.getMessage(), e);
        }
    }

    /** Resolves a file named in the manifest, refusing names and links that leave the bundle folder. */
    private static Path inside(Path bundle, String name, String field) {
        return BundlePaths.inside(bundle, name, bundle.resolve(MANIFEST) + ": " + field);
    }

    public static String sha256(Path file) {
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), MessageDigest.getInstance("SHA-256"))) {
            in.transferTo(java.io.OutputStream.nullOutputStream());
            return HexFormat.of().formatHex(((DigestInputStream) in).getMessageDigest().digest());
        } catch (IOException e) {
            throw new InputException(file + ": cannot be read: " + e.getMessage(), e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
