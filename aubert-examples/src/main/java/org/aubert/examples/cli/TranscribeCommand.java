package org.aubert.examples.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import org.aubert.core.tokenize.CtcTokenizer;
import org.aubert.data.ctc.ArpaModel;
import org.aubert.data.ctc.BeamSearchOptions;
import org.aubert.data.ctc.CtcAlphabet;
import org.aubert.data.ctc.CtcBeamDecoder;
import org.aubert.data.ctc.CtcDecoder;
import org.aubert.data.ctc.CtcGreedyDecoder;
import org.aubert.data.transcribe.EncoderCtcModel;
import org.aubert.data.transcribe.Transcriber;

/** {@code aubert transcribe}: libri-light audio to a TSV of lower-case transcripts (CTC model + n-gram LM beam search). */
@Command(name = "transcribe", mixinStandardHelpOptions = true,
        description = "Transcribe audio (flac/wav under <speaker>/<book>/) with a CTC model and an n-gram LM beam search; "
                + "appends 'path<TAB>transcript' lines to the TSV and resumes where a previous run stopped.")
final class TranscribeCommand implements Callable<Integer> {
    private static final Logger log = LoggerFactory.getLogger(TranscribeCommand.class);

    enum Decoder { beam, greedy }

    @Option(names = "--input-dir", required = true, description = "Folder of audio files, libri-light layout <speaker>/<book>/<file>.flac.")
    Path inputDir;

    @Option(names = "--model", required = true, description = "HF *ForCTC folder (config.json, weights, vocab.json, preprocessor_config.json).")
    Path model;

    @Option(names = "--output", required = true, description = "TSV to write (appended to; files already in it are skipped).")
    Path output;

    @Option(names = "--lm", description = "ARPA word n-gram LM (plain or gzip). Without it the beam search uses no LM and no word bonus.")
    Path lm;

    @Option(names = "--alpha", defaultValue = "0.5", description = "LM weight (default: ${DEFAULT-VALUE}).")
    double alpha;

    @Option(names = "--beta", defaultValue = "1.0", description = "Word insertion bonus (default: ${DEFAULT-VALUE}).")
    double beta;

    @Option(names = "--beam", defaultValue = "20", description = "Beam width (default: ${DEFAULT-VALUE}).")
    int beam;

    @Option(names = "--beam-prune", defaultValue = "10.0", description = "Drop prefixes this far (natural log) below the best (default: ${DEFAULT-VALUE}).")
    double beamPrune;

    @Option(names = "--token-min-logp", defaultValue = "-5.0", description = "Per frame, extend only tokens with log-prob >= this (default: ${DEFAULT-VALUE}).")
    double tokenMinLogp;

    @Option(names = "--token-top-k", defaultValue = "0", description = "Per frame, extend at most this many tokens; 0 = no limit (default: ${DEFAULT-VALUE}).")
    int tokenTopK;

    @Option(names = "--decoder", defaultValue = "beam", description = "beam | greedy (default: ${DEFAULT-VALUE}).")
    Decoder decoder;

    @Option(names = "--batch-size", defaultValue = "8", description = "Utterances per model call (default: ${DEFAULT-VALUE}).")
    int batchSize;

    @Option(names = "--threads", description = "Decoding threads (default: the number of cores).")
    Integer threads;

    @Option(names = "--rank", defaultValue = "0", description = "This worker's rank (default: ${DEFAULT-VALUE}).")
    int rank;

    @Option(names = "--world-size", defaultValue = "1", description = "Number of workers; speaker i goes to rank i % world size (default: ${DEFAULT-VALUE}).")
    int worldSize;

    @Option(names = "--overwrite", description = "Start a new TSV instead of resuming.")
    boolean overwrite;

    @Option(names = "--no-progress", description = "No progress bar.")
    boolean noProgress;

    @Override
    public Integer call() throws Exception {
        CtcAlphabet alphabet = CtcAlphabet.of(CtcTokenizer.load(model));
        EncoderCtcModel ctc = EncoderCtcModel.load(model);
        int vocab = ctc.encoder().config().vocabSize();
        if (vocab != alphabet.size()) {
            throw new IllegalArgumentException(model + ": the CTC head has " + vocab + " outputs but vocab.json " + alphabet.size() + " tokens");
        }
        CtcDecoder dec;
        if (decoder == Decoder.greedy) {
            dec = new CtcGreedyDecoder(alphabet);
        } else {
            ArpaModel arpa = lm == null ? null : loadLm(lm);
            BeamSearchOptions o = new BeamSearchOptions(beam, lm == null ? 0 : alpha, lm == null ? 0 : beta, beamPrune, tokenMinLogp, tokenTopK);
            dec = new CtcBeamDecoder(alphabet, arpa, o);
        }
        int k = threads != null ? threads : Runtime.getRuntime().availableProcessors();
        new Transcriber(ctc, dec, new Transcriber.Options(batchSize, k, rank, worldSize, overwrite, !noProgress))
                .run(inputDir, output); // logs the summary line
        return 0;
    }

    private static ArpaModel loadLm(Path file) throws java.io.IOException {
        long t0 = System.nanoTime();
        ArpaModel m = ArpaModel.load(file);
        log.info("{}: {}-gram LM, {} words, loaded in {} ms", file, m.order(), m.vocabularySize(), (System.nanoTime() - t0) / 1_000_000);
        return m;
    }
}
