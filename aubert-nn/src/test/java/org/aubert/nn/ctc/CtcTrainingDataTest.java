package org.aubert.nn.ctc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.aubert.core.audio.Audio;
import org.aubert.core.audio.AudioWriter;
import org.aubert.core.audio.FeatureExtractor;
import org.aubert.core.audio.FeatureExtractorConfig;
import org.aubert.core.audio.WavEncoding;
import org.aubert.core.tokenize.CtcTokenizer;

/** Listings (demo-corpus layout, TSV with bad lines), transcript encoding with out-of-vocabulary report, batching. */
class CtcTrainingDataTest {
    @TempDir Path dir;

    private Path wav(Path file, int n) throws Exception {
        Files.createDirectories(file.getParent());
        float[] x = new float[n];
        for (int i = 0; i < n; i++) x[i] = (float) (0.3 * Math.sin(i * 0.05 + n));
        AudioWriter.writeWav(file, Audio.mono(x, 16000), WavEncoding.PCM_16);
        return file;
    }

    @Test
    void readsTheDemoCorpusLayout() throws Exception {
        Path c = dir.resolve("corpus");
        wav(c.resolve("audio/9001/740/a.wav"), 800);
        Files.writeString(c.resolve("truth.json"), """
                {"utterances": [{"fname": "9001/740/a.wav", "utterance": "ab ba"}, {"fname": "9002/740/b.wav", "utterance": "b"}]}""");
        Files.writeString(c.resolve("split.json"), """
                {"train": ["9001/740/a.wav", "9009/740/none.wav"], "held_out": ["9002/740/b.wav"]}""");
        CtcTrainingData.CorpusSplit s = CtcTrainingData.readCorpus(c);
        assertEquals(1, s.train().items().size());
        assertEquals(c.resolve("audio/9001/740/a.wav"), s.train().items().get(0).audio());
        assertEquals("ab ba", s.train().items().get(0).transcript());
        assertEquals(1, s.train().errors().size(), "a split file without a transcript is reported");
        assertTrue(s.train().errors().get(0).contains("none.wav"));
        assertEquals(1, s.heldOut().items().size());
    }

    @Test
    void cutsTrainingFilesIntoSentencesAndKeepsHeldOutFilesWhole() throws Exception {
        Path c = dir.resolve("corpus");
        Path a = wav(c.resolve("audio/9001/740/a.wav"), 16000);
        wav(c.resolve("audio/9002/740/b.wav"), 800);
        // sentence 0: words at 100-300 and 300-500 ms; sentence 1: one word at 700-900 ms; sentence 2 has no words
        Files.writeString(c.resolve("truth.json"), """
                {"utterances": [{"fname": "9001/740/a.wav", "utterance": "ab ba b",
                  "sentences": [[0, 5], [6, 7], [8, 9]],
                  "words": [["ab", 0, 2, 100, 300], ["ba", 3, 5, 300, 500], ["b", 6, 7, 700, 900]]},
                 {"fname": "9002/740/b.wav", "utterance": "b"}]}""");
        Files.writeString(c.resolve("split.json"), """
                {"train": ["9001/740/a.wav"], "held_out": ["9002/740/b.wav"]}""");
        CtcTrainingData.CorpusSplit s = CtcTrainingData.readCorpus(c, CtcTrainingData.Segments.SENTENCES);
        List<CtcTrainingData.Item> items = s.train().items();
        assertEquals(2, items.size());
        assertEquals(new CtcTrainingData.Item("9001/740/a.wav#0", a, "ab ba", 0, 650), items.get(0), "margin clipped at 0");
        assertEquals(new CtcTrainingData.Item("9001/740/a.wav#1", a, "b", 550, 1050), items.get(1));
        assertEquals(1, s.train().errors().size(), "the sentence without words is reported: " + s.train().errors());
        assertTrue(s.train().errors().get(0).contains("sentence 2"), s.train().errors().get(0));
        assertEquals(0, s.heldOut().items().get(0).endMs(), "held-out files stay whole");
        List<CtcTrainingData.Item> chunks = CtcTrainingData.readCorpus(c, CtcTrainingData.Segments.CHUNKS, 1).train().items();
        assertEquals(List.of(new CtcTrainingData.Item("9001/740/a.wav#0.0", a, "ab", 0, 300), new CtcTrainingData.Item("9001/740/a.wav#0.1", a, "ba", 300, 650),
                new CtcTrainingData.Item("9001/740/a.wav#1", a, "b", 550, 1050)), chunks, "inner cuts on word boundaries, margins at sentence edges");

        Path vocab = CtcVocabFiles.write(dir.resolve("vocab"), CtcVocabFiles.tokensOf(List.of("ab")));
        CtcTrainingData d = CtcTrainingData.load(items, new FeatureExtractor(FeatureExtractorConfig.DEFAULT), CtcTokenizer.load(vocab),
                TinyCtc.config(0, false), 2);
        assertEquals(650 * 16, d.utterances().get(0).samples().length);
        assertEquals(450 * 16, d.utterances().get(1).samples().length, "550-1050 ms clipped at the 1 s file's end");
        assertThrows(IllegalArgumentException.class, () -> new CtcTrainingData.Item("x", a, "b", 500, 400));
    }

