package dev.predictbench.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ColumnMappingTest {

    @Test
    void renamesMappedColumnsOnlyWhereTheFeatureIsAbsent() {
        ColumnMapping mapping = new ColumnMapping(Map.of("age", "age_years", "sex", "gender"));
        assertEquals(List.of("id", "age", "sex"), mapping.apply(List.of("id", "age_years", "gender")));
        assertEquals(List.of("age", "age_years"), mapping.apply(List.of("age", "age_years")),
                "a file that has the feature keeps it");
        assertEquals(List.of("x"), ColumnMapping.NONE.apply(List.of("x")));
    }
}
