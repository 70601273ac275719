package dev.predictbench.cli;

import java.io.FilterWriter;
import java.io.IOException;
import java.io.Writer;

/**
 * Text from a bundle or an input file made safe for a terminal: control characters
 * (ESC starts the escape sequences that retitle, recolour or rewrite a terminal), the
 * C1 controls, line separators and the bidirectional overrides that reorder what is
 * shown are written as {@code \u001b}, which also reads as the same string in JSON.
 */
final class Printable {

    private Printable() {
    }

    /** One line: every control character escaped, newlines and tabs included. */
    static String escape(String text) {
        if (text == null) {
            return null;
        }
        StringBuilder out = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (unsafe(c, false)) {
                if (out == null) {
                    out = new StringBuilder(text.length() + 16).append(text, 0, i);
                }
                out.append(String.format("\\u%04x", (int) c));
            } else if (out != null) {
                out.append(c);
            }
        }
        return out == null ? text : out.toString();
    }

    /**
     * A writer that escapes what {@link #escape} does but lets the command's own layout
     * through: newlines, tabs and, when {@code carriageReturn}, the {@code \r} a progress
     * line redraws itself with.
     */
    static Writer escaping(Writer out, boolean carriageReturn) {
        return new FilterWriter(out) {
            @Override
            public void write(int c) throws IOException {
                if (unsafe((char) c, true) && !(c == '\r' && carriageReturn)) {
                    out.write(String.format("\\u%04x", c));
                } else {
                    out.write(c);
                }
            }

            @Override
            public void write(char[] chars, int offset, int length) throws IOException {
                int start = offset;
                for (int i = offset; i < offset + length; i++) {
                    if (unsafe(chars[i], true) && !(chars[i] == '\r' && carriageReturn)) {
                        out.write(chars, start, i - start);
                        out.write(String.format("\\u%04x", (int) chars[i]));
                        start = i + 1;
                    }
                }
                out.write(chars, start, offset + length - start);
            }

            @Override
            public void write(String text, int offset, int length) throws IOException {
                write(text.toCharArray(), offset, length);
            }
        };
    }

    private static boolean unsafe(char c, boolean layout) {
        if (c < 0x20) {
            return !(layout && (c == '\n' || c == '\t'));
        }
        return (c >= 0x7f && c <= 0x9f) || c == 0x2028 || c == 0x2029
                || (c >= 0x202a && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069);
    }
}
