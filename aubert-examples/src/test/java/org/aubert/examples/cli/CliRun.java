package org.aubert.examples.cli;

import java.io.PrintWriter;
import java.io.Writer;

import picocli.CommandLine;

/** Runs the {@code aubert} command line in-process as the tests do, with its output and errors captured. */
final class CliRun {
    private CliRun() {}

    static int run(Writer out, Writer err, String... args) {
        CommandLine cl = AubertCli.commandLine();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        return cl.execute(args);
    }
}
