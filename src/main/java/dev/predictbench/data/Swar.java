package dev.predictbench.data;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Eight bytes at a time in a long (SWAR), for the byte scans of reading CSV: the reader's search
 * for delimiters, quotes and line ends, and the number parser's digit test. Byte {@code i} of a
 * word is the byte at {@code at + i} in memory, in bits {@code 8i} to {@code 8i + 7}.
 */
final class Swar {

    static final long HIGH_BITS = 0x8080808080808080L;
    private static final long LOW_BITS = 0x0101010101010101L;
    private static final VarHandle WORDS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    private Swar() {
    }

    /** The eight bytes at {@code at} (the caller has checked that they are in the array). */
    static long word(byte[] bytes, int at) {
        return (long) WORDS.get(bytes, at);
    }

    /** {@code b} in each of the eight bytes. */
    static long broadcast(byte b) {
        return (b & 0xFFL) * LOW_BITS;
    }

    /**
     * The high bit set in each zero byte of {@code word}, and only there: the low seven bits of a
     * byte plus 0x7F carry into its high bit unless they are zero, and never into the next byte
     * (so a '-' after a ',' is not taken for a second delimiter, as a borrowing subtraction would).
     */
    static long zeroBytes(long word) {
        return ~(((word & ~HIGH_BITS) + ~HIGH_BITS) | word | ~HIGH_BITS);
    }

    /** Index (0-7) of the first byte with a bit set in {@code marks}; 8 when there is none. */
    static int firstMarked(long marks) {
        return Long.numberOfTrailingZeros(marks) >>> 3;
    }
}
