package org.aubert.examples.cli;

import picocli.CommandLine.Option;

/** The CTC model's overlapping windows over long audio, for the commands that run it on whole files (a picocli mixin). */
final class EmissionWindowOptions {
    @Option(names = "--window-sec", defaultValue = "10", description = "Length of the model's windows over long audio, seconds (default: ${DEFAULT-VALUE}).")
    double windowSec;

    @Option(names = "--overlap-sec", defaultValue = "2", description = "Overlap of neighbouring windows, seconds (default: ${DEFAULT-VALUE}).")
    double overlapSec;
}
