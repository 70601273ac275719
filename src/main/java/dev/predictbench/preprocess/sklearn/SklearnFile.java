package dev.predictbench.preprocess.sklearn;

import dev.predictbench.InputException;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import java.util.zip.InflaterInputStream;
import net.razorvine.pickle.objects.ClassDict;
import org.apache.commons.compress.compressors.bzip2.BZip2CompressorInputStream;
import org.apache.commons.compress.compressors.lzma.LZMACompressorInputStream;
import org.apache.commons.compress.compressors.xz.XZCompressorInputStream;

/**
 * Reads a fitted scikit-learn transformer from a pickle (protocols 0 to 5) or a
 * joblib file (plain, zlib, gzip, bz2, lzma or xz) through {@link RestrictedUnpickler}: only an
 * allow-list of classes can appear, and nothing in the file is executed.
 */
public final class SklearnFile {

    private SklearnFile() {
    }

    /** A fitted estimator: its class (e.g. StandardScaler) and its attributes. */
    public record Estimator(String className, Map<String, Object> attributes) {

        public Object get(String name) {
            return attributes.get(name);
        }

        /** The full Python class name, e.g. {@code sklearn.preprocessing._data.StandardScaler}. */
        public String qualifiedName() {
            return String.valueOf(attributes.get("__class__"));
        }

        static Estimator of(ClassDict dict) {
            String name = dict.getClassName();
            return new Estimator(name.substring(name.lastIndexOf('.') + 1), new HashMap<>(dict));
        }
    }

    public static Estimator read(Path file) {
        // Buffered after decompression too: the unpickler peeks at declared lengths (mark/reset).
        try (InputStream in = new BufferedInputStream(decompressed(new BufferedInputStream(Files.newInputStream(file))))) {
            Object loaded = new RestrictedUnpickler().load(in);
            if (!(loaded instanceof ClassDict dict)) {
                throw new InputException(file + ": holds " + describe(loaded)
                        + ", not a fitted scikit-learn transformer");
            }
            return Estimator.of(dict);
        } catch (RestrictedUnpickler.RefusedPickleException e) {
            throw new InputException(file + ": " + e.getMessage(), e);
        } catch (NoSuchFileException e) {
            throw new InputException(file + ": no such file");
        } catch (InputException e) {
            throw e;
        } catch (OutOfMemoryError e) {
            // Only this read's objects are lost: the heap is whole again once they are unreachable.
            throw new InputException(file + ": builds more objects than fit in memory while it is read, far more than"
                    + " a fitted transformer holds; refused");
        } catch (IOException | RuntimeException | StackOverflowError e) {
            // A malformed stream can make the pickle library fail in any way (fuzzing found NPEs):
            // whatever it is, the file is not a readable pickle.
            throw new InputException(file + ": not a readable scikit-learn pickle or joblib file ("
                    + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()) + ")", e);
        }
    }

    /**
     * joblib compresses the whole pickle stream; its magic bytes say how: zlib 0x78, gzip 1f 8b,
     * bz2 "BZh", xz fd 37 7a 58 5a, lzma (alone format) 5d 00 00. A pickle starts with 0x80
     * (protocol 2+) or an opcode letter (protocols 0 and 1).
     */
    private static InputStream decompressed(BufferedInputStream in) throws IOException {
        in.mark(6);
        byte[] magic = in.readNBytes(6);
        in.reset();
        int first = magic.length > 0 ? magic[0] & 0xff : -1;
        int second = magic.length > 1 ? magic[1] & 0xff : -1;
        if (first == 0x78) {
            return new InflaterInputStream(in);
        }
        if (first == 0x1f && second == 0x8b) {
            return new GZIPInputStream(in);
        }
        if (startsWith(magic, 'B', 'Z', 'h')) {
            return new BZip2CompressorInputStream(in, true);
        }
        if (startsWith(magic, 0xfd, '7', 'z', 'X', 'Z', 0)) {
            return new XZCompressorInputStream(in, true);
        }
        if (startsWith(magic, 0x5d, 0, 0)) {
            return new LZMACompressorInputStream(in);
        }
        if (startsWith(magic, 0x04, 0x22, 0x4d, 0x18)) {
            throw new IOException("compressed with lz4, which PredictBench does not read; save it with"
                    + " joblib.dump(obj, file, compress=('zlib', 3)) or any of zlib, gzip, bz2, lzma, xz");
        }
        return in;
    }

    private static boolean startsWith(byte[] bytes, int... prefix) {
        if (bytes.length < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if ((bytes[i] & 0xff) != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    private static String describe(Object loaded) {
        return loaded == null ? "None" : "a " + loaded.getClass().getSimpleName();
    }
}
