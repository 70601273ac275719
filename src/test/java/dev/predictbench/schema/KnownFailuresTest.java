package dev.predictbench.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.predictbench.Samples;
import dev.predictbench.bundle.Bundle;
import dev.predictbench.bundle.BundleLoader;
import dev.predictbench.data.CsvSource;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** clinic-risk/failures.csv breaks one check per row; the training script lists which. */
class KnownFailuresTest {

    @Test
    void everyKnownFailureIsFoundAtItsLevelAndNothingElse() {
        Bundle bundle = BundleLoader.load(Samples.CLINIC_RISK);
        List<String> found = new ArrayList<>();
        List<ValidationFailure> failures = new ArrayList<>();
        try (CsvSource source = CsvSource.open(Samples.CLINIC_RISK.resolve("failures.csv"))) {
            RowValidator validator = RowValidator.bind(bundle.manifest().schema(), source.header(), "failures.csv");
            ParsedRow parsed = ParsedRow.forFeatures(bundle.manifest().features().size());
            while (source.hasNext()) {
                var row = source.next();
                validator.validate(row.row(), row.cells(), parsed, failures);
            }
        }
        for (ValidationFailure f : failures) {
            found.add(f.row() + "," + f.column() + "," + f.level().label() + "," + f.check());
        }
        List<String> expected = Samples.readCsv(Samples.CLINIC_RISK.resolve("golden/failures_expected.csv")).stream()
                .map(r -> r.get("row") + "," + r.get("column") + "," + r.get("level") + "," + r.get("check"))
                .toList();
        assertEquals(expected, found);
        failures.forEach(f -> assertEquals(false, f.message().isBlank(), "every failure says what is wrong"));
    }
}
