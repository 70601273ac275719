package dev.predictbench.bundle;

import dev.predictbench.InputException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A zip archive's central directory, read and checked before one byte is unpacked: the
 * declared sizes and ratios are bounded (a bomb is refused without being expanded), names
 * are UTF-8 without NUL, absolute paths or {@code ..}, no name appears twice, no entry is a
 * link or a device, nothing is encrypted, and the entries' local headers tile the archive
 * exactly. That last check refuses an entry present as a local header but missing from the
 * directory (a hidden entry, which a streaming reader would unpack and this one would not),
 * overlapping entries (the "better zip bomb") and a local name that differs from the listed one.
 */
final class ZipDirectory {

    /** One listed entry: its name as written, sizes as declared, where its data lies. */
    record Entry(String name, boolean directory, int method, long crc, long compressedSize, long size,
                 long localOffset) {
    }

    private static final int EOCD = 0x06054b50;
    private static final int ZIP64_LOCATOR = 0x07064b50;
    private static final int ZIP64_EOCD = 0x06064b50;
    private static final int CENTRAL = 0x02014b50;
    private static final int LOCAL = 0x04034b50;
    private static final int DESCRIPTOR = 0x08074b50;
    private static final long MAX_DIRECTORY_BYTES = 64L << 20;

    private final Path zip;
    private final FileChannel channel;
    private final long length;

    private ZipDirectory(Path zip, FileChannel channel) throws IOException {
        this.zip = zip;
        this.channel = channel;
        this.length = channel.size();
    }

    /** Reads and checks the directory against the limits; throws one line naming the problem. */
    static List<Entry> read(Path zip, int maxEntries, long maxTotal, long maxRatio, long ratioFloor) {
        try (FileChannel channel = FileChannel.open(zip, StandardOpenOption.READ)) {
            ZipDirectory directory = new ZipDirectory(zip, channel);
            List<Entry> entries = directory.entries(maxEntries);
            directory.checkSizes(entries, maxTotal, maxRatio, ratioFloor);
            directory.checkLayout(entries);
            return entries;
        } catch (IOException e) {
            throw new InputException(zip + ": cannot be read: " + e.getMessage(), e);
        }
    }

    private InputException refused(String problem) {
        return new InputException(zip + ": " + problem + "; refused");
    }

    private ByteBuffer read(long position, int size) throws IOException {
        if (position < 0 || size < 0 || position + size > length) {
            throw refused("not a readable zip archive (a record points past the end of the file)");
        }
        ByteBuffer buffer = ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
        while (buffer.hasRemaining()) {
            if (channel.read(buffer, position + buffer.position()) < 0) {
                throw refused("not a readable zip archive (truncated)");
            }
        }
        return buffer.flip();
    }

    private List<Entry> entries(int maxEntries) throws IOException {
        int tail = (int) Math.min(length, 22 + 0xFFFF);
        ByteBuffer end = read(length - tail, tail);
        int eocd = -1;
        for (int i = tail - 22; i >= 0; i--) {
            if (end.getInt(i) == EOCD && i + 22 + (end.getShort(i + 20) & 0xFFFF) == tail) {
                eocd = i;
                break;
            }
        }
        if (eocd < 0) {
            throw refused("not a readable zip archive (no end of central directory record)");
        }
        long eocdAt = length - tail + eocd;
        if (end.getShort(eocd + 4) != 0 || end.getShort(eocd + 6) != 0) {
            throw refused("a multi-part zip archive");
        }
        long count = end.getShort(eocd + 10) & 0xFFFF;
        long size = end.getInt(eocd + 12) & 0xFFFFFFFFL;
        long offset = end.getInt(eocd + 16) & 0xFFFFFFFFL;
        long directoryEnd = eocdAt;
        if (eocdAt >= 20 && read(eocdAt - 20, 4).getInt(0) == ZIP64_LOCATOR) {
            long zip64At = read(eocdAt - 20, 20).getLong(8);
            ByteBuffer zip64 = read(zip64At, 56);
            if (zip64.getInt(0) != ZIP64_EOCD) {
                throw refused("not a readable zip archive (bad zip64 end of central directory)");
            }
            count = zip64.getLong(32);
            size = zip64.getLong(40);
            offset = zip64.getLong(48);
            directoryEnd = zip64At;
        }
        if (count > maxEntries) {
            throw refused("more than " + maxEntries + " entries, as a zip bomb has");
        }
        if (size > MAX_DIRECTORY_BYTES || offset < 0 || size < 0 || offset + size != directoryEnd) {
            throw refused("not a readable zip archive (the central directory is not where the end record says)");
        }
        ByteBuffer directory = read(offset, (int) size);
        List<Entry> entries = new ArrayList<>();
        Map<String, String> seen = new HashMap<>();
        int at = 0;
        for (long i = 0; i < count; i++) {
            if (at + 46 > directory.limit() || directory.getInt(at) != CENTRAL) {
                throw refused("not a readable zip archive (bad central directory entry " + i + ")");
            }
            Entry entry = entry(directory, at, i);
            String key = normalized(entry.name());
            String earlier = seen.putIfAbsent(key, entry.name());
            if (earlier != null) {
                throw refused("the entry \"" + entry.name() + "\" appears twice"
                        + (earlier.equals(entry.name()) ? "" : " (also as \"" + earlier + "\")")
                        + "; which one a reader takes is a guess");
            }
            entries.add(entry);
            at += 46 + (directory.getShort(at + 28) & 0xFFFF) + (directory.getShort(at + 30) & 0xFFFF)
                    + (directory.getShort(at + 32) & 0xFFFF);
        }
        if (at != directory.limit()) {
            throw refused("the central directory holds more than the " + count + " entries it declares");
        }
        return entries;
    }

