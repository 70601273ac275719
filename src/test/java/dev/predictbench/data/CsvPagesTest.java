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
        java.util.List<CsvPages> early = new java.util.ArrayList<>();
        CsvPages pages = CsvPages.index(file, CsvDialect.AUTO, bytes -> { }, () -> false, early::add);
        assertEquals(rows, pages.rows());
        assertEquals(1, early.size(), "the first pages are handed over once, before the scan ends");
        assertEquals(CsvPages.EARLY_PAGES * CsvPages.PAGE, early.get(0).rows());
        assertArrayEquals(pages.row(4096), early.get(0).row(4096), "the early pages read the same rows");
        for (long row : new long[] {1, 7, 511, 512, 513, 1024, 3333, 4999, 5000}) {
            String[] cells = pages.row(row);
            assertEquals(Long.toString(row), cells[0], "row " + row);
            String expected = row % 7 == 0 ? "line one\nline \"two\"" : row % 11 == 0 ? "café ✓" : "plain";
            assertArrayEquals(new String[] {Long.toString(row), expected, Double.toString(row * 0.5)}, cells);
        }
    }
}
