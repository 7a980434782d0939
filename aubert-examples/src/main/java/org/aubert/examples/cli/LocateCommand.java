package org.aubert.examples.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import org.aubert.data.locate.LocateRunner;

/** {@code aubert locate}: places each recording of matched alignment files in its book by its audio ({@link LocateRunner}). */
@Command(name = "locate", mixinStandardHelpOptions = true,
        description = {"Place each recording of matched alignment JSON files in its book by its audio: the transcripts propose "
                + "places, a CTC model's log-probabilities pick the one the audio reads (CTC alignment with free ends) and give "
                + "each cut piece its span. Run between match and refine; placed spans are kept by refine."})
final class LocateCommand implements Callable<Integer> {
    private static final Logger log = LoggerFactory.getLogger(LocateCommand.class);

    @Option(names = "--input-dir", required = true, description = "Folder of matched alignment JSON files (*.align.json).")
    Path inputDir;

    @Option(names = "--audio-root", required = true, description = "Root the utterances' fname paths are relative to.")
    Path audioRoot;

    @Option(names = "--model", required = true, description = "HuggingFace *ForCTC folder (config.json, weights, vocab.json).")
    Path model;

    @Option(names = "--output-dir", required = true, description = "Folder for the located alignment JSON files (same names).")
    Path outputDir;

    @Option(names = "--overwrite", description = "Replace outputs that already exist (default: skip them).")
    boolean overwrite;

    @Option(names = "--candidates", defaultValue = "8", description = "Places of the book tried per recording: the best text "
            + "matches of its joined transcripts (default: ${DEFAULT-VALUE}).")
    int candidates;

    @Option(names = "--whole-book", description = "Search the whole book for every recording instead of the --candidates places: "
            + "finds recordings whose transcripts are too weak to propose their place, at a cost of audio frames x book letters "
            + "(about 1.5 s per 36 s recording in a 200 kB book).")
    boolean wholeBook;

    @Option(names = "--threads", description = "Recordings searched at once (default: the number of processors).")
    int threads = Runtime.getRuntime().availableProcessors();

    @Option(names = "--max-loss-per-frame", defaultValue = "1.0", description = "A place is kept when its path scores at most this "
            + "much lower per frame (natural log) than the model's greedy path (default: ${DEFAULT-VALUE}).")
    double maxLossPerFrame;

    @Option(names = "--label-bonus", defaultValue = "1.0", description = "Score (natural log) for every letter a located path "
            + "reads, so that the audio is accounted for by text rather than by blanks in a short wrong stretch (default: ${DEFAULT-VALUE}).")
    double labelBonus;

    @Option(names = "--beam", defaultValue = "100", description = "Prune stretches of the text whose best path trails the best "
            + "by more than this (natural log) as the audio goes on; 0 searches exactly (default: ${DEFAULT-VALUE}).")
    double beam;

    @Option(names = "--edge-words", defaultValue = "6", description = "Put back at most this many book words at each end of a "
            + "recording where the audio reads letters the located path left out (their number from the model's letter "
            + "probabilities); 0 = none (default: ${DEFAULT-VALUE}).")
    int edgeWords;

    @Mixin
    EmissionWindowOptions windows;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (candidates < 1) throw new IllegalArgumentException("--candidates must be >= 1, got " + candidates);
        if (!(labelBonus >= 0)) throw new IllegalArgumentException("--label-bonus must be >= 0, got " + labelBonus);
        if (!(maxLossPerFrame > 0)) throw new IllegalArgumentException("--max-loss-per-frame must be > 0, got " + maxLossPerFrame);
        if (!(beam >= 0)) throw new IllegalArgumentException("--beam must be >= 0, got " + beam);
        if (threads < 1) throw new IllegalArgumentException("--threads must be >= 1, got " + threads);
        if (edgeWords < 0) throw new IllegalArgumentException("--edge-words must be >= 0, got " + edgeWords);
        String summary = LocateRunner.run(new LocateRunner.Options(inputDir, audioRoot, model, outputDir, overwrite, candidates, wholeBook,
                maxLossPerFrame, labelBonus, beam, edgeWords, windows.windowSec, windows.overlapSec, threads)).line();
        log.info(summary);
        spec.commandLine().getOut().println(summary);
        spec.commandLine().getOut().flush();
        return 0;
    }
}
