package dev.predictbench.data;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class FormulaGuardTest {

    @Test
    void defusesTextThatSpreadsheetsWouldRunAndLeavesNumbersAlone() {
        assertEquals("'=HYPERLINK(\"http://x\")", FormulaGuard.guard("=HYPERLINK(\"http://x\")"));
        assertEquals("'@SUM(A1:A9)", FormulaGuard.guard("@SUM(A1:A9)"));
        assertEquals("'+cmd|' /C calc'!A0", FormulaGuard.guard("+cmd|' /C calc'!A0"));
        assertEquals("'-x", FormulaGuard.guard("-x"));
        assertEquals("-3.5", FormulaGuard.guard("-3.5"));
        assertEquals("+2e3", FormulaGuard.guard("+2e3"));
        assertEquals("plain", FormulaGuard.guard("plain"));
        assertEquals("", FormulaGuard.guard(""));
    }
}