    @Test
    void overlappingChunksStartEveryStrideWordsAndStopAtTheSentenceEnd() throws Exception {
        Path c = dir.resolve("corpus");
        Path a = wav(c.resolve("audio/9001/740/a.wav"), 32000);
        // one sentence of four words at 200-400, 400-600, 600-800, 800-1000 ms
        Files.writeString(c.resolve("truth.json"), """
                {"utterances": [{"fname": "9001/740/a.wav", "utterance": "a b ab ba", "sentences": [[0, 9]],
                  "words": [["a", 0, 1, 200, 400], ["b", 2, 3, 400, 600], ["ab", 4, 6, 600, 800], ["ba", 7, 9, 800, 1000]]}]}""");
        Files.writeString(c.resolve("split.json"), """
                {"train": ["9001/740/a.wav"], "held_out": []}""");
        List<CtcTrainingData.Item> chunks = CtcTrainingData.readCorpus(c, CtcTrainingData.Segments.CHUNKS, 3, 1).train().items();
        assertEquals(List.of(new CtcTrainingData.Item("9001/740/a.wav#0.0", a, "a b ab", 50, 800),
                new CtcTrainingData.Item("9001/740/a.wav#0.1", a, "b ab ba", 400, 1150)), chunks,
                "a chunk from each word until one reaches the sentence end; margins only at sentence edges");
        assertEquals(CtcTrainingData.readCorpus(c, CtcTrainingData.Segments.CHUNKS, 3).train().items(),
                CtcTrainingData.readCorpus(c, CtcTrainingData.Segments.CHUNKS, 3, 3).train().items(), "stride defaults to the chunk length");
        assertEquals(2, CtcTrainingData.readCorpus(c, CtcTrainingData.Segments.CHUNKS, 3, 3).train().items().size());
        assertThrows(IllegalArgumentException.class, () -> CtcTrainingData.readCorpus(c, CtcTrainingData.Segments.CHUNKS, 3, 0));
    }

    @Test
    void encodesTranscriptsReportsUnknownCharactersAndBatchesBySimilarLength() throws Exception {
        Path vocab = CtcVocabFiles.write(dir.resolve("vocab"), CtcVocabFiles.tokensOf(List.of("ab")));
        CtcTokenizer tok = CtcTokenizer.load(vocab);
        StringBuilder tsv = new StringBuilder();
        for (int i = 0; i < 10; i++) {
            wav(dir.resolve("u" + i + ".wav"), 400 + 100 * i);
            tsv.append("u").append(i).append(".wav\t").append(i == 0 ? "A  Bz!" : "ab").append('\n');
        }
        tsv.append("broken line\n").append("missing.wav\tab\n").append("u1.wav\tzz\n");
        Files.writeString(dir.resolve("t.tsv"), tsv);
        CtcTrainingData.Listing l = CtcTrainingData.readTsv(dir.resolve("t.tsv"));
        assertEquals(1, l.errors().size());
        assertTrue(l.errors().get(0).contains("t.tsv:11"), l.errors().get(0));
        CtcTrainingData d = CtcTrainingData.load(l.items(), new FeatureExtractor(FeatureExtractorConfig.DEFAULT), tok,
                TinyCtc.config(0, false), 3);
        assertEquals(10, d.size());
        assertEquals(2, d.report().errors().size(), "missing audio and an empty transcript: " + d.report().errors());
        assertEquals(Map.of("z", 3, "!", 1), d.report().outOfVocabulary(), "z once in u0, twice in the dropped line; ! once");
        CtcTrainingData.Utterance u0 = d.utterances().get(0);
        assertEquals("a b", u0.transcript());
        assertEquals(List.of(5, 4, 6), java.util.Arrays.stream(u0.labels()).boxed().toList());

        d.reset(7);
        List<String> first = new ArrayList<>();
        int utterances = 0;
        while (d.hasNext()) {
            CtcBatch b = d.next();
            utterances += b.size();
            long real = b.attentionMask().sumNumber().longValue();
            long samples = b.inputValues().length();
            assertTrue(real >= samples / 2, "batched by length: " + real + " real of " + samples);
            first.add(b.transcripts().toString() + b.inputValues().size(1));
        }
        assertEquals(10, utterances);
        d.reset(7);
        List<String> again = new ArrayList<>();
        while (d.hasNext()) { CtcBatch b = d.next(); again.add(b.transcripts().toString() + b.inputValues().size(1)); }
        assertEquals(first, again, "same seed, same batches");
        d.reset(8);
        List<String> other = new ArrayList<>();
        while (d.hasNext()) { CtcBatch b = d.next(); other.add(b.transcripts().toString() + b.inputValues().size(1)); }
        assertNotEquals(first, other, "another seed, another order");
    }
}
