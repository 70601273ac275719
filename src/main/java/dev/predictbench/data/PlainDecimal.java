package dev.predictbench.data;

/**
 * Reads a number cell written as JSON writes numbers, from its bytes. The form nearly every
 * file of numbers has, {@code -123.4567} with at most 7 digits before the point and 8 after,
 * is read eight bytes at a time and divided once (Clinger's fast path: a whole number below
 * 2^53 over an exact power of ten, so the one rounding of the division gives the correctly
 * rounded double). Anything else goes to {@link PandasNumber}, pandas' own grammar, so the
 * result is always the double that gives, and NaN where pandas reads the cell as text.
 *
 * <p>Written by hand because it halves the cost of the parse that dominates reading a file of
 * numbers (about 1 s of CPU per 30 million cells with the library alone).
 */
final class PlainDecimal {

    private static final double[] POWERS = {1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8};
    private static final long[] LONG_POWERS = {1L, 10L, 100L, 1_000L, 10_000L, 100_000L, 1_000_000L, 10_000_000L, 100_000_000L};

    private PlainDecimal() {
    }

    /** The number in {@code bytes[from, to)}, a non-empty range; NaN when pandas reads it as text. */
    static double parse(byte[] bytes, int from, int to) {
        int start = bytes[from] == '-' ? from + 1 : from;
        if (start + Long.BYTES > bytes.length) {
            return library(bytes, from, to);
        }
        long word = Swar.word(bytes, start);
        int integerDigits = Math.min(firstNonDigit(word), to - start);
        // Leave leading zeros ("007"), and 8+ digit integers, to the full grammar.
        if (integerDigits == 0 || integerDigits == Long.BYTES || integerDigits > 1 && bytes[start] == '0') {
            return library(bytes, from, to);
        }
        long mantissa = digits(word, integerDigits);
        int point = start + integerDigits;
        if (point == to) {
            double value = mantissa;
            return bytes[from] == '-' ? -value : value;
        }
        int fractionDigits = to - point - 1;
        if (bytes[point] != '.' || fractionDigits < 1 || fractionDigits > Long.BYTES
                || point + 1 + Long.BYTES > bytes.length) {
            return library(bytes, from, to);
        }
        long fraction = Swar.word(bytes, point + 1);
        if (firstNonDigit(fraction) < fractionDigits) {
            return library(bytes, from, to);
        }
        // At most 15 digits in all: below 2^53, so the mantissa is an exact double.
        mantissa = mantissa * LONG_POWERS[fractionDigits] + digits(fraction, fractionDigits);
        double value = mantissa / POWERS[fractionDigits];
        return bytes[from] == '-' ? -value : value;
    }

    /** Index (0-8) of the first byte of {@code word} that is not an ASCII digit, in memory order. */
    private static int firstNonDigit(long word) {
        long highNibbleNot3 = (word & 0xF0F0F0F0F0F0F0F0L) ^ 0x3030303030303030L;
        long lowNibbleOver9 = ((word & 0x0F0F0F0F0F0F0F0FL) + 0x0606060606060606L) & 0x1010101010101010L;
        return Swar.firstMarked(highNibbleNot3 | lowNibbleOver9 << 3);
    }

    /** The value of the first {@code count} (1-8) bytes of {@code word}, all digits (three multiplies). */
    private static long digits(long word, int count) {
        long value = (word & 0x0F0F0F0F0F0F0F0FL) << ((Long.BYTES - count) << 3);
        value = value * (10 * 256 + 1) >>> 8;
        value = (value & 0x00FF00FF00FF00FFL) * (100 * 65536 + 1) >>> 16;
        return (value & 0x0000FFFF0000FFFFL) * (10000L * (1L << 32) + 1) >>> 32;
    }

    private static double library(byte[] bytes, int from, int to) {
        return PandasNumber.parse(bytes, from, to);
    }
}
