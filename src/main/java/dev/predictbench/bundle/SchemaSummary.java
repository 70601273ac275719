package dev.predictbench.bundle;

import dev.predictbench.preprocess.BagOfWords;
import dev.predictbench.preprocess.MinMax;
import dev.predictbench.preprocess.OneHot;
import dev.predictbench.preprocess.Ordinal;
import dev.predictbench.preprocess.PreprocessStep;
import dev.predictbench.preprocess.SklearnStep;
import dev.predictbench.preprocess.Standardize;
import dev.predictbench.schema.Feature;
import java.util.ArrayList;
import java.util.List;

/**
 * One line per feature for the model inspector: its type and range, its missing-value
 * fill, and how training preprocessed it with the fitted parameters (the training
 * mean and scale, the categories in training order, the vocabulary).
 */
public final class SchemaSummary {

    /** What the schema table shows for one feature. */
    public record Row(String name, String type, String range, String fill, String step, String parameters) {
    }

    private SchemaSummary() {
    }

    public static List<Row> of(Manifest manifest) {
        List<Row> rows = new ArrayList<>();
        var trained = manifest.schema().encodedCategories();
        for (Feature f : manifest.features()) {
            String step = "";
            String parameters = "";
            for (PreprocessStep s : manifest.preprocessing()) {
                int i = s.columns().indexOf(f.name());
                if (i < 0) {
                    continue;
                }
                PreprocessStep inner = s instanceof SklearnStep sk ? innerFor(sk, f.name()) : s;
                step = s instanceof SklearnStep sk ? "sklearn " + sk.estimator() + " (" + sk.file() + ")" : s.op();
                parameters = parameters(inner, inner.columns().indexOf(f.name()));
                break;
            }
            String range = f.describeRange().isEmpty() && trained.containsKey(f.name())
                    ? String.join(", ", trained.get(f.name())) + " (from training)" : f.describeRange();
            rows.add(new Row(f.name(), f.type().manifestName(), range, f.fill() == null ? ""
                    : f.fill().isEmpty() ? "\"\"" : f.fill(), step.isEmpty() ? "(not used by the model)" : step,
                    parameters));
        }
        return rows;
    }

    private static PreprocessStep innerFor(SklearnStep step, String column) {
        return step.steps().stream().filter(s -> s.columns().contains(column)).findFirst().orElse(step);
    }

    private static String parameters(PreprocessStep step, int i) {
        if (i < 0) {
            return step.describe();
        }
        if (step instanceof Standardize s) {
            return String.format("training mean %.6g, std %.6g", s.mean()[i], s.scale()[i]);
        }
        if (step instanceof MinMax m) {
            return String.format("training min %.6g, max %.6g -> [%s, %s]", m.min()[i], m.max()[i], m.rangeLow(),
                    m.rangeHigh());
        }
        if (step instanceof OneHot o) {
            return "categories in training order: " + String.join(", ", o.categories())
                    + (o.ignoreUnknown() ? " (unknown -> all zeros)" : " (unknown -> invalid)");
        }
        if (step instanceof Ordinal o) {
            return "order: " + String.join(" < ", o.categories());
        }
        if (step instanceof BagOfWords b) {
            return b.describe() + ": " + String.join(", ", b.vocabulary().subList(0, Math.min(12, b.vocabulary().size())))
                    + (b.vocabulary().size() > 12 ? ", ..." : "");
        }
        return step.describe();
    }
}
