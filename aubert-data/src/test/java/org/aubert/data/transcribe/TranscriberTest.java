package org.aubert.data.transcribe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.aubert.core.audio.Audio;
import org.aubert.core.audio.AudioWriter;
import org.aubert.core.audio.WavEncoding;
import org.aubert.data.ctc.BeamSearchOptions;
import org.aubert.data.ctc.CtcAlphabet;
import org.aubert.data.ctc.CtcBeamDecoder;
import org.aubert.data.ctc.CtcGreedyDecoder;

class TranscriberTest {
    static final CtcAlphabet ALPHABET = new CtcAlphabet(new String[] {"<pad>", "|", "A", "B", "C"}, 0, 1);
    static final int HOP = 160;

    /** A fake model: each 160-sample chunk's first sample, times 10, is the id of the token that frame is sure of. */
    static final class CodedModel implements AcousticModel {
        int calls;

        @Override
        public int sampleRate() { return 16000; }

        @Override
        public List<float[][]> logProbs(List<float[]> utterances) {
            calls++;
            List<float[][]> out = new ArrayList<>();
            for (float[] u : utterances) {
                if (u.length < HOP) throw new IllegalArgumentException(u.length + " samples are too few");
                float[][] lp = new float[u.length / HOP][ALPHABET.size()];
                for (int t = 0; t < lp.length; t++) {
                    Arrays.fill(lp[t], (float) Math.log(0.01));
                    lp[t][Math.round(u[t * HOP] * 10)] = (float) Math.log(0.96);
                }
                out.add(lp);
            }
            return out;
        }
    }

    @TempDir Path tmp;
    Path in;
    Map<String, String> expected = new TreeMap<>();

    static float[] encode(int... tokens) {
        float[] x = new float[tokens.length * HOP];
        for (int t = 0; t < tokens.length; t++) Arrays.fill(x, t * HOP, (t + 1) * HOP, tokens[t] / 10f);
        return x;
    }

    private void wav(String rel, String text, int... tokens) throws IOException {
        Path p = in.resolve(rel);
        Files.createDirectories(p.getParent());
        AudioWriter.writeWav(p, Audio.mono(encode(tokens), 16000), WavEncoding.FLOAT_32);
        if (text != null) expected.put(in.resolve(rel).toString(), text);
    }

    @BeforeEach
    void corpus() throws IOException {
        in = tmp.resolve("in");
        wav("s1/10/a.wav", "ab c", 2, 0, 3, 1, 4, 4);
        wav("s1/10/b.wav", "cab", 4, 2, 2, 0, 3);
        wav("s2/20/c.wav", "ba", 3, 2);
        wav("s3/30/d.wav", "a a", 2, 1, 2);
        wav("s3/31/tiny.wav", null);                       // no samples: the model refuses it
        Files.createDirectories(in.resolve("s3/30"));
        Files.write(in.resolve("s3/30/broken.flac"), new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13});
        Files.writeString(in.resolve("s3/30/notes.txt"), "not audio");
    }

    private Map<String, String> read(Path tsv) throws IOException {
        Map<String, String> m = new TreeMap<>();
        for (String line : Files.readAllLines(tsv)) {
            String[] f = line.split("\t", -1);
            assertEquals(2, f.length, line);
            assertTrue(m.put(f[0], f[1]) == null, "duplicate " + f[0]);
        }
        return m;
    }

    private static Transcriber.Options opts(int rank, int world, boolean overwrite) {
        return new Transcriber.Options(2, 2, rank, world, overwrite, false);
    }

    @Test
    void transcribesShardsResumesAndCountsBadFiles() throws Exception {
        CtcBeamDecoder beam = new CtcBeamDecoder(ALPHABET, null, BeamSearchOptions.defaults().withLmWeights(0, 0));
        Path tsv = tmp.resolve("out/t.tsv");
        // speakers s1, s2, s3 sorted: rank 0 of 2 gets s1 and s3
        Transcriber.Summary s = new Transcriber(new CodedModel(), beam, opts(0, 2, false)).run(in, tsv);
        assertEquals(5, s.inShard());
        assertEquals(3, s.transcribed());
        assertEquals(2, s.failed());
        Map<String, String> want = new TreeMap<>(expected);
        want.remove(in.resolve("s2/20/c.wav").toString());
        assertEquals(want, read(tsv));

        // a crash mid-line: the torn line is dropped and its file done again; finished lines are kept
        List<String> lines = Files.readAllLines(tsv);
        String kept = lines.get(0);
        Files.writeString(tsv, kept + "\n" + lines.get(1).substring(0, 5), StandardCharsets.UTF_8);
        CodedModel model = new CodedModel();
        Transcriber.Summary again = new Transcriber(model, beam, opts(0, 2, false)).run(in, tsv);
        assertEquals(1, again.skipped());
        assertEquals(2, again.transcribed());
        assertEquals(2, again.failed());
        assertEquals(want, read(tsv));
        assertEquals(kept, Files.readAllLines(tsv).get(0));

        // nothing left to do
        Transcriber.Summary none = new Transcriber(new CodedModel(), beam, opts(0, 2, false)).run(in, tsv);
        assertEquals(3, none.skipped());
        assertEquals(0, none.transcribed());

        // rank 1 gets s2 only; --overwrite redoes everything
        Path tsv1 = tmp.resolve("out/t1.tsv");
        new Transcriber(new CodedModel(), new CtcGreedyDecoder(ALPHABET), opts(1, 2, false)).run(in, tsv1);
        assertEquals(Map.of(in.resolve("s2/20/c.wav").toString(), "ba"), read(tsv1));
        Transcriber.Summary all = new Transcriber(new CodedModel(), new CtcGreedyDecoder(ALPHABET), opts(0, 1, true)).run(in, tsv1);
        assertEquals(4, all.transcribed());
        assertEquals(0, all.skipped());
        assertEquals(expected, read(tsv1));
        assertTrue(all.line().startsWith("transcribe: 6 files in this shard, 4 transcribed, 0 already done, 2 failed;"), all.line());
    }

    @Test
    void shardingFollowsSortedSpeakers() throws IOException {
        List<AudioCorpus.Item> items = AudioCorpus.list(in);
        assertEquals(List.of("s1/10/a.wav", "s1/10/b.wav", "s2/20/c.wav", "s3/30/broken.flac", "s3/30/d.wav", "s3/31/tiny.wav"),
                items.stream().map(AudioCorpus.Item::relative).toList());
        assertEquals(List.of("s2"), AudioCorpus.shard(items, 1, 2).stream().map(AudioCorpus.Item::speaker).distinct().toList());
        assertEquals(List.of("s3"), AudioCorpus.shard(items, 2, 3).stream().map(AudioCorpus.Item::speaker).distinct().toList());
    }

    @Test
    void tornLineWithoutAnyNewlineIsDropped() throws IOException {
        Path tsv = tmp.resolve("x.tsv");
        Files.writeString(tsv, "half a li", StandardOpenOption.CREATE);
        assertEquals(Map.of(), TranscriptTsv.recover(tsv));
        assertEquals(0, Files.size(tsv));
    }
}
