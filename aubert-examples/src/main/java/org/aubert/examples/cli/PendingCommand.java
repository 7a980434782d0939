package org.aubert.examples.cli;

import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;

/** A stage that is listed in {@code aubert --help} but not built yet: it says so and exits with status 2. */
record PendingCommand(String name, String description) {
    static final int EXIT_NOT_IMPLEMENTED = 2;

    CommandLine toCommandLine() {
        CommandSpec spec = CommandSpec.wrapWithoutInspection((java.util.concurrent.Callable<Integer>) () -> {
            System.err.println("aubert " + name + ": not implemented yet");
            return EXIT_NOT_IMPLEMENTED;
        });
        spec.name(name);
        spec.usageMessage().description(description + " [not implemented yet]");
        spec.mixinStandardHelpOptions(true);
        spec.parser().unmatchedArgumentsAllowed(true);
        CommandLine cl = new CommandLine(spec);
        cl.setUnmatchedArgumentsAllowed(true);
        return cl;
    }
}