    private Entry entry(ByteBuffer directory, int at, long index) {
        int madeBy = directory.getShort(at + 4) & 0xFFFF;
        int flags = directory.getShort(at + 8) & 0xFFFF;
        int method = directory.getShort(at + 10) & 0xFFFF;
        long crc = directory.getInt(at + 16) & 0xFFFFFFFFL;
        long compressed = directory.getInt(at + 20) & 0xFFFFFFFFL;
        long size = directory.getInt(at + 24) & 0xFFFFFFFFL;
        int nameLength = directory.getShort(at + 28) & 0xFFFF;
        int extraLength = directory.getShort(at + 30) & 0xFFFF;
        int commentLength = directory.getShort(at + 32) & 0xFFFF;
        long external = directory.getInt(at + 38) & 0xFFFFFFFFL;
        long offset = directory.getInt(at + 42) & 0xFFFFFFFFL;
        if (at + 46 + nameLength + extraLength + commentLength > directory.limit()) {
            throw refused("not a readable zip archive (central directory entry " + index + " runs past its end)");
        }
        byte[] raw = new byte[nameLength];
        directory.get(at + 46, raw);
        String name = name(raw, index);
        // zip64: the real sizes and offset follow in extra field 1, for each value saturated above.
        for (int x = at + 46 + nameLength; x + 4 <= at + 46 + nameLength + extraLength; ) {
            int id = directory.getShort(x) & 0xFFFF;
            int dataSize = directory.getShort(x + 2) & 0xFFFF;
            if (id == 1) {
                int v = x + 4;
                int stop = Math.min(v + dataSize, at + 46 + nameLength + extraLength);
                if (size == 0xFFFFFFFFL && v + 8 <= stop) {
                    size = directory.getLong(v);
                    v += 8;
                }
                if (compressed == 0xFFFFFFFFL && v + 8 <= stop) {
                    compressed = directory.getLong(v);
                    v += 8;
                }
                if (offset == 0xFFFFFFFFL && v + 8 <= stop) {
                    offset = directory.getLong(v);
                }
            }
            x += 4 + dataSize;
        }
        if ((flags & 1) != 0) {
            throw refused("the entry \"" + name + "\" is encrypted");
        }
        if (method != 0 && method != 8) {
            throw refused("the entry \"" + name + "\" uses compression method " + method
                    + " (only stored and deflated entries are read)");
        }
        int unixType = (int) (external >>> 16) & 0xF000;
        if (madeBy >> 8 == 3 && unixType == 0xA000) {
            throw refused("the entry \"" + name + "\" is a symbolic link; a bundle holds files, not links");
        }
        if (madeBy >> 8 == 3 && unixType != 0 && unixType != 0x8000 && unixType != 0x4000) {
            throw refused("the entry \"" + name + "\" is a device, FIFO or socket; a bundle holds files");
        }
        if (size < 0 || compressed < 0 || offset < 0 || method == 0 && size != compressed) {
            throw refused("the entry \"" + name + "\" declares impossible sizes");
        }
        return new Entry(name, name.endsWith("/"), method, crc, compressed, size, offset);
    }

