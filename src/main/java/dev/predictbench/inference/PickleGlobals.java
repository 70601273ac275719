package dev.predictbench.inference;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * The names a pickle written by torch.jit.save imports (its GLOBAL opcodes), found by
 * stepping over every opcode's argument: nothing is unpickled. torch.jit.save's pickler
 * names every global with GLOBAL, so the other ways a pickle can reach a name (STACK_GLOBAL,
 * INST, OBJ, the extension registry) are refused rather than followed.
 */
final class PickleGlobals {

    private PickleGlobals() {
    }

    /** "module.name" for each GLOBAL, in order of first use. */
    static Set<String> of(byte[] pickle) {
        ByteBuffer in = ByteBuffer.wrap(pickle).order(ByteOrder.LITTLE_ENDIAN);
        Set<String> globals = new LinkedHashSet<>();
        while (in.hasRemaining()) {
            int at = in.position();
            int op = in.get() & 0xff;
            switch (op) {
                case '.' -> {
                    return globals;
                }
                case '(', '0', '1', '2', 'N', 'R', 'Q', ']', 'a', 'b', 'd', '}', 'e', 'l', ')', 's', 't', 'u',
                        0x81, 0x85, 0x86, 0x87, 0x88, 0x89, 0x8f, 0x90, 0x91, 0x92, 0x94, 0x97, 0x98 -> { }
                case 'K', 'q', 'h', 0x80 -> skip(in, 1);
                case 'M' -> skip(in, 2);
                case 'J', 'r', 'j' -> skip(in, 4);
                case 'G', 0x95 -> skip(in, 8);
                case 'U', 0x8c, 'C', 0x8a -> skip(in, in.get() & 0xff);
                case 'T', 'X', 'B', 0x8b -> skip(in, length(in.getInt()));
                case 0x8d, 0x8e, 0x96 -> skip(in, length(in.getLong()));
                case 'I', 'L', 'F', 'S', 'V', 'P', 'p', 'g' -> line(in);
                case 'c' -> globals.add(line(in) + "." + line(in));
                default -> throw new IllegalArgumentException("opcode 0x" + Integer.toHexString(op) + " at byte " + at
                        + (op == 0x93 || op == 'i' || op == 'o' || (op >= 0x82 && op <= 0x84)
                        ? " names a global in a way torch.jit.save never writes"
                        : " is not a pickle opcode"));
            }
        }
        throw new IllegalArgumentException("the pickle ends without its STOP opcode");
    }

    private static int length(long length) {
        if (length < 0 || length > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("a length of " + length + " bytes");
        }
        return (int) length;
    }

    private static void skip(ByteBuffer in, int bytes) {
        if (bytes > in.remaining()) {
            throw new IllegalArgumentException("the pickle is truncated");
        }
        in.position(in.position() + bytes);
    }

    private static String line(ByteBuffer in) {
        StringBuilder text = new StringBuilder();
        while (true) {
            if (!in.hasRemaining()) {
                throw new IllegalArgumentException("the pickle is truncated");
            }
            byte b = in.get();
            if (b == '\n') {
                return text.toString();
            }
            if (text.length() > 1024) {
                throw new IllegalArgumentException("a global name is longer than 1,024 bytes");
            }
            text.append((char) (b & 0xff));
        }
    }
}
