package dev.predictbench.data;

/**
 * Defuses cells that spreadsheets would run as formulas (CSV injection): a text cell
 * starting with =, +, -, @, tab or carriage return gets a leading single quote, as
 * OWASP recommends. Numbers such as -3.5 are left alone. Off by default: the scored
 * file promises input cells unchanged (docs/security.md).
 */
public final class FormulaGuard {

    private FormulaGuard() {
    }

    public static String guard(String cell) {
        if (cell.isEmpty() || "=+-@\t\r".indexOf(cell.charAt(0)) < 0 || isNumber(cell)) {
            return cell;
        }
        return "'" + cell;
    }

    private static boolean isNumber(String cell) {
        try {
            Double.parseDouble(cell);
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }
}
