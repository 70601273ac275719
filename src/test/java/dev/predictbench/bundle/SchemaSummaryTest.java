package dev.predictbench.bundle;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.predictbench.Samples;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class SchemaSummaryTest {

    @Test
    void eachFeatureShowsItsRangeAndWhatTrainingFittedForIt() {
        Map<String, SchemaSummary.Row> rows = SchemaSummary.of(BundleLoader.load(Samples.CLINIC_RISK).manifest())
                .stream().collect(Collectors.toMap(SchemaSummary.Row::name, Function.identity()));
        assertEquals("[0, 120]", rows.get("age").range());
        assertEquals("standardize", rows.get("age").step());
        assertEquals("training mean 53.9199, std 20.7388", rows.get("age").parameters());
        assertEquals("west, north, east, south (from training)", rows.get("region").range());
        assertEquals("24.5", rows.get("bmi").fill());
        assertEquals("order: never < former < current", rows.get("smoker").parameters());
        assertEquals(List.of("age", "sex", "pregnant", "bmi", "systolic_bp", "region", "smoker", "notes"),
                SchemaSummary.of(BundleLoader.load(Samples.CLINIC_RISK).manifest()).stream()
                        .map(SchemaSummary.Row::name).toList());
    }
}
