package dev.predictbench.preprocess;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.predictbench.InputException;
import dev.predictbench.preprocess.sklearn.SklearnFile;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.zip.DeflaterOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Small pickles that ask for unbounded work: each is refused with one line in bounded time
 * and memory (the headless JVM has a 160 MiB heap), and nothing is built from it.
 */
class HostilePickleTest {

    @TempDir
    Path dir;

    private String refusal(byte[] pickle, boolean zlib) throws IOException {
        Path file = dir.resolve("hostile.joblib");
        if (zlib) {
            ByteArrayOutputStream packed = new ByteArrayOutputStream();
            try (DeflaterOutputStream out = new DeflaterOutputStream(packed)) {
                out.write(pickle);
            }
            pickle = packed.toByteArray();
        }
        Files.write(file, pickle);
        InputException e = assertTimeoutPreemptively(Duration.ofSeconds(20),
                () -> assertThrows(InputException.class, () -> SklearnFile.read(file)));
        assertTrue(!e.getMessage().contains("\n"), e.getMessage());
        return e.getMessage();
    }

    @Test
    void aCompressedPickleThatFloodsItsMemoIsRefused() throws IOException {
        ByteArrayOutputStream pickle = new ByteArrayOutputStream();
        pickle.write(new byte[] {(byte) 0x80, 2, ']'});
        for (int i = 0; i < 3_000_000; i++) {
            pickle.write('}');   // a new dict, memoized under a new index, then appended
            pickle.write('r');
            pickle.write(new byte[] {(byte) i, (byte) (i >>> 8), (byte) (i >>> 16), 0});
            pickle.write('a');
        }
        pickle.write('.');
        String message = refusal(pickle.toByteArray(), true);
        assertTrue(message.contains("memoizes more than"), message);
    }

    @Test
    void anIntegerOfMillionsOfDigitsIsRefusedWithoutParsingIt() throws IOException {
        byte[] digits = "L".concat("7".repeat(6_000_000)).concat("L\n.").getBytes(StandardCharsets.US_ASCII);
        String message = refusal(digits, true);
        assertTrue(message.contains("more than 400 characters"), message);
    }

    @Test
    void aLong4OfAMegabyteIsRefused() throws IOException {
        ByteArrayOutputStream pickle = new ByteArrayOutputStream();
        pickle.write(new byte[] {(byte) 0x80, 2, (byte) 0x8b, 0, 0, 16, 0});
        pickle.write(new byte[1 << 20]);
        pickle.write('.');
        String message = refusal(pickle.toByteArray(), false);
        assertTrue(message.contains("an integer of 1,048,576 bytes"), message);
    }

    @Test
    void aLoopOfOpcodesIsBounded() throws IOException {
        ByteArrayOutputStream pickle = new ByteArrayOutputStream();
        pickle.write(new byte[] {(byte) 0x80, 2});
        for (int i = 0; i < 26_000_000; i++) {
            pickle.write('N');   // push None, pop it: no memory, only time
            pickle.write('0');
        }
        pickle.write('.');
        String message = refusal(pickle.toByteArray(), true);
        assertTrue(message.contains("pickle opcodes"), message);
    }
}
