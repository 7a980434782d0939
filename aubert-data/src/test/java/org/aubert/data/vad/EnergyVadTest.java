package org.aubert.data.vad;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import org.aubert.core.audio.Audio;
import org.aubert.core.audio.AudioReader;

/**
 * Frame accuracy (10 ms frames) of {@link EnergyVad} with default settings against the known speech spans of the
 * synthetic fixture made by tools/vad/make_vad_fixture.py (espeak-ng and festival voices, speech at -20 dBFS RMS,
 * pink noise at -45 dBFS).
 */
class EnergyVadTest {
    static final double HOP = 0.010;

    @Test
    void frameAccuracyOnSyntheticSpeechInPinkNoise() throws Exception {
        Path dir = Path.of(getClass().getResource("/vad/synthetic/spans.json").toURI()).getParent();
        JsonNode files = new ObjectMapper().readTree(dir.resolve("spans.json").toFile()).get("files");
        EnergyVad vad = new EnergyVad(EnergyVadConfig.defaults());
        double agreeFrames = 0;
        double totalFrames = 0;
        StringBuilder report = new StringBuilder();
        for (Map.Entry<String, JsonNode> f : (Iterable<Map.Entry<String, JsonNode>>) files::fields) {
            Audio a = AudioReader.readMono(dir.resolve(f.getKey() + ".flac"), false);
            List<VadSegment> truth = new ArrayList<>();
            for (JsonNode s : f.getValue().get("speech")) truth.add(new VadSegment(s.get(0).asDouble(), s.get(1).asDouble()));
            List<VadSegment> got = vad.detect(a.samples(), a.sampleRate());
            double acc = FrameAccuracy.of(truth, got, a.durationSeconds(), HOP);
            int frames = (int) Math.floor(a.durationSeconds() / HOP);
            agreeFrames += acc * frames;
            totalFrames += frames;
            report.append(String.format(Locale.ROOT, "%s: %.4f (%d frames, %d true / %d detected segments)%n",
                    f.getKey(), acc, frames, truth.size(), got.size()));
            assertTrue(acc >= 0.95, f.getKey() + ": frame accuracy " + acc + " < 0.95; detected " + got + " truth " + truth);
        }
        double overall = agreeFrames / totalFrames;
        report.append(String.format(Locale.ROOT, "overall: %.4f%n", overall));
        System.out.print("EnergyVad frame accuracy\n" + report);
        assertTrue(overall >= 0.95, "overall frame accuracy " + overall);
    }

    @Test
    void silenceAndConstantNoiseGiveNoSpeech() {
        assertEquals(List.of(), new EnergyVad(EnergyVadConfig.defaults()).detect(new float[16000 * 3], 16000));
        java.util.Random r = new java.util.Random(3);
        float[] noise = new float[16000 * 5];
        for (int i = 0; i < noise.length; i++) noise[i] = (float) (0.005 * r.nextGaussian());
        assertEquals(List.of(), new EnergyVad(EnergyVadConfig.defaults()).detect(noise, 16000));
    }

    @Test
    void noiseFloorFollowsAChangingBackground() {
        // 40 s: white noise rising from -60 to -40 dBFS; 1 s bursts of a 150 Hz pulse-train-like buzz (20 equal
        // harmonics) at -20 dBFS every 4 s. A fixed threshold set for the start would call the end all speech.
        java.util.Random r = new java.util.Random(11);
        float[] x = new float[40 * 16000];
        List<VadSegment> truth = new ArrayList<>();
        double buzzRms = Math.sqrt(20 * 0.5);
        for (int i = 0; i < x.length; i++) {
            double t = i / 16000.0;
            double noise = Math.pow(10, (-60 + 20 * t / 40) / 20);
            double buzz = 0;
            if (t % 4 >= 2 && t % 4 < 3) for (int h = 1; h <= 20; h++) buzz += Math.sin(2 * Math.PI * 150 * h * t);
            x[i] = (float) (noise * r.nextGaussian() + 0.1 * buzz / buzzRms);
        }
        for (int k = 0; k < 10; k++) truth.add(new VadSegment(4 * k + 2, 4 * k + 3));
        List<VadSegment> got = new EnergyVad(EnergyVadConfig.defaults()).detect(x, 16000);
        assertEquals(10, got.size(), got.toString());
        double acc = FrameAccuracy.of(truth, got, 40, HOP);
        assertTrue(acc >= 0.97, "frame accuracy " + acc + ": " + got);
    }

    @Test
    void toneBurstIsFoundWithinAFewFrames() {
        java.util.Random r = new java.util.Random(5);
        float[] x = new float[16000 * 6];
        for (int i = 0; i < x.length; i++) x[i] = (float) (0.003 * r.nextGaussian());
        for (int i = 2 * 16000; i < 4 * 16000; i++) x[i] += (float) (0.1 * Math.sin(2 * Math.PI * 440 * i / 16000.0));
        List<VadSegment> got = new EnergyVad(EnergyVadConfig.defaults()).detect(x, 16000);
        assertEquals(1, got.size(), got.toString());
        assertEquals(2.0, got.get(0).startSec(), 0.08);
        assertEquals(4.0, got.get(0).endSec(), 0.2);
    }
}
