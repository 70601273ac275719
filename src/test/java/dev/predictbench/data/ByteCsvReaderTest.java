package dev.predictbench.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;

/** The byte-level reader reads exactly what Commons CSV reads, and its raw bytes are exactly the cells. */
class ByteCsvReaderTest {

    @Test
    void readsWhatCommonsCsvReadsOnRandomTrickyFiles() throws IOException {
        Random random = new Random(7);
        String[] pieces = {"a", "1.5", "", "é", "漢", "\"q\"", "x,y", "line\nbreak", "cr\r\nlf", " sp ", "\"\"", "-"};
        for (int file = 0; file < 300; file++) {
            StringBuilder text = new StringBuilder();
            int rows = random.nextInt(6);
            for (int r = 0; r < rows; r++) {
                int cells = 1 + random.nextInt(4);
                for (int c = 0; c < cells; c++) {
                    if (c > 0) {
                        text.append(',');
                    }
                    String piece = pieces[random.nextInt(pieces.length)];
                    boolean quote = random.nextBoolean() || piece.contains(",") || piece.contains("\n")
                            || piece.contains("\r") || piece.contains("\"");
                    text.append(quote ? '"' + piece.replace("\"", "\"\"") + '"' : piece);
                }
                text.append(random.nextInt(3) == 0 ? "\r\n" : "\n");
                if (random.nextInt(5) == 0) {
                    text.append('\n');
                }
            }
            List<String[]> expected = new ArrayList<>();
            for (CSVRecord record : CsvRecords.format(',').parse(new StringReader(text.toString()))) {
                expected.add(record.values());
            }
            List<String[]> actual = read(text.toString());
            assertEquals(expected.size(), actual.size(), text.toString());
            for (int i = 0; i < expected.size(); i++) {
                assertArrayEquals(expected.get(i), actual.get(i), text.toString());
            }
        }
    }

    @Test
    void rawBytesAreThePlainRecordAndAbsentWhenQuotesAreInvolved() throws IOException {
        try (ByteCsvReader reader = reader("a,1.5,é\r\n\"b\",2\nc\"d,3\n")) {
            assertTrue(reader.next());
            assertEquals("a,1.5,é", new String(reader.raw(), StandardCharsets.UTF_8));
            assertTrue(reader.next());
            assertNull(reader.raw(), "a quoted cell is written without quotes, so its bytes differ");
            assertTrue(reader.next());
            assertNull(reader.raw(), "a quote inside a cell is written quoted");
            assertFalse(reader.next());
        }
    }

    /**
     * The scans look at eight bytes at a time (a whole unquoted record, else a cell): a delimiter,
     * line break, quote or non-ASCII byte in any of the eight lanes, and cells that end anywhere in
     * a word, read as Commons CSV reads.
     */
    @Test
    void everyByteOfAWordIsSeenWhereverTheCellEnds() throws IOException {
        // ",-" and "\n\u000b": the byte after a delimiter or line end is the one an SWAR borrow could mark.
        String[] specials = {",", "\n", "\r\n", "\"", "é", "漢", ",-", "\n\u000b", "\r"};
        for (String special : specials) {
            // A quote that opens a cell starts a quoted cell: the quoted reader's path, tested above.
            for (int before = special.equals("\"") ? 1 : 0; before < 19; before++) {
                for (int after = 0; after < 11; after++) {
                    String text = "h\n" + "x".repeat(before) + special + "y".repeat(after) + ",1.5," + "z".repeat(after) + "\n";
                    List<String[]> expected = new ArrayList<>();
                    for (CSVRecord record : CsvRecords.format(',').parse(new StringReader(text))) {
                        expected.add(record.values());
                    }
                    List<String[]> actual = read(text);
                    assertEquals(expected.size(), actual.size(), text);
                    for (int i = 0; i < expected.size(); i++) {
                        assertArrayEquals(expected.get(i), actual.get(i), text);
                    }
                    try (ByteCsvReader reader = reader(text)) {
                        assertTrue(reader.next());
                        assertTrue(reader.next());
                        assertEquals(special.equals("\""), reader.raw() == null, "a quote inside a cell: " + text);
                    }
                }
            }
        }
    }

    @Test
    void recordsLongerThanTheBufferAndSplitAcrossRefillsReadWhole() throws IOException {
        String longCell = "x".repeat(3_000_000);
        List<String[]> rows = read("a,b\n" + longCell + ",\"q\n" + longCell + "\"\nlast,1");
        assertEquals(3, rows.size());
        assertEquals(longCell, rows.get(1)[0]);
        assertEquals("q\n" + longCell, rows.get(1)[1]);
        assertArrayEquals(new String[] {"last", "1"}, rows.get(2));
    }

    @Test
    void anUnclosedQuoteOrTextAfterAClosingQuoteIsAnErrorNamingTheLine() {
        IOException unclosed = assertThrows(IOException.class, () -> read("a,b\n1,2\n3,\"open\n4,5\n"));
        assertTrue(unclosed.getMessage().contains("opened on line 3 is never closed"), unclosed.getMessage());
        IOException after = assertThrows(IOException.class, () -> read("a,b\n\"x\"y,2\n"));
        assertTrue(after.getMessage().contains("line 2: text follows the closing quote"), after.getMessage());
    }

    @Test
    void anUndecodableByteIsNamedByItsOffsetAndLine() {
        byte[] file = "a,b\nok,1\nbad\u0000,2\n".getBytes(StandardCharsets.UTF_8);
        file[12] = (byte) 0xE9; // Latin-1 é in a UTF-8 file, where "\u0000" stood
        ByteCsvReader.Undecodable e = assertThrows(ByteCsvReader.Undecodable.class, () -> {
            try (ByteCsvReader reader = new ByteCsvReader(new ByteArrayInputStream(file), ',',
                    StandardCharsets.UTF_8, 0)) {
                while (reader.next()) {
                    // read on
                }
            }
        });
        assertEquals(12, e.byteOffset);
        assertEquals(3, e.line);
    }

    private static List<String[]> read(String text) throws IOException {
        List<String[]> rows = new ArrayList<>();
        try (ByteCsvReader reader = reader(text)) {
            while (reader.next()) {
                rows.add(reader.record());
                if (reader.raw() != null) {
                    assertEquals(String.join(",", reader.record()), new String(reader.raw(), StandardCharsets.UTF_8));
                }
            }
        }
        return rows;
    }

    private static ByteCsvReader reader(String text) {
        return new ByteCsvReader(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), ',',
                StandardCharsets.UTF_8, 0);
    }
}
