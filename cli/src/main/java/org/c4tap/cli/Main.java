package org.c4tap.cli;

import org.c4tap.cli.command.AnalyzeCommand;
import org.c4tap.cli.command.DemoCommand;
import org.c4tap.cli.command.DistributeCommand;
import org.c4tap.cli.command.LoadCommand;
import org.c4tap.cli.command.OpenCommand;
import org.c4tap.cli.command.PkiCommand;
import org.c4tap.cli.command.RegistryCommand;
import org.c4tap.cli.command.SealCommand;
import org.c4tap.cli.command.ServeCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code c4tap} command. */
@Command(name = "c4tap", mixinStandardHelpOptions = true, version = "c4tap-gateway 0.1.0",
        description = "C4TAP gateway: relay suspected targeted-attack reports to the CEPTOAR Council, sealed with S/MIME.",
        subcommands = {DemoCommand.class, ServeCommand.class, AnalyzeCommand.class, SealCommand.class, OpenCommand.class,
                DistributeCommand.class, RegistryCommand.class, PkiCommand.class, LoadCommand.class, CommandLine.HelpCommand.class})
public final class Main {

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    public static CommandLine commandLine() {
        CommandLine commandLine = new CommandLine(new Main());
        commandLine.setExecutionExceptionHandler((exception, line, parseResult) -> {
            line.getErr().println("c4tap " + String.join(" ", parseResult.originalArgs().stream().limit(1).toList())
                    + ": " + exception.getClass().getSimpleName() + ": " + exception.getMessage());
            return 2;
        });
        return commandLine;
    }
}
