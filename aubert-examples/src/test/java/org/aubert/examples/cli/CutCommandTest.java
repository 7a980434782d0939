package org.aubert.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.aubert.core.audio.Audio;
import org.aubert.core.audio.AudioReader;
import org.aubert.core.audio.AudioWriter;

/** {@code aubert cut} on a small libri-light tree made here: meta and energy VAD, resume, bad input. */
class CutCommandTest {
    @TempDir Path tmp;
    final StringWriter out = new StringWriter();
    final StringWriter err = new StringWriter();

    private int run(String... args) {
        return CliRun.run(out, err, args);
    }

    /** 8 s: buzz bursts (150 Hz and its first 10 harmonics, like voiced speech) at 1-3 s and 4.5-7 s in faint noise. */
    private static float[] bursts() {
        Random r = new Random(9);
        float[] x = new float[8 * 16000];
        for (int i = 0; i < x.length; i++) {
            double t = i / 16000.0;
            boolean on = (t >= 1 && t < 3) || (t >= 4.5 && t < 7);
            double buzz = 0;
            for (int h = 1; h <= 10; h++) buzz += Math.sin(2 * Math.PI * 150 * h * t) / h;
            x[i] = (float) (0.002 * r.nextGaussian() + (on ? 0.05 * buzz : 0));
        }
        return x;
    }

    @Test
    void cutsWithMetaOrEnergyVadAndResumes() throws Exception {
        Path book = tmp.resolve("in/7/42");
        Files.createDirectories(book);
        AudioWriter.writeFlac(book.resolve("ch1.flac"), Audio.mono(bursts(), 16000));
        Files.writeString(book.resolve("ch1.json"), "{\"voice_activity\": [[1.0, 3.0], [4.5, 7.0]]}");
        Path o = tmp.resolve("out");
        assertEquals(0, run("cut", "--input-dir", tmp.resolve("in").toString(), "--output-dir", o.toString(), "--target-len-sec", "3"), err.toString());
        assertTrue(out.toString().contains("cut: 1 files: 1 cut into 2 pieces (4.5 s kept of 8.0 s), 0 skipped (output exists), 0 failed"), out.toString());
        assertEquals(2.0, AudioReader.read(o.resolve("7/42/ch1/ch1_0000.flac")).durationSeconds(), 1e-9);
        assertEquals(2.5, AudioReader.read(o.resolve("7/42/ch1/ch1_0001.flac")).durationSeconds(), 1e-9);

        assertEquals(0, run("cut", "--input-dir", tmp.resolve("in").toString(), "--output-dir", o.toString()));
        assertTrue(out.toString().contains("1 skipped (output exists)"), out.toString());

        Path e = tmp.resolve("energy");
        assertEquals(0, run("cut", "--input-dir", tmp.resolve("in").toString(), "--output-dir", e.toString(), "--vad", "energy"), err.toString());
        JsonNode side = new ObjectMapper().readTree(e.resolve("7/42/ch1/ch1_0000.json").toFile());
        assertEquals(2, side.get("runs").size(), side.toString());
        assertEquals(1.0, side.get("runs").get(0).get(1).asDouble(), 0.05);
        assertEquals(4.5, side.get("runs").get(1).get(1).asDouble(), 0.05);
    }

    @Test
    void badFilesAreNamedCountedAndTheRestIsCut() throws Exception {
        Path book = tmp.resolve("in/7/42");
        Files.createDirectories(book);
        AudioWriter.writeFlac(book.resolve("ok.flac"), Audio.mono(bursts(), 16000));
        Files.writeString(book.resolve("ok.json"), "{\"voice_activity\": [[1.0, 3.0]]}");
        AudioWriter.writeFlac(book.resolve("bad.flac"), Audio.mono(bursts(), 16000));
        Files.writeString(book.resolve("bad.json"), "{\"voice_activity\": [[1.0]]}");
        Files.writeString(book.resolve("noise.flac"), "not audio at all");
        Files.writeString(book.resolve("noise.json"), "{\"voice_activity\": [[1.0, 2.0]]}");
        Path o = tmp.resolve("out");
        assertEquals(1, run("cut", "--input-dir", tmp.resolve("in").toString(), "--output-dir", o.toString()));
        assertTrue(out.toString().contains("cut: 3 files: 1 cut into 1 pieces"), out.toString());
        assertTrue(out.toString().contains("2 failed"), out.toString());
        assertTrue(err.toString().contains("bad.json: key 'voice_activity[0]' must be [start_s, end_s]"), err.toString());
        assertTrue(err.toString().contains("noise.flac: not a WAV or FLAC file"), err.toString());
        assertTrue(Files.exists(o.resolve("7/42/ok/ok_0000.flac")));
        assertFalse(Files.exists(o.resolve("7/42/bad")));
        assertFalse(Files.exists(o.resolve("7/42/noise")));

        assertEquals(1, run("cut", "--input-dir", tmp.resolve("absent").toString(), "--output-dir", o.toString()));
        assertTrue(err.toString().contains("absent: input folder does not exist"), err.toString());
        assertEquals(1, run("cut", "--input-dir", tmp.resolve("in").toString(), "--output-dir", o.toString(), "--vad", "webrtc"));
        assertTrue(err.toString().contains("--vad must be meta or energy"), err.toString());
    }
}
