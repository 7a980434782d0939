package org.aubert.data.prepare;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.aubert.core.audio.Audio;
import org.aubert.core.audio.AudioWriter;
import org.aubert.core.audio.WavEncoding;
import org.aubert.data.alignment.AlignmentFile;
import org.aubert.data.alignment.Utterance;
import org.aubert.data.alignment.WordTiming;

/**
 * A tiny word-aligned corpus written by the test: a book of repeated sentences read by two speakers, each utterance's
 * audio a deterministic noise-like signal so every sample identifies where it came from. Words last 300 ms each.
 */
public final class CorpusFixture {
    public static final String[] SENTENCES = {
        "the cat sat on the mat.", "a dog was happy in the house.", "the cat was sad, the dog was happy.",
        "she sat on the big red mat!", "the cat sat with the dog.", "he was quick and the cat was slow."};
    public static final int WORD_MS = 300;

    private CorpusFixture() {}

    /** Writes audio under {@code root/<speaker>/7/utt<k>.wav} and returns the alignment file. */
    public static AlignmentFile write(Path root, int utterancesPerSpeaker) throws IOException {
        StringBuilder raw = new StringBuilder();
        List<int[]> sentenceSpans = new ArrayList<>();
        for (int rep = 0; rep < 2 * utterancesPerSpeaker; rep++) {
            String s = SENTENCES[rep % SENTENCES.length];
            if (raw.length() > 0) raw.append(' ');
            sentenceSpans.add(new int[]{raw.length(), raw.length() + s.length()});
            raw.append(s);
        }
        String text = raw.toString();
        List<Utterance> us = new ArrayList<>();
        for (int k = 0; k < sentenceSpans.size(); k++) {
            String speaker = k % 2 == 0 ? "sA" : "sB";
            int[] span = sentenceSpans.get(k);
            List<WordTiming> words = new ArrayList<>();
            int pos = span[0];
            long t = 200;
            for (String tok : text.substring(span[0], span[1]).split(" ")) {
                String w = tok.toLowerCase().replaceAll("[^a-z']", "");
                words.add(new WordTiming(w, pos, pos + tok.length(), t, t + WORD_MS));
                pos += tok.length() + 1;
                t += WORD_MS;
            }
            String fname = "../old-root/" + speaker + "/7/utt" + k + ".wav";
            float[] x = new float[(int) ((t + 300) * 16)];
            java.util.Random r = new java.util.Random(k);
            for (int i = 0; i < x.length; i++) x[i] = (float) (0.2 * r.nextGaussian());
            AudioWriter.writeWav(root.resolve(speaker + "/7/utt" + k + ".wav"), Audio.mono(x, 16000), WavEncoding.PCM_16);
            us.add(new Utterance(fname, "", speaker, span[0], span[1], 1.0, words, Map.of()));
        }
        return new AlignmentFile("book", text, us);
    }
}
