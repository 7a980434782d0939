package org.aubert.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.aubert.core.audio.Audio;
import org.aubert.core.audio.AudioReader;
import org.aubert.core.audio.AudioWriter;
import org.aubert.core.audio.WavEncoding;
import org.aubert.core.tokenize.CtcTokenizer;
import org.aubert.data.ctc.ArpaModel;
import org.aubert.data.ctc.BeamSearchOptions;
import org.aubert.data.ctc.CtcAlphabet;
import org.aubert.data.ctc.CtcBeamDecoder;
import org.aubert.data.ctc.CtcDecoder;
import org.aubert.data.ctc.CtcGreedyDecoder;
import org.aubert.data.transcribe.EncoderCtcModel;

/** {@code aubert transcribe} with the tiny wav2vec2 CTC fixture: its TSV equals decoding through the Java API. */
class TranscribeCommandTest {
    @TempDir Path tmp;
    final StringWriter err = new StringWriter();

    private int run(String... args) {
        return CliRun.run(new StringWriter(), err, args);
    }

    private static Map<String, String> read(Path tsv) throws Exception {
        Map<String, String> m = new TreeMap<>();
        for (String line : Files.readAllLines(tsv)) {
            String[] f = line.split("\t", -1);
            assertEquals(2, f.length, line);
            m.put(f[0], f[1]);
        }
        return m;
    }

    private static Map<String, String> viaApi(EncoderCtcModel model, CtcDecoder decoder, Path in, List<String> rels) throws Exception {
        Map<String, String> m = new TreeMap<>();
        for (String rel : rels) {
            float[] x = AudioReader.load(in.resolve(rel), 16000, true).samples();
            float[][] lp = model.logProbs(List.of(x)).get(0);
            m.put(in.resolve(rel).toString(), decoder.decode(lp, lp.length).text().toLowerCase(Locale.ROOT));
        }
        return m;
    }

    @Test
    void transcribesLikeTheJavaApiAndResumes() throws Exception {
        Path model = Path.of(getClass().getResource("/testdata/oracles/models/wav2vec2_base_ctc_tiny").toURI());
        Path in = tmp.resolve("audio");
        Random r = new Random(42);
        List<String> rels = List.of("100/740/a.flac", "100/740/b.wav", "200/741/c.wav");
        for (String rel : rels) {
            float[] x = new float[8000]; // all of one length, so batching pads nothing
            double f = 100 + r.nextInt(400);
            for (int i = 0; i < x.length; i++) x[i] = (float) (0.3 * Math.sin(2 * Math.PI * f * i / 16000) + 0.05 * r.nextGaussian());
            Path p = in.resolve(rel);
            Files.createDirectories(p.getParent());
            if (rel.endsWith(".flac")) AudioWriter.writeFlac(p, Audio.mono(x, 16000));
            else AudioWriter.writeWav(p, Audio.mono(x, 16000), WavEncoding.FLOAT_32);
        }
        Files.write(in.resolve("200/741/corrupt.flac"), "fLaC but not really".getBytes());
        Path arpa = tmp.resolve("lm.arpa");
        Files.writeString(arpa, String.join("\n", "\\data\\", "ngram 1=5", "ngram 2=1", "", "\\1-grams:", "-1.0\t<s>\t-0.3",
                "-1.0\t</s>", "-0.5\tE\t-0.2", "-0.9\tTE", "-2.0\t<unk>", "", "\\2-grams:", "-0.2\t<s> E", "", "\\end\\", ""));

        EncoderCtcModel api = EncoderCtcModel.load(model);
        CtcAlphabet alphabet = CtcAlphabet.of(CtcTokenizer.load(model));

        Path greedyTsv = tmp.resolve("greedy.tsv");
        assertEquals(0, run("transcribe", "--input-dir", in.toString(), "--model", model.toString(), "--output", greedyTsv.toString(),
                "--decoder", "greedy", "--batch-size", "2", "--threads", "2", "--no-progress"), err.toString());
        Map<String, String> greedy = viaApi(api, new CtcGreedyDecoder(alphabet), in, rels);
        assertEquals(greedy, read(greedyTsv));
        assertTrue(greedy.values().stream().anyMatch(t -> !t.isEmpty()), "the fixture model should say something: " + greedy);
        System.out.println("greedy transcripts of the random fixture: " + greedy.values());

        Path beamTsv = tmp.resolve("beam.tsv");
        String[] beamArgs = {"transcribe", "--input-dir", in.toString(), "--model", model.toString(), "--output", beamTsv.toString(),
                "--lm", arpa.toString(), "--alpha", "0.7", "--beta", "0.5", "--beam", "8", "--batch-size", "3", "--threads", "2", "--no-progress"};
        assertEquals(0, run(beamArgs), err.toString());
        CtcBeamDecoder beam = new CtcBeamDecoder(alphabet, ArpaModel.load(arpa),
                new BeamSearchOptions(8, 0.7, 0.5, 10.0, -5.0, 0));
        Map<String, String> beamApi = viaApi(api, beam, in, rels);
        assertEquals(beamApi, read(beamTsv));
        for (String t : beamApi.values()) assertEquals(t.toLowerCase(Locale.ROOT), t);

        // resume: a finished TSV is left alone
        long size = Files.size(beamTsv);
        assertEquals(0, run(beamArgs), err.toString());
        assertEquals(size, Files.size(beamTsv));
        assertEquals(beamApi, read(beamTsv));
    }

    @Test
    void aMalformedLmIsOneClearError() throws Exception {
        Path model = Path.of(getClass().getResource("/testdata/oracles/models/wav2vec2_base_ctc_tiny").toURI());
        Path in = Files.createDirectories(tmp.resolve("audio"));
        Path arpa = tmp.resolve("bad.arpa");
        Files.writeString(arpa, "\\data\\\nngram 1=x\n");
        assertEquals(1, run("transcribe", "--input-dir", in.toString(), "--model", model.toString(), "--output",
                tmp.resolve("o.tsv").toString(), "--lm", arpa.toString(), "--no-progress"));
        assertTrue(err.toString().contains("bad.arpa:2: bad counts header"), err.toString());
    }
}
