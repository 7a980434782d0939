package org.aubert.examples.cli;

import java.util.List;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code aubert} command: one sub-command per pipeline stage (see DESIGN.md). */
@Command(name = "aubert", mixinStandardHelpOptions = true, version = "aubert 0.1.0-SNAPSHOT",
        description = "AuBERT for the JVM: audiobook data pipeline and contrastive text/audio pre-training.",
        subcommands = {
                CutCommand.class,
                TranscribeCommand.class,
                MatchCommand.class,
                LocateCommand.class,
                RefineCommand.class,
                AlignCommand.class,
                CalibrateBoundariesCommand.class,
                PrepareCommand.class,
                PretrainCommand.class,
                EvaluateCommand.class,
                TokenizeCommand.class,
                EncodeCommand.class,
                EmbedCommand.class,
                TrainCtcCommand.class,
                BuildLmCommand.class,
                DemoCommand.class})
public final class AubertCli implements Runnable {

    /** Stages that later work fills in; they are listed in --help now so the command's shape is stable. */
    static final List<PendingCommand> PENDING = List.of();

    @Override
    public void run() {
        CommandLine.usage(this, System.out);
    }

    /** Builds the command line with every sub-command registered; also used by tests. */
    public static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new AubertCli());
        for (PendingCommand p : PENDING) cl.addSubcommand(p.name(), p.toCommandLine());
        cl.setExecutionExceptionHandler(new ErrorHandler());
        return cl;
    }

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }
}
