package org.aubert.examples.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import org.aubert.examples.demo.DemoReport;
import org.aubert.examples.demo.DemoShards;
import org.aubert.examples.demo.DemoTruth;
import org.aubert.examples.demo.TrueSpans;

/**
 * {@code aubert demo}: the whole pipeline on the embedded demo corpus, each stage run as the {@code aubert} command a
 * user would type (so the demo exercises exactly what the README documents), then scored against the corpus's ground
 * truth: a summary table, {@code report.json} and PNG plots in the output folder.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {"Run the whole pipeline end to end on the embedded demo corpus: build-lm, cut, transcribe, match, locate, refine, align,"
                + " prepare, pretrain, evaluate; then score every stage against the corpus's ground truth.",
                "Writes report.json, a summary table and PNG plots into --output-dir. A rerun into the same folder resumes: each stage keeps the outputs it finished and pre-training continues from its last checkpoint."})
final class DemoCommand implements Callable<Integer> {
    private static final Logger log = LoggerFactory.getLogger(DemoCommand.class);
    private static final int STAGES = 15;

    @Spec CommandSpec spec;

    @Option(names = "--output-dir", description = "Where every stage's output, the report and the plots go (default ${DEFAULT-VALUE}).")
    Path outputDir = Path.of("demo-output");

    @Option(names = "--corpus", description = "Demo corpus folder (default: demo/corpus of the repository).")
    Path corpus;

    @Option(names = "--ctc-model", description = "HF *ForCTC folder for transcription, alignment and the audio encoder (default: demo/models/ctc-tiny).")
    Path ctcModel;

    @Option(names = "--text-model", description = "HF BERT folder for the text encoder (default: demo/models/bert-tiny).")
    Path textModel;

    @Option(names = "--piece-seconds", description = "cut's --target-len-sec: the longest piece transcribed and aligned at once (default ${DEFAULT-VALUE}).")
    double pieceSeconds = 6;

    @Option(names = "--pretrain-steps", description = "AuBERT optimiser updates (default ${DEFAULT-VALUE}).")
    long pretrainSteps = 200;

    @Option(names = "--pretrain-lr", description = "AuBERT peak learning rate (default ${DEFAULT-VALUE}).")
    double pretrainLr = 1e-3;

    @Option(names = "--lm-alpha", description = "transcribe's LM weight (default ${DEFAULT-VALUE}; chosen on the training recordings).")
    double lmAlpha = 0.2;

    @Option(names = "--lm-beta", description = "transcribe's word insertion bonus (default ${DEFAULT-VALUE}; chosen on the training recordings).")
    double lmBeta = 1.5;

    @Option(names = "--threads", description = "Decoding threads in transcribe (default: the number of cores).")
    Integer threads;

    @Option(names = "--seed", description = "Seed of the n-gram caps and of pre-training (default ${DEFAULT-VALUE}).")
    long seed = 740;

    @Override
    public Integer call() throws Exception {
        Path home = repositoryRoot();
        Path corpusDir = corpus != null ? corpus : home.resolve("demo/corpus");
        Path ctc = ctcModel != null ? ctcModel : home.resolve("demo/models/ctc-tiny");
        Path bert = textModel != null ? textModel : home.resolve("demo/models/bert-tiny");
        for (Path p : List.of(corpusDir.resolve("truth.json"), ctc.resolve("config.json"), bert.resolve("config.json"))) {
            if (!Files.isRegularFile(p)) throw new IllegalArgumentException("missing " + p + " (run from the repository or pass --corpus/--ctc-model/--text-model)");
        }
        DemoTruth truth = DemoTruth.read(corpusDir);
        Path bookFile = corpusDir.resolve("books").resolve(truth.bookName());
        Path out = outputDir;
        Files.createDirectories(out);
        Path lm = out.resolve("lm/book.arpa");
        Path cut = out.resolve("cut");
        Path tsv = out.resolve("transcripts.tsv");
        Path matched = out.resolve("matched");
        Path located = out.resolve("located");
        Path refined = out.resolve("refined");
        Path aligned = out.resolve("aligned");
        Path trueSpans = out.resolve("true-spans");
        Path reference = out.resolve("reference");
        Path spikes = out.resolve("aligned-spikes");
        Path calibration = out.resolve("boundary-calibration.json");
        Path alignedTrue = out.resolve("aligned-true-text");
        Path shards = out.resolve("shards");
        Path run = out.resolve("pretrain");
        Path evaluation = out.resolve("evaluation.json");
        Path shardsTrue = out.resolve("shards-true-text");
        Path evaluationTrue = out.resolve("evaluation-true-text.json");

        List<DemoReport.Stage> stages = new ArrayList<>();
        long t0 = System.nanoTime();
        stage(stages, "build-lm", "--text", bookFile.toString(), "--order", "3", "--output", lm.toString());
        stage(stages, "cut", "--input-dir", corpusDir.resolve("audio").toString(), "--output-dir", cut.toString(),
                "--target-len-sec", Double.toString(pieceSeconds));
        List<String> transcribe = new ArrayList<>(List.of("transcribe", "--input-dir", cut.toString(), "--model", ctc.toString(),
                "--lm", lm.toString(), "--alpha", Double.toString(lmAlpha), "--beta", Double.toString(lmBeta), "--output", tsv.toString()));
        if (threads != null) transcribe.addAll(List.of("--threads", threads.toString()));
        stage(stages, transcribe.toArray(String[]::new));
        stage(stages, "match", "--utterances", tsv.toString(), "--books-dir", corpusDir.resolve("books").toString(),
                "--book-meta", corpusDir.resolve("book_meta.json").toString(), "--output-dir", matched.toString());
        // The demo's CTC model is weak on unseen voices: its transcripts do not always propose the right place, so the
        // audio is searched against the whole book.
        stage(stages, "locate", "--input-dir", matched.toString(), "--audio-root", cut.toString(), "--model", ctc.toString(),
                "--output-dir", located.toString(), "--whole-book");
        stage(stages, "refine", "--input-dir", located.toString(), "--output-dir", refined.toString());
        // Where words meet inside the gaps between the model's spikes, learnt on the training recordings' true word
        // times: their true text aligned with the spike times the placement starts from, then a calibration fitted.
        TrueSpans.writeTrainingReference(truth, corpusDir, cut, reference);
        namedStage(stages, "align-spikes", "align", "--input-dir", reference.toString(), "--audio-root", cut.toString(), "--model", ctc.toString(),
                "--output-dir", spikes.toString(), "--phases", "4", "--boundaries", "ctc", "--spike-times", "expected");
        stage(stages, "calibrate-boundaries", "--alignments", spikes.toString(), "--reference", reference.toString(), "--audio-root", cut.toString(),
                "--output", calibration.toString(), "--min-gaps", "50");
        // Four frame phases: word times finer than the model's 20 ms frames (chosen on the training voices).
        stage(stages, "align", "--input-dir", refined.toString(), "--audio-root", cut.toString(), "--model", ctc.toString(),
                "--output-dir", aligned.toString(), "--phases", "4", "--boundary-calibration", calibration.toString());
        // The aligner alone: the same audio aligned to the true text of each piece, apart from transcription and matching.
        TrueSpans.write(truth, corpusDir, cut, trueSpans);
        namedStage(stages, "align-true-text", "align", "--input-dir", trueSpans.toString(), "--audio-root", cut.toString(), "--model", ctc.toString(),
                "--output-dir", alignedTrue.toString(), "--phases", "4", "--boundary-calibration", calibration.toString());
        namedStage(stages, "prepare", prepareArgs(aligned, cut, shards));
        DemoShards.Split split = DemoShards.splitBySpeaker(shards.resolve("all"), shards, truth.heldOutVoices());
        log.info("demo: {} training shards, {} held-out shards (voices {})", split.train(), split.heldOut(), truth.heldOutVoices());
        List<String> pretrain = new ArrayList<>(List.of("pretrain", "--train", shards.resolve("train").toString(),
                "--val", shards.resolve("heldout").toString(), "--text-model", bert.toString(), "--audio-model", ctc.toString(),
                "--output", run.toString(), "--max-steps", Long.toString(pretrainSteps), "--eval-every", Long.toString(Math.max(1, pretrainSteps / 4)),
                "--lr", Double.toString(pretrainLr), "--warmup-steps", Long.toString(Math.max(1, pretrainSteps / 10)),
                "--weight-decay", "0.01", "--batch-size", "16", "--crop-audio", "16000", "--scorer", "centred_cosine", "--seed", Long.toString(seed)));
        if (Files.exists(run.resolve("last"))) pretrain.add("--resume");
        stage(stages, pretrain.toArray(String[]::new));
        namedStage(stages, "evaluate", evaluateArgs(run, shards, evaluation));
        // The same model on n-gram groups cut with the true text: AuBERT apart from transcription and matching errors.
        namedStage(stages, "prepare-true-text", prepareArgs(alignedTrue, cut, shardsTrue));
        DemoShards.splitBySpeaker(shardsTrue.resolve("all"), shardsTrue, truth.heldOutVoices());
        namedStage(stages, "evaluate-true-text", evaluateArgs(run, shardsTrue, evaluationTrue));

        DemoReport report = DemoReport.build(truth, corpusDir, out, stages, (System.nanoTime() - t0) / 1e9);
        report.write(out);
        PrintWriter o = spec.commandLine().getOut();
        o.println(report.table());
        o.println(report.line());
        o.flush();
        log.info("{}", report.line());
        return 0;
    }

    /** {@code aubert prepare} of the alignments in {@code aligned} into {@code <shards>/all}. */
    private String[] prepareArgs(Path aligned, Path cut, Path shards) {
        return new String[]{"prepare", "--alignments", aligned.toString(), "--audio-root", cut.toString(),
                "--output-dir", shards.resolve("all").toString(), "--min-ngram-occurrences", "4", "--max-ngram-size", "2",
                "--seed", Long.toString(seed)};
    }

    /** {@code aubert evaluate} of the run's last checkpoint on {@code <shards>/heldout}. */
    private static String[] evaluateArgs(Path run, Path shards, Path report) {
        return new String[]{"evaluate", "--checkpoint", run.resolve("last").toString(), "--data", shards.resolve("heldout").toString(),
                "--crop-audio", "16000", "--batch-size", "16", "--report", report.toString()};
    }

    /** Runs one {@code aubert} sub-command in this process; a non-zero exit stops the demo with that stage named. */
    private void stage(List<DemoReport.Stage> stages, String... args) {
        namedStage(stages, args[0], args);
    }

    private void namedStage(List<DemoReport.Stage> stages, String name, String... args) {
        log.info("demo: stage {} of {}: aubert {}", stages.size() + 1, STAGES, String.join(" ", args));
        CommandLine cl = AubertCli.commandLine();
        cl.setOut(spec.commandLine().getOut());
        cl.setErr(spec.commandLine().getErr());
        long t = System.nanoTime();
        int rc = cl.execute(args);
        double s = (System.nanoTime() - t) / 1e9;
        if (rc != 0) throw new IllegalStateException("demo: stage 'aubert " + args[0] + "' failed with exit status " + rc + " (see above)");
        stages.add(new DemoReport.Stage(name, s));
        log.info("demo: {} done in {} s", name, String.format(Locale.ROOT, "%.1f", s));
    }

    /** The repository the launcher runs from ({@code AUBERT_HOME}, set by {@code ./aubert}), else the working folder. */
    private static Path repositoryRoot() {
        String home = System.getenv("AUBERT_HOME");
        return home != null && !home.isBlank() ? Path.of(home) : Path.of("");
    }
}
