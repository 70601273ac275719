package dev.predictbench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.predictbench.Samples;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The command line builds only the command it names, and help still lists every command. */
class CliCommandsTest {

    @TempDir
    Path dir;

    @Test
    void eachCommandIsRegisteredUnderItsOwnName() {
        Cli.COMMANDS.forEach((name, command) -> assertEquals(name,
                command.get().getClass().getAnnotation(CommandLine.Command.class).name(), name));
    }

    @Test
    void aNamedCommandIsTheOnlyOneBuiltAndHelpListsThemAll() {
        assertEquals(List.of("score"), List.copyOf(Cli.withCommands(new String[] {"score", "--help"})
                .getSubcommands().keySet()));
        assertEquals(List.copyOf(Cli.COMMANDS.keySet()), List.copyOf(Cli.withCommands(new String[] {"--help"})
                .getSubcommands().keySet()));
        CliRun help = CliRun.of("--help");
        assertEquals(0, help.code());
        for (String name : Cli.COMMANDS.keySet()) {
            assertTrue(help.out().contains("  " + name + " "), name + " in\n" + help.out());
        }
        CliRun typo = CliRun.of("scroe");
        assertEquals(Cli.UNUSABLE_INPUT, typo.code());
        assertTrue(typo.err().contains("Unmatched argument"), typo.err());
    }
    @Test
    void anAtFileArgumentIsTakenAsItIsNotExpanded() throws IOException {
        Path secret = Files.writeString(dir.resolve("secret.txt"), "TOPSECRET-LINE\nsecond line\n");
        CliRun run = CliRun.of("inspect", "@" + secret);
        assertEquals(Cli.UNUSABLE_INPUT, run.code());
        assertTrue(run.err().contains("@" + secret + ": no such bundle"), run.err());
        assertFalse(run.err().contains("TOPSECRET") || run.out().contains("TOPSECRET"), run.err());
    }

    @Test
    void controlCharactersFromABundleNeverReachTheTerminalRaw() throws IOException {
        Path bundle = copyOf(Samples.BREAST_CANCER);
        Path manifest = bundle.resolve("bundle.json");
        String text = Files.readString(manifest);
        String hostile = "\\u001b]0;pwned\\u0007\\u001b[2J\\r\\u009b31m\\u202e\\nParity:        forged";
        Files.writeString(manifest, text.replaceFirst("\"description\": \"",
                java.util.regex.Matcher.quoteReplacement("\"description\": \"" + hostile)));
        CliRun inspect = CliRun.of("inspect", bundle.toString(), "--device", "cpu");
        assertEquals(0, inspect.code(), inspect.err());
        assertTrue(inspect.out().contains("\\u001b]0;pwned\\u0007\\u001b[2J\\u000d\\u009b31m\\u202e"), inspect.out());
        assertFalse(inspect.out().lines().anyMatch(l -> l.startsWith("Parity:        forged")),
                "a newline in the description cannot forge a line: " + inspect.out());
        assertNoControlCharacters(inspect.out() + inspect.err());

        // A value quoted in an error: escaped, and the message stays one line.
        Files.writeString(manifest, text.replaceFirst("\"type\": \"binary\"", "\"type\": \"\\\\u001b[31mbin\\\\nary\""));
        CliRun broken = CliRun.of("inspect", bundle.toString());
        assertEquals(Cli.UNUSABLE_INPUT, broken.code(), broken.err());
        assertTrue(broken.err().contains("found \"\\u001b[31mbin\\u000aary\""), broken.err());
        assertEquals(1, broken.err().strip().lines().count(), broken.err());
        assertNoControlCharacters(broken.err());
    }

    private static void assertNoControlCharacters(String printed) {
        printed.chars().forEach(c -> assertTrue(c == '\n' || c == '\t' || c >= 0x20 && (c < 0x7f || c > 0x9f)
                && (c < 0x202a || c > 0x202e), () -> "raw control character " + c + " in:\n" + printed));
    }

    private Path copyOf(Path bundle) throws IOException {
        Path copy = dir.resolve(bundle.getFileName());
        try (Stream<Path> files = Files.walk(bundle)) {
            for (Path file : files.sorted(Comparator.naturalOrder()).toList()) {
                Path target = copy.resolve(bundle.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(file, target);
                }
            }
        }
        return copy;
    }
}
