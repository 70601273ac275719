package dev.predictbench.preprocess;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.BitSet;
import java.util.Locale;

/**
 * Python's text rules that scikit-learn's vectorizers use before tokenizing: {@code str.lower()}
 * and {@code strip_accents}. Java's {@code toLowerCase(Locale.ROOT)} maps every code point as
 * {@code str.lower()} does (İ to i + U+0307 included; PythonTextTest checks each one; never the
 * default locale's, which lowercases I to ı in Turkish), but decides a capital sigma's final form
 * by word boundaries, where Python reads only the cased and case-ignorable characters around it
 * ("ΟΔΟΣ-" ends in ς in Python, σ in Java): that one rule is Python's here.
 */
public final class PythonText {

    private PythonText() {
    }

    /** {@code str.lower()}. */
    public static String lower(String text) {
        if (text.indexOf('\u03A3') < 0) {
            return text.toLowerCase(Locale.ROOT);
        }
        StringBuilder out = new StringBuilder(text.length());
        int start = 0;
        for (int i = text.indexOf('\u03A3'); i >= 0; i = text.indexOf('\u03A3', start)) {
            out.append(text.substring(start, i).toLowerCase(Locale.ROOT));
            out.append(isFinalSigma(text, i) ? '\u03C2' : '\u03C3');
            start = i + 1;
        }
        return out.append(text.substring(start).toLowerCase(Locale.ROOT)).toString();
    }

    /**
     * CPython's handle_capital_sigma: final when a cased letter precedes (case-ignorable characters
     * skipped) and none follows (same skipping).
     */
    private static boolean isFinalSigma(String text, int at) {
        int j = at;
        int c = 0;
        while (j > 0) {
            c = text.codePointBefore(j);
            j -= Character.charCount(c);
            if (!isCaseIgnorable(c)) {
                break;
            }
            c = -1;
        }
        if (c <= 0 || !isCased(c)) {
            return false;
        }
        for (j = at + 1; j < text.length(); j += Character.charCount(c)) {
            c = text.codePointAt(j);
            if (!isCaseIgnorable(c)) {
                return !isCased(c);
            }
        }
        return true;
    }

    /** Unicode's Cased: lowercase, uppercase (Other_Lowercase / Other_Uppercase included) or titlecase. */
    static boolean isCased(int cp) {
        return Character.isLowerCase(cp) || Character.isUpperCase(cp) || Character.isTitleCase(cp);
    }

    /** Unicode's Case_Ignorable: Mn, Me, Cf, Lm, Sk, or Word_Break MidLetter, MidNumLet or Single_Quote. */
    static boolean isCaseIgnorable(int cp) {
        return switch (Character.getType(cp)) {
            case Character.NON_SPACING_MARK, Character.ENCLOSING_MARK, Character.FORMAT, Character.MODIFIER_LETTER,
                    Character.MODIFIER_SYMBOL -> true;
            default -> switch (cp) {
                case '\'', '.', ':', 0xB7, 0x387, 0x55F, 0x5F4, 0x2018, 0x2019, 0x2024, 0x2027, 0xFE13, 0xFE52,
                        0xFE55, 0xFF07, 0xFF0E, 0xFF1A -> true;
                default -> false;
            };
        };
    }

    /**
     * scikit-learn's strip_accents_unicode: ASCII text as it is, else NFKD and every character
     * with a non-zero canonical combining class dropped (Java has no API for that class; the table
     * is Python's unicodedata.combining).
     */
    public static String stripAccentsUnicode(String text) {
        if (isAscii(text)) {
            return text;
        }
        String decomposed = Normalizer.normalize(text, Normalizer.Form.NFKD);
        StringBuilder out = new StringBuilder(decomposed.length());
        decomposed.codePoints().filter(cp -> !Combining.SET.get(cp)).forEach(out::appendCodePoint);
        return out.toString();
    }

    /** scikit-learn's strip_accents_ascii: NFKD, then every character outside ASCII dropped. */
    public static String stripAccentsAscii(String text) {
        String decomposed = Normalizer.normalize(text, Normalizer.Form.NFKD);
        StringBuilder out = new StringBuilder(decomposed.length());
        for (int i = 0; i < decomposed.length(); i++) {
            char c = decomposed.charAt(i);
            if (c < 128) {
                out.append(c);
            }
        }
        return out.toString();
    }

    private static boolean isAscii(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) >= 128) {
                return false;
            }
        }
        return true;
    }

    /** Loaded on first use: only vectorizers with strip_accents='unicode' need it. */
    private static final class Combining {
        static final BitSet SET = load();

        private static BitSet load() {
            try (InputStream in = PythonText.class.getResourceAsStream("python-combining.txt")) {
                BitSet set = new BitSet(0x110000);
                for (String line : new String(in.readAllBytes(), StandardCharsets.US_ASCII).split("\n")) {
                    if (line.isBlank() || line.startsWith("#")) {
                        continue;
                    }
                    String[] range = line.strip().split("-");
                    set.set(Integer.parseInt(range[0], 16), Integer.parseInt(range[1], 16) + 1);
                }
                return set;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
