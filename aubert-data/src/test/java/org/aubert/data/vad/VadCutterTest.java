package org.aubert.data.vad;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.aubert.core.audio.Audio;
import org.aubert.core.audio.AudioReader;
import org.aubert.core.audio.AudioWriter;

class VadCutterTest {
    static final int SR = 16000;
    @TempDir Path tmp;

    /** 16-bit-exact random audio, so pieces decoded from FLAC must equal the source samples bit for bit. */
    static float[] audio(int seconds, long seed) {
        Random r = new Random(seed);
        float[] x = new float[seconds * SR];
        for (int i = 0; i < x.length; i++) x[i] = (r.nextInt(20001) - 10000) / 32768f;
        return x;
    }

    private Path book() throws Exception {
        Path b = tmp.resolve("in/100/200");
        Files.createDirectories(b);
        return b;
    }

    private static void write(Path p, String s) throws Exception {
        Files.writeString(p, s, StandardCharsets.UTF_8);
    }

    @Test
    void cutsAlongTheVadListAndMapsPiecesBackToTheSource() throws Exception {
        Path b = book();
        float[] src = audio(40, 1);
        AudioWriter.writeFlac(b.resolve("chapter_01.flac"), Audio.mono(src, SR));
        write(b.resolve("chapter_01.json"), "{\"book_meta\": {\"id\": \"200\"}, \"voice_activity\": "
                + "[[0.5, 3.25], [4.0, 9.0], [9.5, 12.0], [13.1, 25.7], [26.0, 26.5], [27.0, 39.99]]}");
        Path out = tmp.resolve("out");
        VadCutter cutter = new VadCutter(CutConfig.defaults().withTargetLenSec(10));
        List<FileResult> seen = new ArrayList<>();
        CutSummary sum = cutter.cut(tmp.resolve("in"), out, seen::add);
        assertEquals(1, sum.count(FileResult.Status.CUT), sum.line());
        assertEquals(seen, sum.files());

        List<VadSegment> vad = List.of(new VadSegment(0.5, 3.25), new VadSegment(4.0, 9.0), new VadSegment(9.5, 12.0),
                new VadSegment(13.1, 25.7), new VadSegment(26.0, 26.5), new VadSegment(27.0, 39.99));
        List<Piece> plan = VadStitcher.plan(vad, src.length, SR, 10);
        // 2.75 + 5 = 7.75; +2.5 > 10 -> new; 12.6 alone; 0.5 then 12.99 > 10 -> alone
        assertEquals(5, plan.size());
        assertEquals(5, sum.pieces());
        Path dir = out.resolve("100/200/chapter_01");
        double kept = 0;
        for (Piece p : plan) {
            String stem = String.format("chapter_01_%04d", p.index());
            float[] got = AudioReader.readMono(dir.resolve(stem + ".flac"), false).samples();
            assertEquals(p.length(), got.length, stem);
            JsonNode side = new ObjectMapper().readTree(dir.resolve(stem + ".json").toFile());
            assertEquals("100/200/chapter_01.flac", side.get("source").asText());
            assertEquals(p.runs().size(), side.get("runs").size());
            for (int r = 0; r < p.runs().size(); r++) {
                Piece.Run run = p.runs().get(r);
                JsonNode js = side.get("runs").get(r);
                assertEquals(run.pieceStart() / (double) SR, js.get(0).asDouble(), 0);
                assertEquals(run.sourceStart() / (double) SR, js.get(1).asDouble(), 0);
                assertEquals(run.length() / (double) SR, js.get(2).asDouble(), 0);
                // the piece's samples are the source's samples at the mapped times
                float[] want = Arrays.copyOfRange(src, (int) run.sourceStart(), (int) run.sourceEnd());
                assertArrayEquals(want, Arrays.copyOfRange(got, (int) run.pieceStart(), (int) (run.pieceStart() + run.length())), stem + " run " + r);
            }
            kept += got.length / (double) SR;
        }
        assertEquals(kept, sum.pieceSec(), 1e-9);
        try (Stream<Path> s = Files.list(dir)) {
            assertEquals(10, s.count()); // 5 FLAC + 5 JSON, no temporary files
        }

        // resume: the existing folder is skipped; --overwrite replaces it
        CutSummary again = cutter.cut(tmp.resolve("in"), out, null);
        assertEquals(1, again.count(FileResult.Status.SKIPPED), again.line());
        Files.writeString(dir.resolve("stale.txt"), "x");
        Path leftover = out.resolve("100/200/.chapter_01.tmp-12345");  // as a killed run leaves it
        Files.createDirectories(leftover);
        Files.writeString(leftover.resolve("chapter_01_0000.flac"), "half");
        CutSummary over = new VadCutter(CutConfig.defaults().withTargetLenSec(10).withOverwrite(true)).cut(tmp.resolve("in"), out, null);
        assertEquals(1, over.count(FileResult.Status.CUT), over.line());
        assertFalse(Files.exists(dir.resolve("stale.txt")));
        assertNoHiddenLeftovers(out);
    }

