package dev.predictbench.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CsvPagesTest {

    @Test
    void anyRowCanBeReadBackIncludingQuotedLineBreaksAndUnicode(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("rows.csv");
        int rows = 5_000;
        try (BufferedWriter out = Files.newBufferedWriter(file)) {
            out.write("id,note,value\n");
            for (int i = 1; i <= rows; i++) {
                String note = i % 7 == 0 ? "\"line one\nline \"\"two\"\"\"" : i % 11 == 0 ? "café ✓" : "plain";
                out.write(i + "," + note + "," + (i * 0.5) + "\n");
            }
        }
        CsvPages pages = CsvPages.index(file, bytes -> { }, () -> false);
        assertEquals(rows, pages.rows());
        for (long row : new long[] {1, 7, 511, 512, 513, 1024, 3333, 4999, 5000}) {
            String[] cells = pages.row(row);
            assertEquals(Long.toString(row), cells[0], "row " + row);
            String expected = row % 7 == 0 ? "line one\nline \"two\"" : row % 11 == 0 ? "café ✓" : "plain";
            assertArrayEquals(new String[] {Long.toString(row), expected, Double.toString(row * 0.5)}, cells);
        }
    }
}
