package dev.predictbench.inference;

import dev.predictbench.InputException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32;

/**
 * Writes a copy of a TorchScript file in which only dropout is in training mode, for
 * Monte-Carlo dropout. libtorch can only switch a whole module tree to training mode,
 * and that makes BatchNorm normalise by batch statistics and overwrite its running
 * statistics. Each module's {@code training} flag is stored as one pickled boolean in
 * the archive's {@code data.pkl}; this class finds those booleans by walking the pickle's
 * opcodes (nothing is unpickled or executed) and flips them in place: on for dropout
 * layers and the model's own classes (whose code may call {@code F.dropout(...,
 * training=self.training)}), off for every other torch.nn module (BatchNorm and the
 * like). The copy, a temporary file, has the same bytes but those flags and the entry's CRC.
 */
final class DropoutOnlyCopy {

    /** What the copy switched: module classes per flag, for messages and tests. */
    record Flags(List<String> on, List<String> off) {
    }

    private DropoutOnlyCopy() {
    }

    /**
     * The patched copy of the model file (a temporary file the caller deletes once loaded), and
     * which classes were switched on and off.
     */
    record Copy(Path file, Flags flags) {
    }

    /**
     * Copies the model to a temporary file and patches the copy in place through a mapping, so
     * a model of any size (a real one may be 200 MB, more than the headless heap) never passes
     * through the Java heap.
     */
    static Copy of(Path model) {
        Path copy = null;
        try {
            copy = Files.createTempFile("predictbench-mc-", ".pt");
            copy.toFile().deleteOnExit();
            Files.copy(model, copy, StandardCopyOption.REPLACE_EXISTING);
            Flags flags = new Flags(new ArrayList<>(), new ArrayList<>());
            try (FileChannel channel = FileChannel.open(copy, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
                MappedByteBuffer zip = channel.map(FileChannel.MapMode.READ_WRITE, 0, channel.size());
                zip.order(ByteOrder.LITTLE_ENDIAN);
                ZipEntryAt entry = ZipEntryAt.find(zip, "data.pkl");
                byte[] pickle = new byte[Math.toIntExact(entry.size())];
                zip.get(Math.toIntExact(entry.dataOffset()), pickle);
                for (TrainingFlag flag : TrainingFlag.scan(pickle)) {
                    boolean on = switchedOn(flag.moduleClass());
                    pickle[flag.offset()] = on ? NEWTRUE : NEWFALSE;
                    (on ? flags.on() : flags.off()).add(flag.moduleClass());
                }
                zip.put(Math.toIntExact(entry.dataOffset()), pickle);
                entry.writeCrc(zip, pickle);
                zip.force();
            }
            return new Copy(copy, flags);
        } catch (IOException | RuntimeException e) {
            deleteQuietly(copy);
            throw new InputException(model + ": cannot prepare the model for Monte-Carlo dropout: the TorchScript"
                    + " archive is not laid out as torch.jit.save writes it (" + e.getMessage() + ")", e);
        }
    }

    static void deleteQuietly(Path file) {
        if (file != null) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException ignored) {
                // deleteOnExit removes it later.
            }
        }
    }

    static boolean switchedOn(String moduleClass) {
        String simple = moduleClass.substring(moduleClass.lastIndexOf('.') + 1);
        return simple.contains("Dropout") || !moduleClass.startsWith("__torch__.torch.");
    }

    private static final byte NEWTRUE = (byte) 0x88;
    private static final byte NEWFALSE = (byte) 0x89;

    /** The pickled boolean at {@code offset} is the {@code training} flag of a module of {@code moduleClass}. */
    record TrainingFlag(String moduleClass, int offset) {

        private static final Object MARK = new Object();

        private record Str(String value) {
        }

        private record Cls(String name) {
        }

        private record Obj(String cls) {
        }

        private record Bool(int offset) {
        }

        /**
         * Simulates the pickle machine's stack with placeholders, enough to see each module
         * object ({@code NEWOBJ} of a {@code __torch__} class) receive its state dict.
         */
        static List<TrainingFlag> scan(byte[] pickle) {
            ByteBuffer in = ByteBuffer.wrap(pickle).order(ByteOrder.LITTLE_ENDIAN);
            Deque<Object> stack = new ArrayDeque<>();
            Map<Long, Object> memo = new HashMap<>();
            List<TrainingFlag> flags = new ArrayList<>();
            Object other = new Object();
            while (in.hasRemaining()) {
                int at = in.position();
                int op = in.get() & 0xff;
                switch (op) {
                    case 0x80 -> in.get();                                   // PROTO
                    case 0x95 -> in.getLong();                               // FRAME
                    case 'c' -> stack.push(new Cls(line(in) + "." + line(in))); // GLOBAL
                    case 0x93 -> {                                           // STACK_GLOBAL
                        Object name = stack.pop();
                        Object module = stack.pop();
                        stack.push(new Cls(text(module) + "." + text(name)));
                    }
                    case 'X' -> stack.push(new Str(string(in, in.getInt())));      // BINUNICODE
                    case 0x8c, 'U' -> stack.push(new Str(string(in, in.get() & 0xff))); // SHORT_BINUNICODE/STRING
                    case 'T' -> stack.push(new Str(string(in, in.getInt())));      // BINSTRING
                    case 'C' -> skipAndPush(in, in.get() & 0xff, stack, other);    // SHORT_BINBYTES
                    case 'B' -> skipAndPush(in, in.getInt(), stack, other);        // BINBYTES
                    case 0x8a -> skipAndPush(in, in.get() & 0xff, stack, other);   // LONG1
                    case 0x8b -> skipAndPush(in, in.getInt(), stack, other);       // LONG4
                    case 'q' -> memo.put((long) (in.get() & 0xff), stack.peek());  // BINPUT
                    case 'r' -> memo.put(in.getInt() & 0xffffffffL, stack.peek()); // LONG_BINPUT
                    case 0x94 -> memo.put((long) memo.size(), stack.peek());       // MEMOIZE
                    case 'h' -> stack.push(memo.getOrDefault((long) (in.get() & 0xff), other));  // BINGET
                    case 'j' -> stack.push(memo.getOrDefault(in.getInt() & 0xffffffffL, other)); // LONG_BINGET
                    case 'K' -> skipAndPush(in, 1, stack, other);            // BININT1
                    case 'M' -> skipAndPush(in, 2, stack, other);            // BININT2
                    case 'J' -> skipAndPush(in, 4, stack, other);            // BININT
                    case 'G' -> skipAndPush(in, 8, stack, other);            // BINFLOAT
                    case ')', '}', ']', 'N', 0x8f -> stack.push(other);      // empty tuple/dict/list, None, set
                    case 0x88, 0x89 -> stack.push(new Bool(at));             // NEWTRUE / NEWFALSE
                    case '(' -> stack.push(MARK);
                    case 't', 'l', 'd', 0x91 -> {                            // TUPLE, LIST, DICT, FROZENSET
                        popToMark(stack);
                        stack.push(other);
                    }
                    case 0x85 -> replaceTop(stack, 1, other);                // TUPLE1
                    case 0x86 -> replaceTop(stack, 2, other);                // TUPLE2
                    case 0x87 -> replaceTop(stack, 3, other);                // TUPLE3
                    case 'Q', 'R' -> replaceTop(stack, op == 'Q' ? 1 : 2, other); // BINPERSID, REDUCE
                    case 0x81 -> {                                           // NEWOBJ
                        stack.pop();
                        Object cls = stack.pop();
                        stack.push(cls instanceof Cls c ? new Obj(c.name()) : other);
                    }
                    case 0x92 -> replaceTop(stack, 3, other);                // NEWOBJ_EX
                    case 'u' -> recordFlags(popToMark(stack), stack, flags); // SETITEMS
                    case 's' -> {                                            // SETITEM
                        Object value = stack.pop();
                        Object key = stack.pop();
                        recordFlags(List.of(key, value), stack, flags);
                    }
                    case 'e', 0x90 -> popToMark(stack);                      // APPENDS, ADDITEMS
                    case 'a', 'b', '0' -> stack.pop();                       // APPEND, BUILD, POP
                    case '1' -> popToMark(stack);                            // POP_MARK
                    case '2' -> stack.push(stack.peek());                    // DUP
                    case '.' -> {
                        return flags;
                    }
                    default -> throw new IllegalArgumentException("pickle opcode 0x" + Integer.toHexString(op)
                            + " at byte " + at + " of data.pkl is not one torch.jit.save writes");
                }
            }
            throw new IllegalArgumentException("data.pkl ends without STOP");
        }

        /** Items just set into a dict; when that dict is a module object's state, note its training flag. */
        private static void recordFlags(List<Object> items, Deque<Object> stack, List<TrainingFlag> flags) {
            Object dict = stack.pop();
            Object owner = stack.peek();
            stack.push(dict);
            if (!(owner instanceof Obj module) || !module.cls().startsWith("__torch__.")) {
                return;
            }
            for (int i = 0; i + 1 < items.size(); i += 2) {
                if (items.get(i) instanceof Str key && key.value().equals("training")
                        && items.get(i + 1) instanceof Bool flag) {
                    flags.add(new TrainingFlag(module.cls(), flag.offset()));
                }
            }
        }

        private static List<Object> popToMark(Deque<Object> stack) {
            List<Object> items = new ArrayList<>();
            for (Object top = stack.pop(); top != MARK; top = stack.pop()) {
                items.add(0, top);
            }
            return items;
        }

        private static void replaceTop(Deque<Object> stack, int count, Object with) {
            for (int i = 0; i < count; i++) {
                stack.pop();
            }
            stack.push(with);
        }

        private static void skipAndPush(ByteBuffer in, int bytes, Deque<Object> stack, Object value) {
            in.position(in.position() + bytes);
            stack.push(value);
        }

        private static String string(ByteBuffer in, int length) {
            byte[] bytes = new byte[length];
            in.get(bytes);
            return new String(bytes, StandardCharsets.UTF_8);
        }

        private static String line(ByteBuffer in) {
            StringBuilder text = new StringBuilder();
            for (byte b = in.get(); b != '\n'; b = in.get()) {
                text.append((char) (b & 0xff));
            }
            return text.toString();
        }

        private static String text(Object value) {
            return value instanceof Str s ? s.value() : "?";
        }
    }

    /** A stored (uncompressed) entry of the archive, found through the zip's central directory. */
    record ZipEntryAt(long dataOffset, long size, long localCrc, long centralCrc, long descriptorCrc) {

        private static final int DESCRIPTOR = 0x08074b50;

        private static final int EOCD = 0x06054b50;
        private static final int ZIP64_LOCATOR = 0x07064b50;
        private static final int CENTRAL = 0x02014b50;

        /** The entry whose name is {@code <archive>/<suffix>}, at the archive's top level. */
        static ZipEntryAt find(ByteBuffer zip, String suffix) throws IOException {
            long size = zip.limit();
            int tail = (int) Math.min(size, 65_557);
            ByteBuffer end = read(zip, size - tail, tail);
            int eocd = -1;
            for (int i = tail - 22; i >= 0; i--) {
                if (end.getInt(i) == EOCD) {
                    eocd = i;
                    break;
                }
            }
            if (eocd < 0) {
                throw new IOException("no end of central directory");
            }
            long entries = end.getShort(eocd + 10) & 0xffff;
            long directory = end.getInt(eocd + 16) & 0xffffffffL;
            if (directory == 0xffffffffL || entries == 0xffff) {
                int locator = eocd - 20;
                if (locator < 0 || end.getInt(locator) != ZIP64_LOCATOR) {
                    throw new IOException("zip64 archive without its locator");
                }
                ByteBuffer zip64 = read(zip, end.getLong(locator + 8), 56);
                entries = zip64.getLong(32);
                directory = zip64.getLong(48);
            }
            long at = directory;
            for (long i = 0; i < entries; i++) {
                ByteBuffer header = read(zip, at, 46);
                if (header.getInt(0) != CENTRAL) {
                    throw new IOException("damaged central directory");
                }
                int nameLength = header.getShort(28) & 0xffff;
                int extraLength = header.getShort(30) & 0xffff;
                int commentLength = header.getShort(32) & 0xffff;
                byte[] nameBytes = new byte[nameLength];
                read(zip, at + 46, nameLength).get(nameBytes);
                String name = new String(nameBytes, StandardCharsets.UTF_8);
                if (name.endsWith("/" + suffix) && name.indexOf('/') == name.length() - suffix.length() - 1) {
                    return entry(zip, header, at, read(zip, at + 46 + nameLength, extraLength), name);
                }
                at += 46L + nameLength + extraLength + commentLength;
            }
            throw new IOException("no " + suffix + " in the archive");
        }

        private static ZipEntryAt entry(ByteBuffer zip, ByteBuffer header, long at, ByteBuffer extra, String name)
                throws IOException {
            if (header.getShort(10) != 0) {
                throw new IOException(name + " is compressed");
            }
            long size = header.getInt(24) & 0xffffffffL;
            long local = header.getInt(42) & 0xffffffffL;
            for (int i = 0; i + 4 <= extra.limit(); ) {
                int id = extra.getShort(i) & 0xffff;
                int length = extra.getShort(i + 2) & 0xffff;
                if (id == 1) {   // zip64: the 0xffffffff fields, in order
                    int k = i + 4;
                    if (size == 0xffffffffL) {
                        size = extra.getLong(k);
                        k += 16;
                    }
                    if (local == 0xffffffffL) {
                        local = extra.getLong(k);
                    }
                }
                i += 4 + length;
            }
            ByteBuffer localHeader = read(zip, local, 30);
            long data = local + 30 + (localHeader.getShort(26) & 0xffff) + (localHeader.getShort(28) & 0xffff);
            long descriptor = -1;
            if ((localHeader.getShort(6) & 0x8) != 0) {   // torch.jit.save writes CRCs after the data
                descriptor = data + size + (read(zip, data + size, 4).getInt(0) == DESCRIPTOR ? 4 : 0);
            }
            return new ZipEntryAt(data, size, localHeader.getInt(14) != 0 ? local + 14 : -1, at + 16, descriptor);
        }

        /** Writes the content's CRC-32 wherever the archive records it. */
        void writeCrc(ByteBuffer zip, byte[] content) {
            CRC32 crc = new CRC32();
            crc.update(content);
            for (long at : new long[] {localCrc, centralCrc, descriptorCrc}) {
                if (at >= 0) {
                    zip.putInt(Math.toIntExact(at), (int) crc.getValue());
                }
            }
        }

        private static ByteBuffer read(ByteBuffer zip, long at, int length) throws IOException {
            if (at < 0 || at + length > zip.limit()) {
                throw new IOException("truncated at byte " + at);
            }
            return zip.slice(Math.toIntExact(at), length).order(ByteOrder.LITTLE_ENDIAN);
        }
    }
}