    @Test
    void badInputIsReportedByNameCountedAndLeavesNoOutput() throws Exception {
        Path b = book();
        AudioWriter.writeFlac(b.resolve("good.flac"), Audio.mono(audio(3, 2), SR));
        write(b.resolve("good.json"), "{\"voice_activity\": [[0.1, 1.0], [1.5, 2.5]]}");
        // corrupt audio: a FLAC signature followed by garbage
        byte[] junk = new byte[5000];
        new Random(3).nextBytes(junk);
        junk[0] = 'f'; junk[1] = 'L'; junk[2] = 'a'; junk[3] = 'C';
        Files.write(b.resolve("corrupt.flac"), junk);
        write(b.resolve("corrupt.json"), "{\"voice_activity\": [[0.1, 1.0]]}");
        // truncated FLAC: the first half of a valid file
        Path whole = tmp.resolve("whole.flac");
        AudioWriter.writeFlac(whole, Audio.mono(audio(3, 4), SR));
        byte[] w = Files.readAllBytes(whole);
        Files.write(b.resolve("truncated.flac"), Arrays.copyOf(w, w.length / 2));
        write(b.resolve("truncated.json"), "{\"voice_activity\": [[0.1, 1.0]]}");
        AudioWriter.writeFlac(b.resolve("nojson.flac"), Audio.mono(audio(1, 5), SR));
        AudioWriter.writeFlac(b.resolve("badkey.flac"), Audio.mono(audio(1, 6), SR));
        write(b.resolve("badkey.json"), "{\"voice_activity\": [[0.1, 0.5], [0.6, \"x\"]]}");
        AudioWriter.writeFlac(b.resolve("nokey.flac"), Audio.mono(audio(1, 7), SR));
        write(b.resolve("nokey.json"), "{\"voiceactivity\": []}");
        AudioWriter.writeFlac(b.resolve("syntax.flac"), Audio.mono(audio(1, 8), SR));
        write(b.resolve("syntax.json"), "{\n  \"voice_activity\": [[0.1, 0.5],\n  ]\n");
        write(b.resolve("orphan.json"), "{\"voice_activity\": [[0.1, 0.5]]}");

        Path out = tmp.resolve("out");
        CutSummary sum = new VadCutter(CutConfig.defaults()).cut(tmp.resolve("in"), out, null);
        assertEquals(8, sum.files().size(), sum.line());
        assertEquals(1, sum.count(FileResult.Status.CUT), sum.line());
        assertEquals(7, sum.count(FileResult.Status.FAILED), sum.line());
        assertTrue(sum.line().contains("7 failed"), sum.line());
        for (FileResult f : sum.failures()) {
            assertTrue(f.error().contains(stem(f.source())), f.error());
            assertFalse(Files.exists(out.resolve("100/200").resolve(stem(f.source()))), "partial output for " + f.source());
        }
        assertTrue(error(sum, "corrupt.flac").contains("corrupt.flac"));
        assertTrue(error(sum, "truncated.flac").contains("truncated.flac"));
        assertTrue(error(sum, "nojson.flac").contains("nojson.json: missing VAD JSON"), error(sum, "nojson.flac"));
        assertTrue(error(sum, "badkey.flac").contains("'voice_activity[1][1]'"), error(sum, "badkey.flac"));
        assertTrue(error(sum, "nokey.flac").contains("missing key 'voice_activity'"), error(sum, "nokey.flac"));
        assertTrue(error(sum, "syntax.flac").contains("syntax.json: not valid JSON at line 3"), error(sum, "syntax.flac"));
        assertTrue(error(sum, "orphan.json").contains("orphan.flac: missing audio"), error(sum, "orphan.json"));
        assertNull(sum.files().stream().filter(f -> f.source().endsWith("good.flac")).findFirst().orElseThrow().error());
        assertTrue(Files.isDirectory(out.resolve("100/200/good")));
        assertNoHiddenLeftovers(out);
    }

    @Test
    void energyVadNeedsNoJson() throws Exception {
        Path b = book();
        Path fixture = Path.of(getClass().getResource("/vad/synthetic/festival_kal.flac").toURI());
        Files.copy(fixture, b.resolve("kal.flac"));
        Path out = tmp.resolve("out");
        CutSummary sum = new VadCutter(CutConfig.defaults().withSource(VadSource.ENERGY).withTargetLenSec(30).withThreads(2))
                .cut(tmp.resolve("in"), out, null);
        assertEquals(1, sum.count(FileResult.Status.CUT), sum.line());
        assertEquals(1, sum.pieces());
        JsonNode side = new ObjectMapper().readTree(out.resolve("100/200/kal/kal_0000.json").toFile());
        assertEquals("energy", side.get("vad").asText());
        // two sentences: [0.56, 4.23] and [5.85, 9.96] s in spans.json
        JsonNode runs = side.get("runs");
        assertEquals(2, runs.size(), runs.toString());
        assertEquals(0.56, runs.get(0).get(1).asDouble(), 0.05);
        assertEquals(5.85, runs.get(1).get(1).asDouble(), 0.05);
        assertEquals(runs.get(0).get(2).asDouble(), runs.get(1).get(0).asDouble(), 1e-9); // back to back in the piece
        assertTrue(sum.pieceSec() < 0.85 * sum.sourceSec(), sum.line());
    }

    private static String stem(Path p) {
        String f = p.getFileName().toString();
        return f.substring(0, f.lastIndexOf('.'));
    }

    private static String error(CutSummary s, String file) {
        return s.files().stream().filter(f -> f.source().getFileName().toString().equals(file)).findFirst().orElseThrow().error();
    }

    private static void assertNoHiddenLeftovers(Path out) throws Exception {
        try (Stream<Path> s = Files.walk(out)) {
            List<Path> hidden = s.filter(p -> p.getFileName().toString().startsWith(".")).toList();
            assertEquals(List.of(), hidden);
        }
    }
}
