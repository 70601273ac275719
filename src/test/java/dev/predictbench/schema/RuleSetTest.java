package dev.predictbench.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RuleSetTest {

    private static final List<Feature> FEATURES = List.of(
            new Feature("age", FeatureType.NUMBER, 0.0, 120.0, List.of(), null),
            new Feature("sex", FeatureType.CATEGORY, null, null, List.of("F", "M"), null),
            new Feature("pregnant", FeatureType.INTEGER, 0.0, 1.0, List.of(), null),
            new Feature("mean radius", FeatureType.NUMBER, null, null, List.of(), null),
            new Feature("worst radius", FeatureType.NUMBER, null, null, List.of(), null));

    private static ParsedRow row(double age, String sex, int pregnant, double meanRadius, double worstRadius) {
        ParsedRow row = ParsedRow.forFeatures(FEATURES.size());
        row.numbers()[0] = age;
        row.texts()[1] = sex;
        row.numbers()[2] = pregnant;
        row.numbers()[3] = meanRadius;
        row.numbers()[4] = worstRadius;
        return row;
    }

    private static List<ValidationFailure> check(String expression, ParsedRow row) {
        RuleSet rules = RuleSet.compile(List.of(new Rule("r", expression, "does not hold")), FEATURES);
        List<ValidationFailure> failures = new ArrayList<>();
        rules.check(7, row, failures);
        return failures;
    }

    @Test
    void aPregnantMaleBreaksTheSeedsRule() {
        String rule = "!(sex == 'M' && pregnant == 1)";
        List<ValidationFailure> failures = check(rule, row(30, "M", 1, 10, 12));
        assertEquals(1, failures.size());
        ValidationFailure failure = failures.get(0);
        assertEquals(7, failure.row());
        assertEquals(ValidationLevel.RULE, failure.level());
        assertEquals("r", failure.check());
        assertEquals("sex=M; pregnant=1", failure.value());
        assertEquals(List.of(), check(rule, row(30, "F", 1, 10, 12)));
        assertEquals(List.of(), check(rule, row(30, "M", 0, 10, 12)));
    }

    @Test
    void numbersCompareWithIntegerLiteralsAndNamesWithSpacesUseRow() {
        assertEquals(List.of(), check("age > 18 && age <= 65.5", row(30, "F", 0, 10, 12)));
        assertEquals(1, check("age > 18", row(12.5, "F", 0, 10, 12)).size());
        assertEquals(List.of(), check("row['worst radius'] >= row['mean radius']", row(30, "F", 0, 10, 12)));
        assertEquals(1, check("row['worst radius'] >= row['mean radius']", row(30, "F", 0, 13, 12)).size());
        assertEquals(List.of(), check("row['age'] == age && pregnant == 0", row(30, "F", 0, 10, 12)));
    }

    @Test
    void anInvalidExpressionIsRefusedWithItsPosition() {
        String problem = RuleSet.problemWith("age > && sex == 'M'", FEATURES).orElseThrow();
        assertTrue(problem.contains("1:7"), problem);
        assertTrue(problem.contains("^"), problem);
        assertTrue(RuleSet.problemWith("age + 1", FEATURES).isPresent(), "a rule must be boolean");
        assertTrue(RuleSet.problemWith("weight > 3", FEATURES).orElseThrow().contains("weight"));
        assertFalse(RuleSet.problemWith("sex in ['F', 'M']", FEATURES).isPresent());
    }

    @Test
    void onlyPlainNamesBecomeVariables() {
        assertTrue(RuleSet.isIdentifier("pregnant"));
        assertFalse(RuleSet.isIdentifier("mean radius"));
        assertFalse(RuleSet.isIdentifier("in"));
        assertFalse(RuleSet.isIdentifier("row"));
    }
}
