package dev.predictbench.schema;

import java.math.BigDecimal;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Finds a cell among the categories an encoder learned, the way the values compared in
 * Python: categories that were numbers match by value (pandas writes a float column's 3
 * as "3.0", numpy's category prints as 3), categories that were booleans match True and
 * False in any case (Excel writes TRUE), and anything else matches as exact text.
 */
public final class CategoryIndex {

    private enum Kind { TEXT, NUMBER, BOOLEAN }

    private final Kind kind;
    private final Map<String, Integer> position = new HashMap<>();

    public CategoryIndex(List<String> categories) {
        this.kind = kindOf(categories);
        for (int i = 0; i < categories.size(); i++) {
            position.putIfAbsent(key(categories.get(i)), i);
        }
    }

    /** The category's position in training order, or -1 when training never saw it. */
    public int indexOf(String cell) {
        if (cell == null) {
            return -1;
        }
        Integer at = position.get(key(cell));
        return at == null ? -1 : at;
    }

    public boolean contains(String cell) {
        return indexOf(cell) >= 0;
    }

    private String key(String text) {
        return switch (kind) {
            case TEXT -> text;
            case BOOLEAN -> text.toLowerCase(Locale.ROOT);
            case NUMBER -> {
                BigDecimal number = number(text);
                yield number == null ? text : number.stripTrailingZeros().toPlainString();
            }
        };
    }

    private static Kind kindOf(List<String> categories) {
        boolean numbers = true;
        boolean booleans = true;
        for (String category : categories) {
            if (category.equals("nan")) {
                continue;   // NaN among numbers or strings: it is the missing value's category
            }
            numbers &= number(category) != null;
            booleans &= category.equals("True") || category.equals("False");
        }
        return booleans ? Kind.BOOLEAN : numbers ? Kind.NUMBER : Kind.TEXT;
    }

    private static BigDecimal number(String text) {
        try {
            return new BigDecimal(text.strip());
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
