package dev.predictbench.preprocess;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.predictbench.InputException;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A token pattern from a bundle runs on every cell: one that backtracks exponentially never
 * ended, and one with a repeated group overflowed the stack on a long cell. Both now end in
 * bounded time with one line naming the pattern and the column.
 */
class BacktrackingPatternTest {

    private static BagOfWords words(String pattern) {
        return new BagOfWords("notes", List.of("cough", "fever"), true, pattern, false, null);
    }

    @Test
    void anExponentialPatternIsStoppedWithinItsBudget() {
        BagOfWords op = words("(\\w{1,20}){1,20}:");
        InputException e = assertTimeoutPreemptively(Duration.ofSeconds(20),
                () -> assertThrows(InputException.class, () -> op.analyze("a".repeat(60))));
        assertTrue(e.getMessage().contains("backtracks without bound") && e.getMessage().contains("column notes"),
                e.getMessage());
    }

    @Test
    void aRepeatedGroupOnALongCellIsStoppedInsteadOfOverflowingTheStack() {
        BagOfWords op = words("(?:a|b)+");
        InputException e = assertTimeoutPreemptively(Duration.ofSeconds(20),
                () -> assertThrows(InputException.class, () -> op.analyze("ab".repeat(500_000))));
        assertTrue(e.getMessage().contains("backtracks without bound"), e.getMessage());
    }

    @Test
    void realPatternsOnLongCellsStayWellWithinTheBudget() {
        String cell = "fever and cough, cough again; ".repeat(50_000);
        assertEquals(150_000, words(BagOfWords.DEFAULT_TOKEN_PATTERN).analyze(cell).stream()
                .filter(t -> t.equals("cough") || t.equals("fever")).count());
        assertEquals(150_000, words("(?u)\\b\\w+\\b").analyze(cell).stream()
                .filter(t -> t.equals("cough") || t.equals("and")).count());
    }
}
