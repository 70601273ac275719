package dev.predictbench.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.predictbench.InputException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** A line cut into cells by {@link CsvLine} reads exactly as the same record in a file does. */
class CsvLineTest {

    @TempDir
    Path temp;

    @ParameterizedTest
    @ValueSource(strings = {"a,b,c", "1.5,,3", ",,", "", " spaced , cells ", "\"quoted, comma\",2",
        "\"doubled \"\"quote\"\"\",x", "\"\",\"\"", "a,\"b\",", "\u00e9t\u00e9,\u4e2d\u6587", "trailing,"})
    void cellsAreWhatTheFileReaderReads(String line) throws IOException {
        Path file = temp.resolve("one.csv");
        Files.writeString(file, "header\n" + line + "\nend\n", StandardCharsets.UTF_8);
        String[] expected;
        try (CsvSource source = CsvSource.open(file, CsvDialect.AUTO.withDelimiter(','))) {
            expected = source.next().cells();
            if (line.isEmpty()) {
                expected = new String[] {""}; // a file skips a blank line; a line that is blank is one empty cell
            }
        }
        assertArrayEquals(expected, new CsvLine(',').cells(line, "test"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"\"never closed,1", "\"closed\"then text,1"})
    void aLineThatIsNotOneRecordIsRefusedNamingWhere(String line) {
        var e = assertThrows(InputException.class, () -> new CsvLine(',').cells(line, "part-7.csv: line 3"));
        assertTrue(e.getMessage().startsWith("part-7.csv: line 3: not one complete CSV record"), e.getMessage());
    }
}
