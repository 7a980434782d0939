package org.aubert.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.aubert.data.align.BoundaryCalibration;
import org.aubert.data.alignment.AlignmentFile;
import org.aubert.data.alignment.Utterance;
import org.aubert.data.alignment.WordTiming;

/**
 * {@code aubert calibrate-boundaries} end to end on synthetic alignments whose true boundaries sit at a known
 * per-letter offset from the midpoint of the gap between the spike times.
 */
class CalibrateBoundariesCommandTest {
    @TempDir Path tmp;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        out.getBuffer().setLength(0);
        err.getBuffer().setLength(0);
        return CliRun.run(out, err, args);
    }

    private static final String[] WORDS = {"the", "cat", "sat", "on", "mat", "with", "his", "hat", "she", "is", "at", "ease", "a",
            "big", "dog", "went"};
    /** How far before the gap's midpoint the words really meet when the previous word ends in 't'. */
    private static final double T_OFFSET_MS = -10;
    private static final Pattern ERRORS = Pattern.compile("boundary error at the midpoint ([0-9.]+) ms, calibrated ([0-9.]+) ms \\(fitted\\) "
            + "/ ([0-9.]+) ms \\(leave-one-speaker-out\\)");

    /**
     * A book read by {@code speakers} speakers, {@code perSpeaker} utterances each of {@code wordsPer} words: the CTC
     * alignment with its spike times (neighbouring words 30-90 ms apart, never touching) and a reference whose words
     * meet at the gap's midpoint, {@link #T_OFFSET_MS} earlier after a word ending in 't', plus ~1 ms of noise. In
     * every utterance the reference has a pause between words 3 and 4; the first utterance's reference lacks word 5;
     * word 1's token carries a comma (inside the aligned word's char span, outside the reference's). The aligned side
     * also has an utterance the reference lacks.
     *
     * @param midpointErrors gets |midpoint - reference boundary| of each usable gap
     */
    private record Corpus(String raw, List<Utterance> spikes, List<Utterance> reference, List<Double> midpointErrors) {
        AlignmentFile spikeFile() { return new AlignmentFile("book", raw, spikes); }

        AlignmentFile referenceFile() { return new AlignmentFile("book", raw, reference); }

        double midpointError() { return midpointErrors.stream().mapToDouble(Double::doubleValue).average().orElseThrow(); }
    }

    private static Corpus corpus(int speakers, int perSpeaker, int wordsPer, long seed) {
        Random r = new Random(seed);
        StringBuilder raw = new StringBuilder();
        List<Utterance> spikes = new ArrayList<>();
        List<Utterance> reference = new ArrayList<>();
        List<Double> midpointErrors = new ArrayList<>();
        for (int s = 0; s < speakers; s++) {
            String speaker = String.valueOf(100 + s);
            for (int u = 0; u < perSpeaker; u++) {
                String fname = speaker + "/740/" + speaker + "_740_" + u + ".flac";
                int startIdx = raw.length();
                String[] words = new String[wordsPer];
                int[] charStart = new int[wordsPer];
                int[] tokenEnd = new int[wordsPer];
                for (int k = 0; k < wordsPer; k++) {
                    words[k] = WORDS[r.nextInt(WORDS.length)];
                    String token = words[k] + (k == 1 ? "," : "");
                    if (k > 0) raw.append(' ');
                    charStart[k] = raw.length();
                    raw.append(token);
                    tokenEnd[k] = raw.length();
                }
                int endIdx = raw.length();
                raw.append(' ');
                long[] spikeStart = new long[wordsPer];
                long[] spikeEnd = new long[wordsPer];
                long t = 200 + r.nextInt(100);
                for (int k = 0; k < wordsPer; k++) {
                    spikeStart[k] = t;
                    spikeEnd[k] = t + 60 + r.nextInt(140);
                    t = spikeEnd[k] + (k == 3 ? 250 : 30 + r.nextInt(61));
                }
                long[] refStart = new long[wordsPer];
                long[] refEnd = new long[wordsPer];
                refStart[0] = spikeStart[0] - 30;
                refEnd[wordsPer - 1] = spikeEnd[wordsPer - 1] + 40;
                for (int k = 0; k + 1 < wordsPer; k++) {
                    double mid = (spikeEnd[k] + spikeStart[k + 1]) / 2.0;
                    if (k == 3) { // a pause in the reference: the placer finds it in the audio, calibration must not learn from it
                        refEnd[k] = spikeEnd[k] + 20;
                        refStart[k + 1] = spikeStart[k + 1] - 20;
                        continue;
                    }
                    long boundary = Math.round(mid + (words[k].endsWith("t") ? T_OFFSET_MS : 0) + r.nextGaussian());
                    refEnd[k] = refStart[k + 1] = boundary;
                    boolean missing = s == 0 && u == 0 && (k == 4 || k == 5);
                    if (!missing) midpointErrors.add(Math.abs(mid - boundary));
                }
                List<WordTiming> sw = new ArrayList<>();
                List<WordTiming> rw = new ArrayList<>();
                for (int k = 0; k < wordsPer; k++) {
                    sw.add(new WordTiming(words[k], charStart[k], tokenEnd[k], spikeStart[k], spikeEnd[k]));
                    if (!(s == 0 && u == 0 && k == 5)) {
                        rw.add(new WordTiming(words[k], charStart[k], charStart[k] + words[k].length(), refStart[k], refEnd[k]));
                    }
                }
                spikes.add(new Utterance(fname, "asr", speaker, startIdx, endIdx, 0.9, sw, Map.of()));
                reference.add(new Utterance(fname, "asr", speaker, startIdx, endIdx, 0.9, rw, Map.of()));
            }
        }
        // An aligned utterance the reference does not have: not counted anywhere.
        Utterance first = spikes.get(0);
        spikes.add(new Utterance("999/740/orphan.flac", "asr", "999", first.startIdx(), first.endIdx(), 0.9, first.words(), Map.of()));
        return new Corpus(raw.toString(), spikes, reference, midpointErrors);
    }

    /** 3 speakers x 20 utterances x 8 words: 420 pairs, 60 with a reference pause, 2 with the missing word, 358 gaps. */
    private static Corpus standard() { return corpus(3, 20, 8, 7); }

    private Path write(AlignmentFile f, String name) throws IOException {
        Path p = tmp.resolve(name);
        Files.createDirectories(p.getParent());
        f.write(p);
        return p;
    }

    @Test
    void learnsThePerLetterOffsetAndReportsTheErrors() throws Exception {
        Corpus c = standard();
        Path spikes = write(c.spikeFile(), "spikes.align.json");
        Path reference = write(c.referenceFile(), "reference.align.json");
        Path output = tmp.resolve("cal/sub/boundaries.json"); // folders are created

        assertEquals(0, run("calibrate-boundaries", "--alignments", spikes.toString(), "--reference", reference.toString(),
                "--output", output.toString()), err.toString());
        assertTrue(Files.isRegularFile(output), "no calibration written");
        BoundaryCalibration cal = BoundaryCalibration.read(output);
        assertEquals(358, cal.gaps());
        assertEquals(10, cal.ridge());
        // Words ending in 't' meet 10 ms before the midpoint, the others at it (ridge shrinkage costs < 1 ms here).
        for (String next : List.of("on", "she", "the")) {
            for (double gap : new double[] {40, 80}) {
                double t = cal.shiftMs("cat", next, gap);
                double other = cal.shiftMs("his", next, gap);
                assertEquals(T_OFFSET_MS, t - other, 1.5, "cat vs his before " + next + ": " + cal);
                // "nt" is rarer than "at" (1 word of 16 vs 5), so ridge shrinks its offset more
                assertEquals(T_OFFSET_MS, cal.shiftMs("went", next, gap) - cal.shiftMs("dog", next, gap), 2.5, cal.toString());
                assertEquals(0, other, 1.5, "his before " + next + ": " + cal);
                assertEquals(T_OFFSET_MS, t, 1.5, "cat before " + next + ": " + cal);
            }
        }
        assertTrue(Math.abs(cal.msPer100MsGap()) < 2, "the gap's length does not matter here: " + cal);
        // the comma of "cat," is outside the aligned word's text, so no offset is learnt for it
        assertFalse(cal.offsetsMs().keySet().stream().anyMatch(k -> k.contains(",")), cal.offsetsMs().toString());

        String summary = out.toString().strip();
        assertTrue(summary.startsWith("calibrate-boundaries: 358 gaps from 60 utterances (420 word pairs, 60 with a reference pause, "
                + "2 with words the reference lacks), " + cal.offsetsMs().size() + " letter offsets; "), summary);
        assertTrue(summary.endsWith("wrote " + output), summary);
        Matcher m = ERRORS.matcher(summary);
        assertTrue(m.find(), summary);
        double midpoint = Double.parseDouble(m.group(1));
        double fitted = Double.parseDouble(m.group(2));
        double crossValidated = Double.parseDouble(m.group(3));
        assertEquals(String.format(Locale.ROOT, "%.2f", c.midpointError()), m.group(1), "midpoint error over the usable gaps");
        assertTrue(midpoint > 4, summary);
        assertTrue(fitted < 1.5 && crossValidated >= fitted - 0.005 && crossValidated < 2, summary);
        assertEquals("", err.toString());

        // Run again onto the same output: replaced, same calibration (the fit is deterministic).
        String first = Files.readString(output);
        assertEquals(0, run("calibrate-boundaries", "--alignments", spikes.toString(), "--reference", reference.toString(),
                "--output", output.toString()), err.toString());
        assertEquals(first, Files.readString(output));
        try (var files = Files.list(output.getParent())) {
            assertEquals(List.of(output), files.toList(), "only the calibration, no temporary file");
        }

        // A larger ridge shrinks the letter offsets; --max-reference-gap-ms 1000 lets the reference pauses in as gaps.
        Path loose = tmp.resolve("loose.json");
        assertEquals(0, run("calibrate-boundaries", "--alignments", spikes.toString(), "--reference", reference.toString(),
                "--output", loose.toString(), "--ridge", "1000", "--max-reference-gap-ms", "1000"), err.toString());
        assertTrue(out.toString().startsWith("calibrate-boundaries: 418 gaps from 60 utterances (420 word pairs, 0 with a reference pause, "
                + "2 with words the reference lacks)"), out.toString());
        BoundaryCalibration shrunk = BoundaryCalibration.read(loose);
        assertEquals(1000, shrunk.ridge());
        assertTrue(Math.abs(shrunk.shiftMs("cat", "on", 60) - shrunk.shiftMs("his", "on", 60)) < 8, shrunk.toString());
    }

    @Test
    void foldersOfAlignmentFilesGiveTheSameCalibrationAsSingleFiles() throws Exception {
        Corpus c = standard();
        Path spikes = write(c.spikeFile(), "spikes.align.json");
        Path reference = write(c.referenceFile(), "reference.align.json");
        Path fromFiles = tmp.resolve("files.json");
        assertEquals(0, run("calibrate-boundaries", "--alignments", spikes.toString(), "--reference", reference.toString(),
                "--output", fromFiles.toString()), err.toString());
        String filesSummary = out.toString();

        // The alignments split over two books in a folder (read in name order: the same utterance order), next to a file
        // that is not an alignment; the reference split the other way round.
        List<Utterance> us = c.spikes();
        write(new AlignmentFile("book", c.raw(), us.subList(0, 25)), "spike-dir/a.align.json");
        write(new AlignmentFile("book", c.raw(), us.subList(25, us.size())), "spike-dir/b.align.json");
        Files.writeString(tmp.resolve("spike-dir/notes.json"), "not an alignment file");
        write(new AlignmentFile("book", c.raw(), c.reference().subList(40, 60)), "reference-dir/a.align.json");
        write(new AlignmentFile("book", c.raw(), c.reference().subList(0, 40)), "reference-dir/b.align.json");
        Path fromFolders = tmp.resolve("folders.json");
        assertEquals(0, run("calibrate-boundaries", "--alignments", tmp.resolve("spike-dir").toString(), "--reference",
                tmp.resolve("reference-dir").toString(), "--output", fromFolders.toString()), err.toString());
        assertEquals(Files.readString(fromFiles), Files.readString(fromFolders));
        assertEquals(filesSummary.replace(fromFiles.toString(), "OUT"), out.toString().replace(fromFolders.toString(), "OUT"));

        // A folder and a file mix too.
        Path mixed = tmp.resolve("mixed.json");
        assertEquals(0, run("calibrate-boundaries", "--alignments", tmp.resolve("spike-dir").toString(), "--reference",
                reference.toString(), "--output", mixed.toString()), err.toString());
        assertEquals(Files.readString(fromFiles), Files.readString(mixed));
    }

    @Test
    void oneSpeakerFitsButHasNoLeaveOneSpeakerOutError() throws Exception {
        Corpus c = corpus(1, 40, 8, 3); // 280 pairs, 40 paused, 2 unmatched: 238 gaps
        Path spikes = write(c.spikeFile(), "spikes.align.json");
        Path reference = write(c.referenceFile(), "reference.align.json");
        Path output = tmp.resolve("one.json");
        assertEquals(0, run("calibrate-boundaries", "--alignments", spikes.toString(), "--reference", reference.toString(),
                "--output", output.toString()), err.toString());
        assertTrue(out.toString().startsWith("calibrate-boundaries: 238 gaps from 40 utterances"), out.toString());
        assertTrue(out.toString().contains("(fitted) / n/a, one speaker (leave-one-speaker-out)"), out.toString());
        assertEquals(238, BoundaryCalibration.read(output).gaps());
    }

    /** Runs the command, expects it to fail on bad input with {@code message} on stderr and no file written. */
    private void assertRefused(String message, Path spikes, Path reference, String... extra) throws IOException {
        Path outDir = Files.createDirectories(tmp.resolve("refused-out"));
        Path output = outDir.resolve("boundaries.json");
        List<String> args = new ArrayList<>(List.of("calibrate-boundaries", "--alignments", spikes.toString(), "--reference",
                reference.toString(), "--output", output.toString()));
        args.addAll(List.of(extra));
        assertEquals(ErrorHandler.EXIT_BAD_INPUT, run(args.toArray(String[]::new)), "should be refused: " + args + "\n" + out);
        assertTrue(err.toString().startsWith("calibrate-boundaries: error: ") && err.toString().contains(message),
                "expected '" + message + "' in: " + err);
        assertFalse(err.toString().contains("\tat "), "a clear line, no stack trace: " + err);
        assertEquals("", out.toString());
        try (var files = Files.list(outDir)) {
            assertEquals(List.of(), files.toList(), "nothing written on failure");
        }
    }

    @Test
    void placedBoundariesAreRefusedAskingForTheSpikeTimes() throws Exception {
        Corpus c = standard();
        Path reference = write(c.referenceFile(), "reference.align.json");
        // the reference as the alignment: neighbouring words meet, as after energy placement
        assertRefused("--boundaries ctc", reference, reference);
        assertRefused("neighbouring aligned words meet exactly", reference, reference);
    }

    @Test
    void referenceWithoutMatchingUtterancesIsRefused() throws Exception {
        Corpus c = standard();
        Path spikes = write(c.spikeFile(), "spikes.align.json");
        List<Utterance> renamed = c.reference().stream().map(u -> new Utterance("other/" + u.fname(), u.utterance(), u.speakerId(),
                u.startIdx(), u.endIdx(), u.similarity(), u.words(), u.extra())).toList();
        Path reference = write(new AlignmentFile("book", c.raw(), renamed), "renamed.align.json");
        assertRefused("no aligned utterance has a reference utterance with words of the same fname", spikes, reference);
        // a reference that was never aligned (no words) is refused as such
        List<Utterance> wordless = c.reference().stream().map(u -> u.withWords(null)).toList();
        Path bare = write(new AlignmentFile("book", c.raw(), wordless), "bare.align.json");
        assertRefused("the reference holds no utterance with words", spikes, bare);
    }

    @Test
    void tooFewGapsAreRefusedUnlessMinGapsIsLowered() throws Exception {
        Corpus c = corpus(2, 3, 8, 11); // 42 pairs, 6 paused, 2 unmatched: 34 gaps
        Path spikes = write(c.spikeFile(), "spikes.align.json");
        Path reference = write(c.referenceFile(), "reference.align.json");
        assertRefused("only 34 usable gaps (42 word pairs in 6 utterances: 6 with a reference pause, 2 with words the reference lacks); "
                + "--min-gaps is 200", spikes, reference);
        assertRefused("--min-gaps is 35", spikes, reference, "--min-gaps", "35");
        Path output = tmp.resolve("few.json");
        assertEquals(0, run("calibrate-boundaries", "--alignments", spikes.toString(), "--reference", reference.toString(),
                "--output", output.toString(), "--min-gaps", "34"), err.toString());
        assertEquals(34, BoundaryCalibration.read(output).gaps());
    }

    @Test
    void missingOrUnreadableInputsAreRefusedNamingThePath() throws Exception {
        Corpus c = standard();
        Path spikes = write(c.spikeFile(), "spikes.align.json");
        Path reference = write(c.referenceFile(), "reference.align.json");
        Path absent = tmp.resolve("absent.align.json");
        assertRefused("--alignments " + absent + " is neither a file nor a folder", absent, reference);
        assertRefused("--reference " + absent + " is neither a file nor a folder", spikes, absent);
        Path empty = Files.createDirectories(tmp.resolve("empty"));
        Files.writeString(empty.resolve("notes.json"), "{}");
        assertRefused("--alignments " + empty + " holds no *.align.json files", empty, reference);
        assertRefused("--reference " + empty + " holds no *.align.json files", spikes, empty);
        Path broken = tmp.resolve("broken.align.json");
        Files.writeString(broken, "{\"raw\": ");
        assertRefused(broken + ": not valid JSON", broken, reference);
        assertRefused(broken + ": not valid JSON", spikes, broken);
    }

    @Test
    void badOptionValuesAreRefused() throws Exception {
        Corpus c = standard();
        Path spikes = write(c.spikeFile(), "spikes.align.json");
        Path reference = write(c.referenceFile(), "reference.align.json");
        assertRefused("--ridge must be > 0, got 0.0", spikes, reference, "--ridge", "0");
        assertRefused("--ridge must be > 0, got -1.0", spikes, reference, "--ridge", "-1");
        assertRefused("--ridge must be > 0, got NaN", spikes, reference, "--ridge", "NaN");
        assertRefused("--max-reference-gap-ms must be >= 0, got -1.0", spikes, reference, "--max-reference-gap-ms", "-1");
        assertRefused("--min-gaps must be >= 2, got 1", spikes, reference, "--min-gaps", "1");
        // a missing required option is a usage error (picocli's exit status 2), not a bad-input one
        assertEquals(2, run("calibrate-boundaries", "--alignments", spikes.toString(), "--reference", reference.toString()));
        assertTrue(err.toString().contains("--output"), err.toString());
    }

    /**
     * With {@code --audio-root} the spike times are placed in their audio and the word edges at a silence are
     * calibrated too: tone-burst "words" in faint noise, three run together, a 300 ms pause, three more; the reference
     * puts every word's end 25 ms after its burst stops (a sound fading out) and its start at the burst's onset.
     */
    @Test
    void audioRootFitsTheShiftsOfWordEdgesAtASilence() throws IOException {
        int rate = 16000;
        Random r = new Random(5);
        StringBuilder raw = new StringBuilder();
        List<Utterance> spikes = new ArrayList<>();
        List<Utterance> reference = new ArrayList<>();
        Path audio = Files.createDirectories(tmp.resolve("audio"));
        for (int u = 0; u < 12; u++) {
            String fname = "u" + u + ".wav";
            float[] x = new float[2400 * rate / 1000];
            for (int i = 0; i < x.length; i++) x[i] = (float) (1e-3 * r.nextGaussian());
            List<WordTiming> sw = new ArrayList<>();
            List<WordTiming> rw = new ArrayList<>();
            int startIdx = raw.length();
            long t = 200;
            for (int w = 0; w < 6; w++) {
                if (w == 3) t += 300;
                long len = 180 + r.nextInt(120);
                for (int i = (int) (t * rate / 1000); i < (t + len) * rate / 1000; i++) x[i] += (float) (0.3 * Math.sin(2 * Math.PI * 200 * i / rate));
                String word = WORDS[r.nextInt(WORDS.length)];
                int cs = raw.length();
                raw.append(word).append(' ');
                sw.add(new WordTiming(word, cs, cs + word.length(), t + 30, t + len - 30));
                rw.add(new WordTiming(word, cs, cs + word.length(), t, t + len + 25));
                t += len;
            }
            spikes.add(new Utterance(fname, raw.substring(startIdx), "s" + (u % 2), startIdx, raw.length(), 1.0).withWords(sw));
            reference.add(new Utterance(fname, raw.substring(startIdx), "s" + (u % 2), startIdx, raw.length(), 1.0).withWords(rw));
            org.aubert.core.audio.AudioWriter.writeWav(audio.resolve(fname), org.aubert.core.audio.Audio.mono(x, rate),
                    org.aubert.core.audio.WavEncoding.PCM_16);
        }
        Path a = tmp.resolve("spikes.align.json");
        Path ref = tmp.resolve("ref.align.json");
        new AlignmentFile("book", raw.toString(), spikes).write(a);
        new AlignmentFile("book", raw.toString(), reference).write(ref);
        Path cal = tmp.resolve("cal.json");
        // the reference's words overlap by 25 ms (end after the next start): every pair counts as meeting
        assertEquals(0, run("calibrate-boundaries", "--alignments", a.toString(), "--reference", ref.toString(), "--audio-root", audio.toString(),
                "--output", cal.toString(), "--min-gaps", "10"), err.toString());
        assertTrue(out.toString().contains("word edges at a silence: ends +"), out.toString());
        BoundaryCalibration c = BoundaryCalibration.read(cal);
        assertEquals(25, c.silenceEndMs(), 8, "ends 25 ms after the burst: " + out);
        assertEquals(0, c.silenceStartMs(), 8, "starts at the burst: " + out);
        // without --audio-root the silence shifts stay 0
        assertEquals(0, run("calibrate-boundaries", "--alignments", a.toString(), "--reference", ref.toString(), "--output", cal.toString(),
                "--min-gaps", "10"), err.toString());
        assertEquals(0, BoundaryCalibration.read(cal).silenceEndMs());
        // a missing audio file is named
        Files.delete(audio.resolve("u3.wav"));
        assertEquals(ErrorHandler.EXIT_BAD_INPUT, run("calibrate-boundaries", "--alignments", a.toString(), "--reference", ref.toString(),
                "--audio-root", audio.toString(), "--output", tmp.resolve("other.json").toString(), "--min-gaps", "10"));
        assertTrue(err.toString().contains("u3.wav"), err.toString());
        assertFalse(Files.exists(tmp.resolve("other.json")));
    }
}
