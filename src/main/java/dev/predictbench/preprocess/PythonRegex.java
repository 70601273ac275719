package dev.predictbench.preprocess;

import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Compiles a Python {@code re} pattern (a str pattern, so Unicode-aware) into a Java pattern
 * that matches the same text. Java's own {@code \w}, {@code \b}, {@code \d} and {@code \s}
 * differ from Python's, with or without UNICODE_CHARACTER_CLASS: Python's {@code \w} is
 * {@code str.isalnum()} or '_', which is exactly the letters and numbers (categories L* and N*:
 * {@code ²}, {@code ₂} and {@code ½} are word characters, combining marks are not), its
 * {@code \b} sits between such a character and any other, its {@code \d} is category Nd and its
 * {@code \s} is {@code str.isspace()}. Those are spelled out here as explicit classes; other
 * Python syntax is rewritten ({@code (?P<name>}, {@code \Z}, {@code {,n}}, a literal {@code [}
 * or {@code &} in a class) and what cannot be rewritten faithfully ({@code (?x)}, {@code (?a)},
 * conditionals, escapes Python refuses) is refused. The result is compiled with UNIX_LINES, as
 * Python's {@code .} and {@code $} know only {@code \n}.
 */
public final class PythonRegex {

    /**
     * Python's \w: str.isalnum() or '_' (checked against every code point, see PythonTextTest). The
     * literal U+1D400 (a letter, so already in the class) is there for Java's sake: only a pattern
     * holding a supplementary character gets lookbehinds that step back a whole surrogate pair, which
     * \b after "𝐀𝐁𝐂" needs.
     */
    static final String WORD = "\\p{L}\\p{N}_\uD835\uDC00";
    /** \w without the supplementary letter, for patterns without lookbehinds (faster in Java). */
    private static final String RUN = "\\p{L}\\p{N}_";
    /** Python's \s: str.isspace(). */
    static final String SPACE = "\\t\\n\\x0B\\f\\r\\x1C-\\x1F \\x{85}\\x{A0}\\x{1680}\\x{2000}-\\x{200A}\\x{2028}"
            + "\\x{2029}\\x{202F}\\x{205F}\\x{3000}";
    private static final String DIGIT = "\\p{Nd}";
    private static final String BOUNDARY = "(?:(?<=[" + WORD + "])(?![" + WORD + "])|(?<![" + WORD + "])(?=["
            + WORD + "]))";
    private static final String NOT_BOUNDARY = "(?:(?<=[" + WORD + "])(?=[" + WORD + "])|(?<![" + WORD + "])(?!["
            + WORD + "]))";

    private final String python;
    private final StringBuilder java = new StringBuilder();
    private int at;

    private PythonRegex(String python) {
        this.python = python;
    }

    /** The Java pattern for {@code python}; a construct Java cannot match the same way is a syntax error. */
    public static Pattern compile(String python) {
        try {
            return Pattern.compile(translate(python), Pattern.UNIX_LINES);
        } catch (PatternSyntaxException e) {
            throw new PatternSyntaxException(e.getDescription(), python, -1);
        }
    }

    /**
     * The translated pattern text. scikit-learn's default {@code (?u)\b\w\w+\b} (and {@code \b\w+\b})
     * find the same tokens as plain runs of word characters: a search only starts a match at the
     * first character of a run (an earlier position would be in the run) and greedy \w+ takes the
     * run to its end, so the boundaries always hold; without their lookarounds a row is tokenized
     * as fast as with Java's own \b\w\w+\b.
     */
    static String translate(String python) {
        String body = python.startsWith("(?u)") ? python.substring(4) : python;
        if (body.equals("\\b\\w\\w+\\b")) {
            return "[" + RUN + "]{2,}";
        }
        if (body.equals("\\b\\w+\\b")) {
            return "[" + RUN + "]+";
        }
        PythonRegex translator = new PythonRegex(python);
        translator.translate();
        return translator.java.toString();
    }

    private PatternSyntaxException refuse(String what) {
        return new PatternSyntaxException(what + " (Python regular expression syntax PredictBench does not"
                + " reproduce)", python, at);
    }

    private void translate() {
        while (at < python.length()) {
            char c = python.charAt(at);
            switch (c) {
                case '\\' -> escape(false);
                case '[' -> characterClass();
                case '(' -> group();
                case '{' -> brace();
                case '}' -> {
                    java.append("\\}");
                    at++;
                }
                default -> {
                    java.append(c);
                    at++;
                }
            }
        }
    }

    /** {@code (?...)} forms: Python's named groups and flags become Java's; the rest pass as they read the same. */
    private void group() {
        if (!python.startsWith("(?", at)) {
            java.append('(');
            at++;
            return;
        }
        if (python.startsWith("(?P<", at)) {
            int end = python.indexOf('>', at);
            String name = end < 0 ? "" : python.substring(at + 4, end);
            if (!name.matches("[A-Za-z][A-Za-z0-9]*")) {
                throw refuse("group name \"" + name + "\"");
            }
            java.append("(?<").append(name).append('>');
            at = end + 1;
        } else if (python.startsWith("(?P=", at)) {
            int end = python.indexOf(')', at);
            if (end < 0) {
                throw refuse("unterminated (?P=");
            }
            java.append("\\k<").append(python, at + 4, end).append('>');
            at = end + 1;
        } else if (python.startsWith("(?#", at)) {
            int end = python.indexOf(')', at);
            at = end < 0 ? python.length() : end + 1;
        } else if (python.startsWith("(?(", at)) {
            throw refuse("a conditional group (?(...)");
        } else if (python.startsWith("(?:", at) || python.startsWith("(?=", at) || python.startsWith("(?!", at)
                || python.startsWith("(?<=", at) || python.startsWith("(?<!", at) || python.startsWith("(?>", at)) {
            java.append("(?");
            at += 2;
        } else {
            flags();
        }
    }

    /** {@code (?aiLmsux)} or {@code (?imsx-imsx:...)}: u is the default for str patterns; a, L and x are refused. */
    private void flags() {
        int i = at + 2;
        StringBuilder out = new StringBuilder("(?");
        while (i < python.length() && ":)".indexOf(python.charAt(i)) < 0) {
            char flag = python.charAt(i);
            switch (flag) {
                case 'u' -> {
                }
                case 'i' -> out.append(out.indexOf("-") < 0 ? "iu" : "i");
                case 'm', 's', '-' -> out.append(flag);
                case 'a' -> throw refuse("the ASCII flag (?a)");
                case 'x' -> throw refuse("the verbose flag (?x)");
                case 'L' -> throw refuse("the locale flag (?L)");
                default -> throw refuse("the flag '" + flag + "'");
            }
            i++;
        }
        if (i >= python.length()) {
            throw refuse("unterminated group");
        }
        char end = python.charAt(i);
        at = i + 1;
        if (out.length() == 2) {                  // (?u) alone: nothing to say in Java
            if (end == ':') {
                java.append("(?:");
            }
            return;
        }
        java.append(out).append(end);
    }

    /** Python reads {@code {} as a quantifier only in the forms {m}, {m,}, {,n}, {m,n}; else it is a literal. */
    private void brace() {
        java.util.regex.Matcher m = Pattern.compile("\\{(\\d*)(,?)(\\d*)}").matcher(python).region(at, python.length());
        if (m.lookingAt() && !(m.group(1).isEmpty() && m.group(3).isEmpty())
                && (!m.group(2).isEmpty() || m.group(3).isEmpty())) {
            java.append('{').append(m.group(1).isEmpty() ? "0" : m.group(1)).append(m.group(2)).append(m.group(3))
                    .append('}');
            at = m.end();
        } else {
            java.append("\\{");
            at++;
        }
    }

    private void characterClass() {
        java.append('[');
        at++;
        if (at < python.length() && python.charAt(at) == '^') {
            java.append('^');
            at++;
        }
        boolean first = true;
        while (at < python.length()) {
            char c = python.charAt(at);
            if (c == ']' && !first) {
                java.append(']');
                at++;
                return;
            }
            first = false;
            switch (c) {
                case '\\' -> escape(true);
                case '[', ']', '&', '^' -> {   // literals in Python; special (nesting, intersection) in Java
                    java.append('\\').append(c);
                    at++;
                }
                default -> {
                    java.append(c);
                    at++;
                }
            }
        }
        throw refuse("unterminated character set");
    }

    /** One escape; {@code inClass} for inside [...], where \b is a backspace and classes nest as unions. */
    private void escape(boolean inClass) {
        if (at + 1 >= python.length()) {
            throw refuse("a trailing backslash");
        }
        char e = python.charAt(at + 1);
        at += 2;
        switch (e) {
            case 'w' -> java.append(inClass ? WORD : "[" + WORD + "]");
            case 'W' -> java.append("[^" + WORD + "]");
            case 'd' -> java.append(DIGIT);
            case 'D' -> java.append("\\P{Nd}");
            case 's' -> java.append(inClass ? SPACE : "[" + SPACE + "]");
            case 'S' -> java.append("[^" + SPACE + "]");
            case 'b' -> java.append(inClass ? "\\x08" : boundary());
            case 'B' -> {
                if (inClass) {
                    throw refuse("\\B in a character set");
                }
                java.append(NOT_BOUNDARY);
            }
            case 'A' -> java.append(inClass ? "A" : "\\A");
            case 'Z' -> java.append(inClass ? "Z" : "\\z");
            case 'a' -> java.append("\\x07");
            case 'v' -> java.append("\\x0B");
            case 'f', 'n', 'r', 't' -> java.append('\\').append(e);
            case 'x' -> hex(2);
            case 'u' -> hex(4);
            case 'U' -> hex(8);
            case 'N' -> {
                int end = python.indexOf('}', at);
                if (!python.startsWith("{", at) || end < 0) {
                    throw refuse("\\N without {name}");
                }
                java.append("\\N").append(python, at, end + 1);
                at = end + 1;
            }
            default -> {
                if (e >= '0' && e <= '9') {
                    number(e, inClass);
                } else if (e < 128 && Character.isLetter(e)) {
                    throw refuse("the escape \\" + e);   // Python refuses these too ("bad escape")
                } else {
                    java.append('\\').append(e);          // an escaped punctuation mark or non-ASCII char: itself
                }
            }
        }
    }

    /**
     * Python's \b. Next to a \w it needs only one look (4x faster in the default pattern): before a
     * \w, a boundary is a non-word character (or the start) behind; after a \w, \w+ or \w++ (which
     * leave a word character behind), a non-word character (or the end) ahead.
     */
    private String boundary() {
        // ... a \w that must match: not \w*, \w? or \w{0,n}, which may match nothing
        if (python.startsWith("\\w", at) && (at + 2 >= python.length() || "*?{".indexOf(python.charAt(at + 2)) < 0)) {
            return "(?<![" + WORD + "])";
        }
        String before = python.substring(0, at - 2);
        java.util.regex.Matcher word = Pattern.compile("(\\\\*)\\\\w\\+?\\+?$").matcher(before);
        if (word.find() && word.group(1).length() % 2 == 0 && !before.endsWith("+?")) {
            return "(?![" + WORD + "])";
        }
        return BOUNDARY;
    }

    private void hex(int digits) {
        if (at + digits > python.length() || !python.substring(at, at + digits).matches("[0-9A-Fa-f]+")) {
            throw refuse("a \\x, \\u or \\U escape without " + digits + " hex digits");
        }
        java.append("\\x{").append(python, at, at + digits).append('}');
        at += digits;
    }

    /** Octal escapes (\0, \012, \377) become \x{..}; other digits are group references, as in Python. */
    private void number(char first, boolean inClass) {
        int start = at - 1;
        int end = start + 1;
        while (end < python.length() && end - start < 3 && Character.isDigit(python.charAt(end))) {
            end++;
        }
        String digits = python.substring(start, end);
        boolean octal = first == '0' || inClass || digits.length() == 3 && digits.matches("[0-3][0-7]{2}");
        if (octal) {
            String oct = first == '0' ? python.substring(start, Math.min(end, start + 3)) : digits;
            int len = 0;
            while (len < oct.length() && oct.charAt(len) >= '0' && oct.charAt(len) <= '7') {
                len++;
            }
            if (len == 0) {
                throw refuse("the escape \\" + first);
            }
            java.append("\\x{").append(Integer.toHexString(Integer.parseInt(oct.substring(0, len), 8))).append('}');
            at = start + len;
            return;
        }
        String group = digits.length() > 2 ? digits.substring(0, 2) : digits;
        // (?:) ends Java's reference so that a following digit is not read as part of it, as Python reads \12 3.
        java.append('\\').append(group).append("(?:)");
        at = start + group.length();
    }
}
