package dev.predictbench.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.predictbench.InputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The files of one result appear together or not at all. */
class AtomicFileTest {

    @TempDir
    Path dir;

    @Test
    void bothFilesAppearTogetherAndReplaceTheEarlierPair() throws IOException {
        Path record = Files.writeString(dir.resolve("scored.csv.run.json"), "old record");
        Path scored = Files.writeString(dir.resolve("scored.csv"), "old rows");
        try (AtomicFile first = AtomicFile.create(record); AtomicFile second = AtomicFile.create(scored)) {
            first.writer().write("new record");
            second.writer().write("new rows");
            AtomicFile.commitTogether(first, second);
        }
        assertEquals("new record", Files.readString(record));
        assertEquals("new rows", Files.readString(scored));
        assertEquals(List.of("scored.csv", "scored.csv.run.json"), names());
    }

    @Test
    void whenTheSecondRenameFailsTheFirstFileIsTakenBackAndTheEarlierOneRestored() throws IOException {
        Path record = Files.writeString(dir.resolve("scored.csv.run.json"), "old record");
        Path scored = dir.resolve("scored.csv");
        Path fresh = dir.resolve("fresh.csv.run.json");
        for (Path first : List.of(record, fresh)) {
            try (AtomicFile a = AtomicFile.create(first); AtomicFile b = AtomicFile.create(scored)) {
                a.writer().write("new record");
                b.writer().write("new rows");
                // Something takes the second file's place between the checks and the rename: a full folder.
                Files.createDirectories(scored.resolve("in-the-way"));
                InputException e = assertThrows(InputException.class, () -> AtomicFile.commitTogether(a, b));
                assertTrue(e.getMessage().startsWith(scored + ": cannot be written"), e.getMessage());
            }
            Files.delete(scored.resolve("in-the-way"));
            Files.delete(scored);
        }
        assertEquals("old record", Files.readString(record), "the earlier record is restored");
        assertFalse(Files.exists(fresh), "a record without its scored file is removed");
        assertEquals(List.of("scored.csv.run.json"), names(), "no temporary or backup file is left");
    }

    @Test
    void aLinkOrADeviceIsNeverWrittenThroughOrReplaced() throws IOException {
        Path canary = Files.writeString(dir.resolve("canary"), "untouched");
        Path link = Files.createSymbolicLink(dir.resolve("out.csv"), canary);
        assertTrue(assertThrows(InputException.class, () -> AtomicFile.create(link)).getMessage()
                .contains("is a symbolic link"));
        assertTrue(assertThrows(InputException.class, () -> AtomicFile.create(Path.of("/dev/null"))).getMessage()
                .contains("is a FIFO, device or socket"));
        assertEquals("untouched", Files.readString(canary));
        assertTrue(Files.isSymbolicLink(link));
    }

    private List<String> names() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(f -> f.getFileName().toString()).sorted().toList();
        }
    }
}
