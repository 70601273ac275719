package dev.predictbench.schema;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import dev.predictbench.bundle.Bundle;
import dev.predictbench.bundle.BundleLoader;
import dev.predictbench.data.CsvSource;
import dev.predictbench.data.DataRow;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A plain ASCII row is kept as its bytes and its numbers are read from them; validating it
 * gives exactly what validating its cells as text gives: the same numbers, texts and failures.
 */
class RowsKeptAsBytesTest {

    @TempDir
    Path temp;

    @Test
    void validatingBytesEqualsValidatingText() throws IOException {
        Bundle bundle = BundleLoader.load(Path.of("sample-models/clinic-risk"));
        Path file = temp.resolve("odd-numbers.csv");
        List<String> lines = new ArrayList<>(Files.readAllLines(Path.of("sample-models/clinic-risk/failures.csv")));
        lines.addAll(Files.readAllLines(Path.of("sample-models/clinic-risk/valid.csv")).subList(1, 40));
        String header = lines.get(0);
        String good = lines.get(lines.size() - 1);
        // Numbers written every way a file may hold them, and cells that are not numbers.
        for (String age : List.of(" 43 ", "4.3e1", "43.", "+43", "-0", "NaN", "nan", "Infinity", "1e400", "0x2B",
                "43d", "43f", "", "NA", "4 3", "43,0", "\t43")) {
            lines.add(age + good.substring(good.indexOf(',')));
        }
        Files.write(file, lines);

        RowValidator validator;
        int rows = 0;
        try (CsvSource source = CsvSource.open(file)) {
            validator = RowValidator.bind(bundle.manifest().schema(), source.header(), file.toString(), source.dialect());
            int features = bundle.manifest().features().size();
            while (source.hasNext()) {
                DataRow kept = source.next();
                rows++;
                if (!kept.toString().contains("\"")) {
                    assertNotNull(kept.raw(), "a plain row keeps its bytes: " + kept);
                }
                ParsedRow fromBytes = ParsedRow.forFeatures(features);
                ParsedRow fromText = ParsedRow.forFeatures(features);
                List<ValidationFailure> bytesFailures = new ArrayList<>();
                List<ValidationFailure> textFailures = new ArrayList<>();
                boolean a = validator.validate(kept, fromBytes, bytesFailures);
                boolean b = validator.validate(kept.row(), kept.cells().clone(), fromText, textFailures);
                assertEquals(b, a, kept.toString());
                assertEquals(textFailures, bytesFailures, kept.toString());
                assertArrayEquals(fromText.numbers(), fromBytes.numbers(), kept.toString());
                assertArrayEquals(fromText.texts(), fromBytes.texts(), kept.toString());
            }
        }
        assertEquals(lines.size() - 1, rows);
        assertNotNull(header);
    }
}
