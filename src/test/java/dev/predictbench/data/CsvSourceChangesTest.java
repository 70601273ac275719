package dev.predictbench.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.predictbench.InputException;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A file that is still being written, or is truncated or replaced while it is read, must not
 * end as a normal read of part of its rows; devices and pipes never end at all.
 */
class CsvSourceChangesTest {

    @TempDir
    Path dir;

    private Path file(int rows) throws IOException {
        StringBuilder text = new StringBuilder("id,value\n");
        for (int i = 0; i < rows; i++) {
            text.append(i).append(',').append(i * 0.5).append('\n');
        }
        Path file = dir.resolve("data.csv");
        Files.writeString(file, text);
        return file;
    }

    @Test
    void anUnchangedFileIsReadToItsEnd() throws IOException {
        try (CsvSource source = CsvSource.open(file(100_000))) {
            long rows = 0;
            while (source.hasNext()) {
                source.next();
                rows++;
            }
            assertEquals(100_000, rows);
        }
    }

    @Test
    void aFileTruncatedWhileItIsReadIsRefusedAtItsEnd() throws IOException {
        Path file = file(200_000);
        try (CsvSource source = CsvSource.open(file)) {
            source.next();
            try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
                raf.setLength(raf.length() * 58 / 100);
            }
            InputException e = assertThrows(InputException.class, () -> {
                while (source.hasNext()) {
                    source.next();
                }
            });
            assertTrue(e.getMessage().contains("changed while it was read"), e.getMessage());
        }
    }

    @Test
    void aFileThatGrowsWhileItIsReadIsRefusedAtItsEnd() throws IOException {
        Path file = file(200_000);
        try (CsvSource source = CsvSource.open(file)) {
            source.next();
            Files.writeString(file, "999999,1.0\n", java.nio.file.StandardOpenOption.APPEND);
            InputException e = assertThrows(InputException.class, () -> {
                while (source.hasNext()) {
                    source.next();
                }
            });
            assertTrue(e.getMessage().contains("changed while it was read"), e.getMessage());
        }
    }

    @Test
    void devicesAndPipesAreRefusedAtOnce() throws Exception {
        Path fifo = dir.resolve("pipe.csv");
        assertEquals(0, new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor());
        for (Path special : new Path[] {Path.of("/dev/zero"), fifo}) {
            InputException e = assertTimeoutPreemptively(Duration.ofSeconds(10),
                    () -> assertThrows(InputException.class, () -> CsvSource.open(special)));
            assertTrue(e.getMessage().contains("not a regular file"), e.getMessage());
        }
    }
}
