package org.aubert.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.aubert.core.audio.Audio;
import org.aubert.core.audio.AudioWriter;
import org.aubert.core.audio.WavEncoding;
import org.aubert.data.alignment.AlignmentFile;
import org.aubert.data.alignment.Utterance;

/**
 * {@code aubert locate} end to end with the tiny wav2vec2 CTC fixture (random weights, so where the audio lands is
 * arbitrary; what is checked is everything else: grouping, spans kept inside the book and in piece order, markers,
 * missing audio, the loss threshold, resume and bad input).
 */
class LocateCommandTest {
    @TempDir Path tmp;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        out.getBuffer().setLength(0);
        return CliRun.run(out, err, args);
    }

    @Test
    void placesRecordingsKeepsTheRestAndReportsByName() throws Exception {
        Path model = Path.of(getClass().getResource("/testdata/oracles/models/wav2vec2_base_ctc_tiny").toURI());
        Random r = new Random(9);
        Path audio = Files.createDirectories(tmp.resolve("cut/100/740/rec"));
        AudioWriter.writeWav(audio.resolve("rec_0000.wav"), Audio.mono(AlignCommandTest.speechLike(r, 32000), 16000), WavEncoding.PCM_16);
        AudioWriter.writeFlac(audio.resolve("rec_0001.flac"), Audio.mono(AlignCommandTest.speechLike(r, 24000), 16000));
        AudioWriter.writeWav(audio.getParent().resolve("single.wav"), Audio.mono(AlignCommandTest.speechLike(r, 20000), 16000), WavEncoding.PCM_16);
        String raw = "Once upon a time there was a little boy who lived by the sea. He liked boats and the wind. "
                + "Every morning he walked down to the harbour and watched the fishermen mend their nets in the sun.";
        List<Utterance> us = List.of(
                new Utterance("100/740/rec/rec_0000.wav", "once upon a time", "100", 0, 16, 0.9),
                new Utterance("100/740/rec/rec_0001.flac", "there was a little boy", "100", 17, 39, 0.9),
                new Utterance("100/740/single.wav", "he liked boats", "100", 63, 77, 0.8),
                new Utterance("100/740/gone/gone_0000.flac", "every morning", "100", 91, 104, 0.7));
        Path in = Files.createDirectories(tmp.resolve("matched"));
        new AlignmentFile("book.txt", raw, us).write(in.resolve("book.txt.align.json"));
        Files.writeString(in.resolve("broken.align.json"), "{\"raw\": ");
        Path located = tmp.resolve("located");
        String[] args = {"locate", "--input-dir", in.toString(), "--audio-root", tmp.resolve("cut").toString(), "--model", model.toString(),
                "--output-dir", located.toString(), "--whole-book", "--threads", "2", "--max-loss-per-frame", "100"};

        assertEquals(0, run(args), err.toString());
        assertTrue(out.toString().startsWith("locate: 2 of 3 recordings placed by their audio (")
                && out.toString().contains("0 fit no place, 1 with missing or unreadable audio; 1 files written, 0 skipped (output exists), "
                + "1 unreadable"), out.toString());
        AlignmentFile f = AlignmentFile.read(located.resolve("book.txt.align.json"));
        assertEquals(raw, f.raw());
        assertEquals(4, f.utterances().size());
        for (int i = 0; i < 3; i++) {
            Utterance u = f.utterances().get(i);
            assertEquals(us.get(i).fname(), u.fname());
            assertEquals(us.get(i).utterance(), u.utterance(), "the transcript stays");
            assertTrue(0 <= u.startIdx() && u.startIdx() < u.endIdx() && u.endIdx() <= raw.length(), u.toString());
            assertTrue(u.similarity() >= 0 && u.similarity() <= 1);
            if (u.extra().containsKey("anchored")) {
                assertEquals(Boolean.TRUE, u.extra().get("anchored"));
                assertTrue(((Number) u.extra().get("located_loss_per_frame")).doubleValue() >= 0);
            }
        }
        Utterance first = f.utterances().get(0), second = f.utterances().get(1);
        if (first.extra().containsKey("anchored") && second.extra().containsKey("anchored")) {
            assertTrue(first.endIdx() <= second.startIdx(), "pieces of a recording come out in order: " + first + " " + second);
        }
        assertEquals(us.get(3), f.utterances().get(3), "missing audio: kept as matched");
        assertTrue(f.utterances().get(3).extra().isEmpty());

        // resume: the output is kept
        assertEquals(0, run(args));
        assertTrue(out.toString().contains("0 files written, 1 skipped (output exists)"), out.toString());

        // a path that must fit far better than the greedy one: nothing is placed and nothing moves
        String[] strict = args.clone();
        strict[java.util.Arrays.asList(args).indexOf("--max-loss-per-frame") + 1] = "1e-9";
        strict[java.util.Arrays.asList(args).indexOf("--output-dir") + 1] = tmp.resolve("strict").toString();
        assertEquals(0, run(strict), err.toString());
        assertTrue(out.toString().startsWith("locate: 0 of 3 recordings placed by their audio (0 utterance spans changed), 2 fit no place"),
                out.toString());
        assertEquals(us, AlignmentFile.read(tmp.resolve("strict/book.txt.align.json")).utterances());

        // bad options and inputs are refused by name
        assertEquals(1, run("locate", "--input-dir", in.toString(), "--audio-root", tmp.resolve("cut").toString(), "--model", model.toString(),
                "--output-dir", tmp.resolve("x").toString(), "--candidates", "0"));
        assertTrue(err.toString().contains("--candidates must be >= 1"), err.toString());
        assertEquals(1, run("locate", "--input-dir", tmp.resolve("absent").toString(), "--audio-root", tmp.resolve("cut").toString(),
                "--model", model.toString(), "--output-dir", tmp.resolve("x").toString()));
        assertTrue(err.toString().contains("absent"), err.toString());
        assertFalse(Files.exists(tmp.resolve("x/book.txt.align.json")));
        assertEquals(Map.of(), us.get(0).extra());
    }
}
