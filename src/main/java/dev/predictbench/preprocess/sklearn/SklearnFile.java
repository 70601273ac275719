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

/**
 * Reads a fitted scikit-learn transformer from a pickle (protocols 2 to 5) or a
 * joblib file (plain, zlib or gzip) through {@link RestrictedUnpickler}: only an
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
    }

    public static Estimator read(Path file) {
        // Buffered after decompression too: the unpickler peeks at declared lengths (mark/reset).
        try (InputStream in = new BufferedInputStream(decompressed(new BufferedInputStream(Files.newInputStream(file))))) {
            Object loaded = new RestrictedUnpickler().load(in);
            if (!(loaded instanceof ClassDict dict)) {
                throw new InputException(file + ": holds " + describe(loaded)
                        + ", not a fitted StandardScaler, MinMaxScaler or OneHotEncoder");
            }
            return new Estimator(dict.getClassName().substring(dict.getClassName().lastIndexOf('.') + 1),
                    new HashMap<>(dict));
        } catch (RestrictedUnpickler.RefusedPickleException e) {
            throw new InputException(file + ": " + e.getMessage(), e);
        } catch (NoSuchFileException e) {
            throw new InputException(file + ": no such file");
        } catch (InputException e) {
            throw e;
        } catch (IOException | RuntimeException | StackOverflowError e) {
            // A malformed stream can make the pickle library fail in any way (fuzzing found NPEs):
            // whatever it is, the file is not a readable pickle.
            throw new InputException(file + ": not a readable scikit-learn pickle or joblib file ("
                    + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()) + ")", e);
        }
    }

    /** joblib compresses the whole pickle stream: zlib streams start with 0x78, gzip with 1f 8b. */
    private static InputStream decompressed(BufferedInputStream in) throws IOException {
        in.mark(2);
        int first = in.read();
        int second = in.read();
        in.reset();
        if (first == 0x78) {
            return new InflaterInputStream(in);
        }
        if (first == 0x1f && second == 0x8b) {
            return new GZIPInputStream(in);
        }
        return in;
    }

    private static String describe(Object loaded) {
        return loaded == null ? "None" : "a " + loaded.getClass().getSimpleName();
    }
}
