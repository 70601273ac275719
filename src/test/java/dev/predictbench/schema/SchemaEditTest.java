package dev.predictbench.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.predictbench.InputException;
import dev.predictbench.Samples;
import dev.predictbench.bundle.Bundle;
import dev.predictbench.bundle.BundleLoader;
import dev.predictbench.bundle.BundleWriter;
import dev.predictbench.data.CsvDialect;
import dev.predictbench.scoring.Scorer;
import dev.predictbench.scoring.ScoringOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The schema editor's engine without the window: ranges proposed from the training sample, the
 * rows of another file each proposal would reject, and the edited schema saved as a new version
 * whose parity is re-checked. The expected values are computed here with Commons CSV and plain
 * Java parsing, independently of the validator that produced the proposals.
 */
class SchemaEditTest {

    @TempDir
    Path dir;

    @Test
    void proposesTheObservedRangeOfEveryNumberAndTheCategoriesSeen() {
        Bundle bundle = BundleLoader.load(Samples.CLINIC_RISK);
        Path sample = bundle.referenceFile().orElseThrow();
        List<SchemaProposals.Proposal> proposals = SchemaProposals.fromSample(bundle.manifest().schema(), sample,
                CsvDialect.AUTO, () -> false);
        List<Map<String, String>> rows = Samples.readCsv(sample);
        for (SchemaProposals.Proposal p : proposals) {
            List<String> cells = rows.stream().map(r -> r.get(p.feature())).toList();
            long present = cells.stream().filter(c -> c != null && !c.isEmpty()).count();
            switch (p.type()) {
                case NUMBER, INTEGER -> {
                    double[] numbers = cells.stream().filter(c -> !c.isEmpty()).mapToDouble(Double::parseDouble).toArray();
                    assertEquals(java.util.Arrays.stream(numbers).min().orElseThrow(), p.min(), p.feature());
                    assertEquals(java.util.Arrays.stream(numbers).max().orElseThrow(), p.max(), p.feature());
                    assertEquals(present, p.values(), p.feature());
                    assertEquals(rows.size() - present, p.missing(), p.feature());
                }
                case CATEGORY -> {
                    List<String> seen = new ArrayList<>(new LinkedHashSet<>(cells.stream().filter(c -> !c.isEmpty()).toList()));
                    assertEquals(seen, p.categories(), p.feature());
                    assertEquals(null, p.min());
                }
                default -> assertEquals(List.of(), p.categories(), p.feature());
            }
        }
        assertEquals(bundle.manifest().features().size(), proposals.size());
    }

    @Test
    void countsTheRowsOfAnotherFileThatAProposedRangeRejects() {
        Bundle bundle = BundleLoader.load(Samples.BREAST_CANCER);
        Schema schema = bundle.manifest().schema();
        List<SchemaProposals.Proposal> proposals = SchemaProposals.fromSample(schema,
                bundle.referenceFile().orElseThrow(), CsvDialect.AUTO, () -> false);
        List<Feature> proposed = new ArrayList<>();
        for (int i = 0; i < proposals.size(); i++) {
            proposed.add(proposals.get(i).applyTo(schema.features().get(i)));
        }
        Path unseen = bundle.directory().resolve("unseen.csv");
        ValidationSummary summary = FileValidator.run(new Schema(proposed, schema.rules(), schema.encodedCategories()),
                unseen, failure -> { }, FileValidator.Progress.NONE, () -> false);
        List<Map<String, String>> rows = Samples.readCsv(unseen);
        long checked = 0;
        for (Feature f : proposed) {
            long above = rows.stream().filter(r -> Double.parseDouble(r.get(f.name())) > f.max()).count();
            long below = rows.stream().filter(r -> Double.parseDouble(r.get(f.name())) < f.min()).count();
            assertEquals(above, summary.byCheck().getOrDefault(f.name() + ":max", 0L), f.name() + " above its max");
            assertEquals(below, summary.byCheck().getOrDefault(f.name() + ":min", 0L), f.name() + " below its min");
            checked += above + below;
        }
        assertTrue(checked > 0, "the unseen rows go beyond the training range somewhere: the counts are tested");
    }

    @Test
    void savesTheEditedSchemaAsANewVersionWithItsParityRechecked() throws IOException {
        Bundle bundle = BundleLoader.load(Samples.CLINIC_RISK);
        String original = Files.readString(bundle.directory().resolve("bundle.json"));
        List<Feature> features = new ArrayList<>(bundle.manifest().features());
        Feature age = features.get(0);
        features.set(0, new Feature(age.name(), age.type(), 18.0, 99.5, age.values(), age.fill()));
        List<Rule> rules = new ArrayList<>(bundle.manifest().rules());
        rules.add(new Rule("adult-bp", "age < 18 || systolic_bp >= 70", "systolic pressure below 70 in an adult"));
        Path out = dir.resolve("clinic-risk-2");
        List<String> verified = new ArrayList<>();

        Bundle saved = BundleWriter.withSchema(bundle, features, rules, out, written -> {
            try (Scorer scorer = Scorer.open(written, ScoringOptions.defaults())) {
                verified.add(scorer.parity().orElseThrow().describe());
            }
        });

        assertEquals(1, verified.size(), "the parity rows were scored against the new bundle before it appeared");
        assertEquals(original, Files.readString(bundle.directory().resolve("bundle.json")), "the original is untouched");
        assertEquals("1.0.1", saved.manifest().version());
        Feature savedAge = saved.manifest().features().get(0);
        assertEquals(18.0, savedAge.min());
        assertEquals(99.5, savedAge.max());
        assertEquals(rules, saved.manifest().rules());
        assertEquals(bundle.manifest().features().subList(1, features.size()),
                saved.manifest().features().subList(1, features.size()), "the other features as they were");
        assertTrue(Files.readString(out.resolve("bundle.json")).contains("\"fill\" : 24.5"),
                "an unchanged fill keeps its JSON form");
        assertEquals(List.of(), leftovers());
    }

    @Test
    void anInvalidRuleOrAFailedParityLeavesNothingBehind() throws IOException {
        Bundle bundle = BundleLoader.load(Samples.CLINIC_RISK);
        List<Feature> features = bundle.manifest().features();
        Path out = dir.resolve("edited");
        InputException invalid = assertThrows(InputException.class, () -> BundleWriter.withSchema(bundle, features,
                List.of(new Rule("broken", "age >", null)), out, written -> { }));
        assertTrue(invalid.getMessage().contains("rules[0].rule: invalid expression"), invalid.getMessage());

        assertThrows(IllegalStateException.class, () -> BundleWriter.withSchema(bundle, features,
                bundle.manifest().rules(), out, written -> {
                    throw new IllegalStateException("parity failed");
                }));
        assertFalse(Files.exists(out));
        assertEquals(List.of(), leftovers());

        List<Feature> reordered = new ArrayList<>(features);
        java.util.Collections.swap(reordered, 0, 1);
        assertThrows(IllegalArgumentException.class, () -> BundleWriter.withSchema(bundle, reordered, List.of(), out,
                written -> { }));
    }

    private List<Path> leftovers() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.getFileName().toString().startsWith(".")).toList();
        }
    }
}
