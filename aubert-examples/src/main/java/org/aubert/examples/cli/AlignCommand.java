package org.aubert.examples.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import org.aubert.data.align.AlignRunner;
import org.aubert.data.alignment.AlignmentFile;

/** {@code aubert align}: word-level CTC forced alignment of alignment JSON files ({@link AlignRunner}). */
@Command(name = "align", mixinStandardHelpOptions = true,
        description = "Word-level CTC forced alignment of alignment JSON files (adds \"words\" to each utterance).")
final class AlignCommand implements Callable<Integer> {
    private static final Logger log = LoggerFactory.getLogger(AlignCommand.class);

    @Option(names = "--input-dir", required = true, description = "Folder of alignment JSON files (*.align.json: book_name, raw, utterances).")
    Path inputDir;

    @Option(names = "--audio-root", required = true, description = "Root the utterances' fname paths are relative to (libri-light layout <speaker>/<book>/<file>).")
    Path audioRoot;

    @Option(names = "--model", required = true, description = "HuggingFace *ForCTC folder (config.json, weights, vocab.json, preprocessor_config.json).")
    Path model;

    @Option(names = "--output-dir", required = true, description = "Folder for the aligned JSON files (same names as the inputs).")
    Path outputDir;

    @Option(names = "--overwrite", description = "Replace outputs that already exist (default: skip them).")
    boolean overwrite;

    @Option(names = "--window-sec", defaultValue = "10", description = "Length of the model's windows over long audio, seconds (default: ${DEFAULT-VALUE}).")
    double windowSec;

    @Option(names = "--overlap-sec", defaultValue = "2", description = "Overlap of neighbouring windows, seconds (default: ${DEFAULT-VALUE}).")
    double overlapSec;

    @Option(names = "--band", defaultValue = "1000", description = "Half-width of the Viterbi search band in label states, 0 = exact (default: ${DEFAULT-VALUE}).")
    int band;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (!Files.isDirectory(inputDir)) throw new IllegalArgumentException("--input-dir " + inputDir + " is not a folder");
        if (!Files.isDirectory(audioRoot)) throw new IllegalArgumentException("--audio-root " + audioRoot + " is not a folder");
        if (AlignmentFile.list(inputDir).isEmpty()) {
            throw new IllegalArgumentException("--input-dir " + inputDir + " holds no *" + AlignmentFile.SUFFIX + " files");
        }
        AlignRunner runner = new AlignRunner(model, new AlignRunner.Options(windowSec, overlapSec, band));
        String summary = runner.run(inputDir, audioRoot, outputDir, overwrite).line();
        log.info(summary);
        spec.commandLine().getOut().println(summary);
        spec.commandLine().getOut().flush();
        return 0;
    }
}
