package dev.predictbench.data;

import ch.randelshofer.fastdoubleparser.JavaDoubleParser;

/**
 * A number cell read as {@code pandas.read_csv} reads it (C engine, default float_precision:
 * pandas' {@code precise_xstrtod}, then its {@code inf} / {@code infinity} words), nothing wider:
 * <ul>
 *   <li>ASCII white space (space, \t, \n, \v, \f, \r) before and after; no other white space;</li>
 *   <li>an optional sign, ASCII digits with an optional '.', at least one digit ({@code 5.} and
 *       {@code .5} are numbers, {@code .} is not); leading zeros allowed;</li>
 *   <li>an optional exponent: e or E, an optional sign and 1 to 17 digits;</li>
 *   <li>the whole cell, exactly and with no white space, {@code inf}, {@code infinity}, signed
 *       or not, in any ASCII case;</li>
 *   <li>refused as pandas refuses them: a decimal exponent above 308 as pandas counts it (its
 *       first 17 digits make the mantissa; {@code 0e309} is text to pandas) and values that
 *       overflow ({@code 1e400}, {@code 1.8e308}). Underflow gives 0 or a subnormal.</li>
 * </ul>
 * Everything else is text to pandas and "not a number" here: Java's {@code 2.5f}, {@code 3d},
 * {@code 0x1p3}, {@code NaN}, {@code Infinity} with blanks, {@code 1_000}, {@code 1,5}, digits of
 * other scripts, non-ASCII spaces. (Missing markers such as {@code nan} are a dialect's business.)
 *
 * <p>The value is the correctly rounded double (what pandas' {@code float_precision='round_trip'}
 * gives). pandas' default parser is not always correctly rounded: it keeps 17 digits, leading
 * zeros included, and scales by powers of ten in floating point, so it can differ in the last
 * bit, and more for numbers with many leading zeros ({@code 0.000...0001} with 30 zeros is 0 to
 * it). Two deliberate differences, both narrower: an exponent beyond the range of a C int (pandas
 * wraps it around) and a NUL character (C ends the string there) make the cell text here.
 *
 * <p>The grammar check walks the cell once and allocates nothing.
 */
final class PandasNumber {

    /** pandas' precise_xstrtod keeps this many digits of the mantissa and of the exponent. */
    private static final int MAX_DIGITS = 17;

    private PandasNumber() {
    }

    /** The number in {@code text}, or NaN when pandas reads the cell as text. */
    static double parse(CharSequence text) {
        return parse(null, text, 0, text.length());
    }

    /** The number in the ASCII (or Latin-1) bytes {@code [from, to)}, or NaN when pandas reads them as text. */
    static double parse(byte[] bytes, int from, int to) {
        return parse(bytes, null, from, to);
    }

    /** One of {@code bytes} or {@code text} is null; reads {@code [from, to)} of the other. */
    private static double parse(byte[] bytes, CharSequence text, int from, int to) {
        int p = from;
        while (p < to && isSpace(at(bytes, text, p))) {
            p++;
        }
        int start = p;
        if (p < to && (at(bytes, text, p) == '-' || at(bytes, text, p) == '+')) {
            p++;
        }
        int integerDigits = 0;
        while (p < to && isDigit(at(bytes, text, p))) {
            p++;
            integerDigits++;
        }
        int fractionDigits = 0;
        if (p < to && at(bytes, text, p) == '.') {
            p++;
            while (p < to && isDigit(at(bytes, text, p))) {
                p++;
                fractionDigits++;
            }
        }
        if (integerDigits + fractionDigits == 0) {
            return infinity(bytes, text, from, to);
        }
        long exponent = 0;
        if (p < to && (at(bytes, text, p) | 0x20) == 'e') {
            int q = p + 1;
            boolean negative = false;
            if (q < to && (at(bytes, text, q) == '-' || at(bytes, text, q) == '+')) {
                negative = at(bytes, text, q) == '-';
                q++;
            }
            int exponentDigits = 0;
            while (q < to && exponentDigits < MAX_DIGITS && isDigit(at(bytes, text, q))) {
                exponent = exponent * 10 + (at(bytes, text, q) - '0');
                exponentDigits++;
                q++;
            }
            if (exponentDigits == 0) {
                // pandas un-reads the 'e': what follows the mantissa is left over, so the cell is text.
                return infinity(bytes, text, from, to);
            }
            if (exponent > Integer.MAX_VALUE) {
                return Double.NaN;
            }
            exponent = negative ? -exponent : exponent;
            p = q;
        }
        int end = p;
        while (p < to && isSpace(at(bytes, text, p))) {
            p++;
        }
        if (p != to) {
            return infinity(bytes, text, from, to);
        }
        // The decimal exponent as pandas counts it: digits past the 17th of the integer part raise it,
        // the fraction digits it keeps (up to 17 digits in all) lower it.
        long kept = Math.min(fractionDigits, Math.max(0, MAX_DIGITS - integerDigits));
        long scale = Math.max(0, integerDigits - MAX_DIGITS) - kept + exponent;
        if (scale > 308) {
            return Double.NaN;
        }
        double value = bytes != null ? JavaDoubleParser.parseDouble(bytes, start, end - start)
                : JavaDoubleParser.parseDouble(text, start, end - start);
        return Double.isInfinite(value) ? Double.NaN : value;
    }

    /** pandas' second try at a cell that is not a number: the words inf and infinity, signed, any ASCII case. */
    private static double infinity(byte[] bytes, CharSequence text, int from, int to) {
        int p = from;
        double sign = 1;
        if (p < to && (at(bytes, text, p) == '-' || at(bytes, text, p) == '+')) {
            sign = at(bytes, text, p) == '-' ? -1 : 1;
            p++;
        }
        int length = to - p;
        if ((length == 3 || length == 8) && matchesIgnoringAsciiCase(bytes, text, p, length == 3 ? "inf" : "infinity")) {
            return sign * Double.POSITIVE_INFINITY;
        }
        return Double.NaN;
    }

    private static boolean matchesIgnoringAsciiCase(byte[] bytes, CharSequence text, int from, String word) {
        for (int i = 0; i < word.length(); i++) {
            int c = at(bytes, text, from + i);
            // Only ASCII letters fold: 'ı' (dotless i) or 'ﬁ' must not read as "inf".
            if (c >= 128 || (c | 0x20) != word.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    private static int at(byte[] bytes, CharSequence text, int i) {
        return bytes != null ? bytes[i] & 0xFF : text.charAt(i);
    }

    private static boolean isDigit(int c) {
        return c >= '0' && c <= '9';
    }

    /** C's isspace in the "C" locale, as pandas' isspace_ascii. */
    private static boolean isSpace(int c) {
        return c == ' ' || c >= '\t' && c <= '\r';
    }
}
