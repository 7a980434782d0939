package org.aubert.examples.demo;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import org.aubert.core.io.AtomicFiles;
import org.aubert.data.align.BoundaryCalibration;

/**
 * What {@code aubert demo} measured: each stage's time and its scores against the ground truth, for held-out and
 * training recordings apart. {@link #write} puts {@code report.json} and the plots into the output folder.
 */
public record DemoReport(List<Stage> stages, double seconds, Map<Boolean, DemoScorer.ErrorRates> transcription,
                         Map<Boolean, DemoScorer.Matching> matching, Map<Boolean, DemoScorer.Matching> matchingBeforeRefine,
                         Map<Boolean, DemoScorer.Boundaries> boundaries,
                         Map<Boolean, DemoScorer.Boundaries> boundariesTrueText, BoundaryCalibration calibration, JsonNode retrieval,
                         JsonNode retrievalTrueText, List<Path> plots) {

    /** One stage: its command name and wall time. */
    public record Stage(String name, double seconds) {}

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /** Scores the outputs of a finished demo run in {@code out} against the corpus's truth and draws the plots. */
    public static DemoReport build(DemoTruth truth, Path corpus, Path out, List<Stage> stages, double seconds) throws IOException {
        Path cut = out.resolve("cut");
        DemoScorer scorer = new DemoScorer(truth, cut);
        List<String> pieces = DemoScorer.pieces(cut);
        var transcription = scorer.transcription(out.resolve("transcripts.tsv"));
        var matching = scorer.matching(out.resolve("refined"), pieces);
        var matchingBeforeRefine = scorer.matching(out.resolve("matched"), pieces);
        var boundaries = scorer.boundaries(out.resolve("aligned"));
        var boundariesTrueText = scorer.boundaries(out.resolve("aligned-true-text"));
        Path calibrationFile = out.resolve("boundary-calibration.json");
        BoundaryCalibration calibration = Files.exists(calibrationFile) ? BoundaryCalibration.read(calibrationFile) : null;
        JsonNode retrieval = JSON.readTree(out.resolve("evaluation.json").toFile());
        JsonNode retrievalTrueText = JSON.readTree(out.resolve("evaluation-true-text.json").toFile());
        List<Path> plots = new ArrayList<>(DemoPlots.trainingCurves(out.resolve("pretrain"), out.resolve("plots")));
        plots.add(DemoPlots.waveform(scorer, out.resolve("aligned-true-text"), out, pieces, out.resolve("plots/alignment.png")));
        return new DemoReport(List.copyOf(stages), seconds, transcription, matching, matchingBeforeRefine, boundaries, boundariesTrueText,
                calibration, retrieval, retrievalTrueText, plots);
    }

    /** Writes {@code report.json} into {@code out}, atomically. */
    public void write(Path out) throws IOException {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("seconds", seconds);
        Map<String, Object> st = new LinkedHashMap<>();
        for (Stage s : stages) st.put(s.name(), s.seconds());
        m.put("stage_seconds", st);
        m.put("transcription", split(transcription, r -> Map.of("recordings", r.recordings(), "cer", r.cer(), "wer", r.wer(),
                "char_errors", r.charErrors(), "chars", r.chars(), "word_errors", r.wordErrors(), "words", r.words())));
        m.put("matching", split(matching, DemoReport::matchingFigures));
        m.put("matching_before_refine", split(matchingBeforeRefine, DemoReport::matchingFigures));
        m.put("word_boundaries", split(boundaries, DemoReport::boundaryFigures));
        m.put("word_boundaries_true_text", split(boundariesTrueText, DemoReport::boundaryFigures));
        if (calibration != null) {
            m.put("boundary_calibration", Map.of("file", "boundary-calibration.json", "fitted_on", "training recordings' true word times",
                    "gaps", calibration.gaps(), "letter_offsets", calibration.offsetsMs().size(), "silence_end_ms", calibration.silenceEndMs(),
                    "silence_start_ms", calibration.silenceStartMs()));
        }
        m.put("retrieval_held_out_voice", retrievalFigures(retrieval));
        m.put("retrieval_held_out_voice_true_text", retrievalFigures(retrievalTrueText));
        m.put("plots", plots.stream().map(p -> out.relativize(p).toString()).toList());
        Path file = out.resolve("report.json");
        AtomicFiles.write(file, o -> JSON.writeValue(o, m));
    }

    private static Map<String, Object> matchingFigures(DemoScorer.Matching x) {
        return Map.of("pieces", x.pieces(), "matched", x.matched(), "mean_iou", x.meanIou(), "pieces_iou_at_least_0.9", x.atLeast90(),
                "recordings", x.recordings(), "recordings_located", x.recordingsLocated(), "passages_located", x.passagesLocated(),
                "mean_passage_iou", x.meanPassageIou());
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> retrievalFigures(JsonNode evaluation) {
        Map<String, Object> r = JSON.convertValue(evaluation, Map.class);
        r.put("t2a_accuracy_over_chance", overChance(evaluation));
        return r;
    }

    private static double overChance(JsonNode evaluation) {
        return evaluation.path("t2a_accuracy").asDouble() / evaluation.path("chance").asDouble();
    }

    private static Map<String, Object> boundaryFigures(DemoScorer.Boundaries b) {
        return Map.of("boundaries", b.errorsMs().length, "mean_abs_error_ms", b.mean(), "median_abs_error_ms", b.median(),
                "within_20ms", b.within(20), "within_50ms", b.within(50), "aligned_words", b.tokens(),
                "aligned_words_without_true_word", b.unmatchedTokens());
    }

    private static <T> Map<String, Object> split(Map<Boolean, T> byHeldOut, java.util.function.Function<T, Map<String, ?>> f) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("held_out", new java.util.TreeMap<>(f.apply(byHeldOut.get(true))));
        m.put("training", new java.util.TreeMap<>(f.apply(byHeldOut.get(false))));
        return m;
    }

    /** The summary table: one row per measured figure, held-out and training recordings side by side. */
    public String table() {
        StringBuilder b = new StringBuilder();
        String row = "%-14s %-56s %-20s %-20s%n";
        b.append(String.format(Locale.ROOT, row, "stage", "figure", "held out", "training"));
        b.append("-".repeat(112)).append('\n');
        var th = transcription.get(true);
        var tt = transcription.get(false);
        b.append(String.format(Locale.ROOT, row, "transcribe", "CER / WER (beam search + book LM)",
                f("%.3f / %.3f", th.cer(), th.wer()), f("%.3f / %.3f", tt.cer(), tt.wer())));
        var mh = matching.get(true);
        var mt = matching.get(false);
        b.append(String.format(Locale.ROOT, row, "match+refine", "pieces with span IoU >= 0.9 (mean IoU)",
                mh.atLeast90() + "/" + mh.pieces() + f(" (%.3f)", mh.meanIou()), mt.atLeast90() + "/" + mt.pieces() + f(" (%.3f)", mt.meanIou())));
        b.append(String.format(Locale.ROOT, row, "", "passages located: pieces' spans joined, IoU >= 0.9 (mean)",
                mh.passagesLocated() + "/" + mh.recordings() + f(" (%.3f)", mh.meanPassageIou()),
                mt.passagesLocated() + "/" + mt.recordings() + f(" (%.3f)", mt.meanPassageIou())));
        b.append(String.format(Locale.ROOT, row, "", "recordings with every piece at IoU >= 0.9",
                mh.recordingsLocated() + "/" + mh.recordings(), mt.recordingsLocated() + "/" + mt.recordings()));
        var bh = matchingBeforeRefine.get(true);
        var bt = matchingBeforeRefine.get(false);
        b.append(String.format(Locale.ROOT, row, "", "  by the transcripts alone (match, before locate/refine)",
                bh.passagesLocated() + "/" + bh.recordings() + f(" (%.3f)", bh.meanPassageIou()),
                bt.passagesLocated() + "/" + bt.recordings() + f(" (%.3f)", bt.meanPassageIou())));
        boundaryRows(b, row, "align", "pipeline text", boundaries);
        boundaryRows(b, row, "align", "true text", boundariesTrueText);
        retrievalRows(b, row, "pretrain+eval", "pipeline", retrieval);
        retrievalRows(b, row, "", "true", retrievalTrueText);
        return b.toString();
    }

    private static void retrievalRows(StringBuilder b, String row, String stage, String text, JsonNode e) {
        b.append(String.format(Locale.ROOT, row, stage, "text->audio accuracy, held-out voice, " + text + " text (chance)",
                f("%.3f (%.3f) = %.2fx", e.path("t2a_accuracy").asDouble(), e.path("chance").asDouble(), overChance(e)), ""));
        b.append(String.format(Locale.ROOT, row, "", "  audio->text accuracy; groups, examples",
                f("%.3f; %d, %d", e.path("a2t_accuracy").asDouble(), e.path("batches").asInt(), e.path("examples").asInt()), ""));
    }

    private static void boundaryRows(StringBuilder b, String row, String stage, String text, Map<Boolean, DemoScorer.Boundaries> m) {
        var bh = m.get(true);
        var bt = m.get(false);
        b.append(String.format(Locale.ROOT, row, stage, "word-boundary error, " + text + ", mean / median (ms)",
                f("%.1f / %.1f", bh.mean(), bh.median()), f("%.1f / %.1f", bt.mean(), bt.median())));
        b.append(String.format(Locale.ROOT, row, "", "  boundaries within 20 / 50 ms",
                f("%.1f%% / %.1f%%", 100 * bh.within(20), 100 * bh.within(50)), f("%.1f%% / %.1f%%", 100 * bt.within(20), 100 * bt.within(50))));
        b.append(String.format(Locale.ROOT, row, "", "  boundaries scored (aligned words)",
                bh.errorsMs().length + " (" + bh.tokens() + ")", bt.errorsMs().length + " (" + bt.tokens() + ")"));
    }

    /** The one-line summary that ends the command. */
    public String line() {
        StringBuilder s = new StringBuilder("demo: ").append(f("%.0f s", seconds)).append(" (");
        for (int i = 0; i < stages.size(); i++) s.append(i == 0 ? "" : ", ").append(stages.get(i).name()).append(f(" %.0f", stages.get(i).seconds()));
        var th = transcription.get(true);
        var mh = matching.get(true);
        var bh = boundaries.get(true);
        var bth = boundariesTrueText.get(true);
        return s.append(" s); held out: CER ").append(f("%.3f", th.cer())).append(", passages located ").append(mh.passagesLocated()).append('/')
                .append(mh.recordings()).append(", boundary error ").append(f("%.1f ms (%.1f%% within 50 ms)", bh.mean(), 100 * bh.within(50)))
                .append(f(", with the true text %.1f ms (%.1f%%)", bth.mean(), 100 * bth.within(50)))
                .append(", text->audio ").append(f("%.2fx chance (true text %.2fx)", overChance(retrieval), overChance(retrievalTrueText)))
                .append("; report ").append("report.json").toString();
    }

    private static String f(String fmt, Object... args) { return String.format(Locale.ROOT, fmt, args); }
}
