package dev.predictbench.data;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * A file's text encoding: a byte-order mark decides (UTF-8, UTF-16 LE or BE), else the
 * encoding asked for, else UTF-8. Decoding is strict, so a wrong guess is an error that
 * names the first byte that does not decode, never a silently changed value.
 *
 * @param charset the charset to decode with, after the BOM
 * @param bomBytes how many bytes the byte-order mark takes at the start of the file
 */
public record TextEncoding(Charset charset, int bomBytes) {

    public static TextEncoding of(Path file, Charset requested) throws IOException {
        byte[] head;
        try (InputStream in = Files.newInputStream(file)) {
            head = in.readNBytes(3);
        }
        if (head.length >= 3 && (head[0] & 0xFF) == 0xEF && (head[1] & 0xFF) == 0xBB && (head[2] & 0xFF) == 0xBF) {
            return new TextEncoding(StandardCharsets.UTF_8, 3);
        }
        if (head.length >= 2 && (head[0] & 0xFF) == 0xFF && (head[1] & 0xFF) == 0xFE) {
            return new TextEncoding(StandardCharsets.UTF_16LE, 2);
        }
        if (head.length >= 2 && (head[0] & 0xFF) == 0xFE && (head[1] & 0xFF) == 0xFF) {
            return new TextEncoding(StandardCharsets.UTF_16BE, 2);
        }
        return new TextEncoding(requested != null ? requested : StandardCharsets.UTF_8, 0);
    }

    /** 2 for UTF-16 (a '\n' is two bytes), else 1: ASCII bytes mean themselves in UTF-8 and 8-bit sets. */
    public int unitBytes() {
        return charset.equals(StandardCharsets.UTF_16LE) || charset.equals(StandardCharsets.UTF_16BE)
                || charset.equals(StandardCharsets.UTF_16) ? 2 : 1;
    }

    public boolean bigEndian() {
        return !charset.equals(StandardCharsets.UTF_16LE);
    }

    public CharsetDecoder strictDecoder() {
        return charset.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
    }

    /** Where the file first fails to decode: the byte offset (0-based, in the file) and the line (1-based). */
    public record Failure(long byteOffset, long line) {
    }

    public Optional<Failure> firstFailure(Path file) throws IOException {
        CharsetDecoder decoder = strictDecoder();
        ByteBuffer in = ByteBuffer.allocate(1 << 16);
        CharBuffer out = CharBuffer.allocate(1 << 16);
        long consumed = bomBytes;
        long line = 1;
        try (InputStream stream = Files.newInputStream(file)) {
            stream.skipNBytes(bomBytes);
            boolean end = false;
            while (!end) {
                int n = stream.read(in.array(), in.position(), in.remaining());
                end = n < 0;
                in.position(in.position() + Math.max(0, n));
                in.flip();
                int start = in.position();
                CoderResult result = decoder.decode(in, out, end);
                out.flip();
                while (out.hasRemaining()) {
                    line += out.get() == '\n' ? 1 : 0;
                }
                out.clear();
                if (result.isError()) {
                    return Optional.of(new Failure(consumed + in.position() - start, line));
                }
                consumed += in.position() - start;
                in.compact();
            }
        }
        return Optional.empty();
    }
}
