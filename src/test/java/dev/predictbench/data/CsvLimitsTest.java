package dev.predictbench.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.predictbench.InputException;
import java.io.IOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Rows longer or wider than any table are refused with the line, before they fill the heap. */
class CsvLimitsTest {

    @TempDir
    Path dir;

    private static long rows(Path file) {
        try (CsvSource source = CsvSource.open(file)) {
            long rows = 0;
            while (source.hasNext()) {
                source.next();
                rows++;
            }
            return rows;
        }
    }

    @Test
    void aQuoteThatIsNeverClosedStopsAtTheRecordLimit() throws IOException {
        Path file = dir.resolve("open-quote.csv");
        try (Writer out = Files.newBufferedWriter(file)) {
            out.write("id,text\n1,ok\n2,\"");
            for (int i = 0; i < (ByteCsvReader.MAX_RECORD_BYTES >> 10) + 64; i++) {
                out.write("x".repeat(1023) + "\n");
            }
        }
        InputException e = assertThrows(InputException.class, () -> rows(file));
        assertTrue(e.getMessage().contains("the record at line 3 is longer than 16 MiB"), e.getMessage());
    }

    @Test
    void aRowJustUnderTheLimitsIsRead() throws IOException {
        Path file = dir.resolve("big.csv");
        String wide = "1" + ",1".repeat(ByteCsvReader.MAX_COLUMNS - 1);
        StringBuilder header = new StringBuilder("c0");
        for (int i = 1; i < ByteCsvReader.MAX_COLUMNS; i++) {
            header.append(",c").append(i);
        }
        Files.writeString(file, header + "\n" + wide + "\n");
        assertEquals(1, rows(file));
    }

    @Test
    void aRowWiderThanTheLimitIsRefusedWithItsLine() throws IOException {
        Path file = dir.resolve("wide.csv");
        StringBuilder header = new StringBuilder("c0");
        for (int i = 1; i <= ByteCsvReader.MAX_COLUMNS; i++) {
            header.append(",c").append(i);
        }
        Files.writeString(file, header + "\n");
        InputException e = assertThrows(InputException.class, () -> rows(file));
        assertTrue(e.getMessage().contains("line 1 has more than 200,000 cells"), e.getMessage());
    }
}
