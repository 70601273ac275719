package dev.predictbench.inference;

import java.util.ArrayList;
import java.util.List;

/**
 * The tokens of one file of TorchScript code as libtorch's lexer sees them: names,
 * string literals, numbers and single punctuation marks (a "..." counts as one), with
 * comments and whitespace dropped. Code outside strings and comments must be ASCII,
 * as libtorch's lexer requires, so that this reading and libtorch's cannot differ.
 */
final class TorchScriptTokens {

    enum Kind { NAME, STRING, NUMBER, MARK }

    /** {@code text} is the name, the string's contents or the mark; {@code line} counts from 1. */
    record Token(Kind kind, String text, int line, boolean startsLine) {

        boolean is(String mark) {
            return kind != Kind.STRING && text.equals(mark);
        }
    }

    private TorchScriptTokens() {
    }

    static List<Token> of(String code) {
        List<Token> tokens = new ArrayList<>();
        int line = 1;
        boolean lineStart = true;
        int depth = 0;   // inside brackets a line break does not start a statement
        int i = 0;
        int n = code.length();
        while (i < n) {
            char c = code.charAt(i);
            if (c == '\n') {
                line++;
                lineStart = depth == 0;
                i++;
            } else if (c == ' ' || c == '\t' || c == '\r' || c == '\f') {
                i++;
            } else if (c == '\\' && i + 1 < n && code.charAt(i + 1) == '\n') {
                i += 2;
                line++;
            } else if (c == '#') {
                while (i < n && code.charAt(i) != '\n') {
                    i++;
                }
            } else if (c == '"' || c == '\'') {
                int start = line;
                int end = stringEnd(code, i, c);
                if (end < 0) {
                    throw new IllegalArgumentException("line " + start + ": a string is not closed");
                }
                boolean triple = code.startsWith(String.valueOf(c).repeat(3), i);
                int quotes = triple ? 3 : 1;
                String text = code.substring(i + quotes, end - quotes);
                line += (int) text.chars().filter(ch -> ch == '\n').count();
                tokens.add(new Token(Kind.STRING, text, start, lineStart));
                lineStart = false;
                i = end;
            } else if (isNameStart(c)) {
                int end = i;
                while (end < n && isNamePart(code.charAt(end))) {
                    end++;
                }
                tokens.add(new Token(Kind.NAME, code.substring(i, end), line, lineStart));
                lineStart = false;
                i = end;
            } else if (isDigit(c) || (c == '.' && i + 1 < n && isDigit(code.charAt(i + 1)))) {
                int end = i + 1;
                while (end < n && (isNamePart(code.charAt(end)) || code.charAt(end) == '.'
                        || ((code.charAt(end) == '-' || code.charAt(end) == '+')
                        && (code.charAt(end - 1) == 'e' || code.charAt(end - 1) == 'E')))) {
                    end++;
                }
                tokens.add(new Token(Kind.NUMBER, code.substring(i, end), line, lineStart));
                lineStart = false;
                i = end;
            } else if (c < 0x80 && c >= 0x20) {
                String mark = code.startsWith("...", i) ? "..." : String.valueOf(c);
                depth += switch (c) {
                    case '(', '[', '{' -> 1;
                    case ')', ']', '}' -> depth > 0 ? -1 : 0;
                    default -> 0;
                };
                tokens.add(new Token(Kind.MARK, mark, line, lineStart));
                lineStart = false;
                i += mark.length();
            } else {
                throw new IllegalArgumentException("line " + line + ": character U+"
                        + String.format("%04X", (int) c) + " outside a string (TorchScript code is ASCII)");
            }
        }
        return tokens;
    }

    /** The index just past the closing quote(s), or -1. */
    private static int stringEnd(String code, int at, char quote) {
        String triple = String.valueOf(quote).repeat(3);
        boolean isTriple = code.startsWith(triple, at);
        int i = at + (isTriple ? 3 : 1);
        while (i < code.length()) {
            char c = code.charAt(i);
            if (c == '\\') {
                i += 2;
            } else if (isTriple ? code.startsWith(triple, i) : c == quote) {
                return i + (isTriple ? 3 : 1);
            } else if (c == '\n' && !isTriple) {
                return -1;
            } else {
                i++;
            }
        }
        return -1;
    }

    private static boolean isNameStart(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
    }

    private static boolean isNamePart(char c) {
        return isNameStart(c) || isDigit(c);
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }
}