    /** Strict UTF-8, no NUL, no absolute path, no "..": a name that can only mean one file inside. */
    private String name(byte[] raw, long index) {
        String name;
        try {
            name = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(raw)).toString();
        } catch (CharacterCodingException e) {
            throw refused("the name of entry " + index + " is not valid UTF-8");
        }
        if (name.isEmpty()) {
            throw refused("entry " + index + " has an empty name");
        }
        if (name.indexOf('\0') >= 0) {
            throw refused("the name of entry " + index + " (\"" + name.replace("\0", "\\0")
                    + "\") holds a NUL character");
        }
        String path = name.replace('\\', '/');
        boolean parent = Arrays.asList(path.split("/")).contains("..");
        if (path.startsWith("/") || path.matches("^[A-Za-z]:.*") || parent) {
            throw refused("the entry \"" + name + "\" would be written outside the bundle folder");
        }
        return name;
    }

    private static String normalized(String name) {
        String path = name.replace('\\', '/');
        while (path.endsWith("/")) {
            path = path.substring(0, path.length() - 1);
        }
        return Path.of(path).normalize().toString();
    }

    private void checkSizes(List<Entry> entries, long maxTotal, long maxRatio, long ratioFloor) {
        long total = 0;
        for (Entry entry : entries) {
            if (entry.size() > ratioFloor && entry.size() / Math.max(1, entry.compressedSize()) > maxRatio) {
                throw refused("the entry \"" + entry.name() + "\" declares " + entry.size() + " bytes from "
                        + entry.compressedSize() + ", more than " + maxRatio + " times; a zip bomb");
            }
            total += entry.size();
            if (total > maxTotal || total < 0) {
                throw refused("it unpacks to more than " + (maxTotal >> 30) + " GiB; a zip bomb");
            }
        }
        if (total > ratioFloor && total / Math.max(1, length) > maxRatio) {
            throw refused("it unpacks to " + total + " bytes from " + length + ", more than " + maxRatio
                    + " times; a zip bomb");
        }
    }

    /** Local headers and their data must follow each other from byte 0 to the directory, no gap, no overlap. */
    private void checkLayout(List<Entry> listed) throws IOException {
        List<Entry> entries = new ArrayList<>(listed);
        entries.sort(Comparator.comparingLong(Entry::localOffset));
        long expected = 0;
        long directoryStart = directoryStart();
        for (int i = 0; i <= entries.size(); i++) {
            long next = i < entries.size() ? entries.get(i).localOffset() : directoryStart;
            if (next < expected) {
                throw refused("the entry \"" + entries.get(i).name() + "\" overlaps the one before it, as a zip"
                        + " bomb's entries do");
            }
            if (next > expected) {
                throw refused((next - expected) + " bytes at offset " + expected + " are not listed in the central"
                        + " directory (a hidden entry)");
            }
            if (i == entries.size()) {
                break;
            }
            expected = localEnd(entries.get(i), i + 1 < entries.size() ? entries.get(i + 1).localOffset()
                    : directoryStart);
        }
    }

    private long directoryStart() throws IOException {
        // Found again cheaply: entries() checked it, and the first listed offset is not it.
        int tail = (int) Math.min(length, 22 + 0xFFFF);
        ByteBuffer end = read(length - tail, tail);
        for (int i = tail - 22; i >= 0; i--) {
            if (end.getInt(i) == EOCD && i + 22 + (end.getShort(i + 20) & 0xFFFF) == tail) {
                long eocdAt = length - tail + i;
                if (eocdAt >= 20 && read(eocdAt - 20, 4).getInt(0) == ZIP64_LOCATOR) {
                    return read(read(eocdAt - 20, 20).getLong(8), 56).getLong(48);
                }
                return end.getInt(i + 16) & 0xFFFFFFFFL;
            }
        }
        throw refused("not a readable zip archive");
    }

    /** Where an entry's local header, data and data descriptor end; {@code next} is what follows it. */
    private long localEnd(Entry entry, long next) throws IOException {
        ByteBuffer header = read(entry.localOffset(), 30);
        if (header.getInt(0) != LOCAL) {
            throw refused("the entry \"" + entry.name() + "\" has no local header where the directory says");
        }
        int flags = header.getShort(6) & 0xFFFF;
        int method = header.getShort(8) & 0xFFFF;
        int nameLength = header.getShort(26) & 0xFFFF;
        int extraLength = header.getShort(28) & 0xFFFF;
        byte[] localName = new byte[nameLength];
        read(entry.localOffset() + 30, nameLength).get(localName);
        if (!Arrays.equals(localName, entry.name().getBytes(StandardCharsets.UTF_8)) || method != entry.method()) {
            throw refused("the entry \"" + entry.name() + "\"'s local header names another file or method than"
                    + " the central directory");
        }
        long dataEnd = entry.localOffset() + 30 + nameLength + extraLength + entry.compressedSize();
        if ((flags & 8) == 0) {
            return dataEnd;
        }
        // A data descriptor follows: crc and both sizes, 4 or 8 bytes each, with or without its signature.
        for (long size : new long[] {12, 16, 20, 24}) {
            if (dataEnd + size == next) {
                return next;
            }
        }
        return dataEnd + (dataEnd + 4 <= length && read(dataEnd, 4).getInt(0) == DESCRIPTOR ? 16 : 12);
    }
}
