package dev.predictbench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The command line builds only the command it names, and help still lists every command. */
class CliCommandsTest {

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
}
