package dev.predictbench.drift;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.predictbench.Samples;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** PSI and KS against numpy/scipy on fixed samples (sample-models/write_reference_metrics.py). */
class ReferenceDriftTest {

    private static final Path DIR = Path.of("src/test/resources/reference");

    @Test
    void psiAndKsEqualTheReference() throws IOException {
        JsonNode expected = new ObjectMapper().readTree(DIR.resolve("drift.json").toFile());
        List<Map<String, String>> rows = Samples.readCsv(DIR.resolve("drift_samples.csv"));
        List<Map<String, String>> reference = rows.stream().filter(r -> r.get("sample").equals("reference")).toList();
        List<Map<String, String>> current = rows.stream().filter(r -> r.get("sample").equals("current")).toList();
        for (String column : List.of("x", "k")) {
            double[] ref = reference.stream().mapToDouble(r -> Double.parseDouble(r.get(column))).toArray();
            double[] cur = current.stream().mapToDouble(r -> Double.parseDouble(r.get(column))).toArray();
            assertEquals(expected.get(column).get("psi").asDouble(), Psi.numeric(ref, cur), 1e-12, column);
            KolmogorovSmirnov.Result ks = KolmogorovSmirnov.test(ref, cur);
            assertEquals(expected.get(column).get("ks").asDouble(), ks.statistic(), 1e-12, column);
            assertEquals(expected.get(column).get("p_value").asDouble(), ks.pValue(),
                    1e-9 * Math.max(1, expected.get(column).get("p_value").asDouble() * 1e9), column);
        }
        double categorical = Psi.categorical(Psi.tally(reference.stream().map(r -> r.get("c")).toList()),
                Psi.tally(current.stream().map(r -> r.get("c")).toList()));
        assertEquals(expected.get("c").get("psi").asDouble(), categorical, 1e-12);
    }

    @Test
    void theKolmogorovTailMatchesKnownValues() {
        // Kolmogorov distribution survival function at textbook points (e.g. 1.358 -> 0.05).
        assertEquals(0.05, KolmogorovSmirnov.kolmogorovSurvival(1.3581), 1e-4);
        assertEquals(0.01, KolmogorovSmirnov.kolmogorovSurvival(1.6276), 1e-4);
        assertEquals(1.0, KolmogorovSmirnov.kolmogorovSurvival(0.2), 1e-6);
        assertEquals(KolmogorovSmirnov.kolmogorovSurvival(1.1799), KolmogorovSmirnov.kolmogorovSurvival(1.1801), 1e-3);
    }

    @Test
    void bandsFollowTheConventions() {
        assertEquals("none", Psi.band(0.05));
        assertEquals("moderate", Psi.band(0.1));
        assertEquals("major", Psi.band(0.3));
    }
}
