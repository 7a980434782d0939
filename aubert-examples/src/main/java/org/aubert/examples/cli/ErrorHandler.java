package org.aubert.examples.cli;

import java.io.IOException;
import java.io.UncheckedIOException;

import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;

/**
 * Bad input (a missing file, a malformed checkpoint, an unsupported config) is reported as one clear
 * line with exit status 1; only genuine bugs print a stack trace.
 */
final class ErrorHandler implements IExecutionExceptionHandler {
    static final int EXIT_BAD_INPUT = 1;

    @Override
    public int handleExecutionException(Exception ex, CommandLine cl, ParseResult parsed) throws Exception {
        Throwable e = ex instanceof UncheckedIOException u ? u.getCause() : ex;
        if (e instanceof IOException || e instanceof IllegalArgumentException) {
            String msg = e instanceof java.nio.file.NoSuchFileException ? "no such file: " + e.getMessage() : e.getMessage();
            cl.getErr().println(cl.getCommandName() + ": error: " + msg);
            return EXIT_BAD_INPUT;
        }
        throw ex;
    }
}
