package org.aubert.data.align;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.aubert.core.tokenize.CtcTokenizer;
import org.junit.jupiter.api.Test;

class TranscriptAlignerTest {

    static CtcTokenizer tokenizer() throws Exception {
        return CtcTokenizer.load(FrameGeometryTest.oracleModel("wav2vec2_base_ctc_tiny"));
    }

    /** Log-probabilities of 0.9 on the given token of each frame, the rest spread evenly. */
    static Emissions handMade(CtcTokenizer tok, String... frames) {
        int vocab = tok.vocabSize();
        float[][] rows = new float[frames.length][vocab];
        for (int t = 0; t < frames.length; t++) {
            int id = frames[t].equals("-") ? tok.blankId() : tok.tokenToId(frames[t]);
            for (int v = 0; v < vocab; v++) rows[t][v] = (float) Math.log(v == id ? 0.9 : 0.1 / (vocab - 1));
        }
        return new Emissions(Emissions.of(rows).values(), frames.length, vocab);
    }

    @Test
    void wordTimesOnAHandMadeEmissionMatrix() throws Exception {
        CtcTokenizer tok = tokenizer();
        FrameGeometry g = new FrameGeometry(new int[] {10, 3, 3, 3, 3, 2, 2}, new int[] {5, 2, 2, 2, 2, 2, 2}, 16000);
        TranscriptAligner aligner = new TranscriptAligner(tok, CtcForcedAligner.Options.DEFAULT, g);
        String raw = "Look, the  cat... Lee!";
        List<TextWord> words = TranscriptText.words(raw, 6, raw.length());
        //                              0    1    2    3    4    5    6    7    8    9    10   11   12   13   14   15   16   17   18   19
        Emissions e = handMade(tok, "-", "-", "T", "H", "E", "E", "-", "|", "C", "A", "A", "T", "-", "-", "|", "L", "E", "-", "E", "-");
        WordAlignment a = aligner.align(words, e);
        assertArrayEquals(new int[] {6, 11, 5, 4, 19, 7, 6, 4, 15, 5, 5}, a.labels());
        List<AlignedWord> w = a.words();
        assertEquals(3, w.size());
        // Frame t starts at 20t + 2.5 ms (rounded half up).
        assertEquals(new AlignedWord("the", 6, 9, 2, 6, 43, 123), w.get(0));
        assertEquals(new AlignedWord("cat", 11, 17, 8, 12, 163, 243), w.get(1));
        assertEquals(new AlignedWord("lee", 18, 22, 15, 19, 303, 383), w.get(2));
        assertEquals(20 * Math.log(0.9), a.score(), 1e-4);
    }

    @Test
    void refusesOutOfVocabularyAndEmptyText() throws Exception {
        CtcTokenizer tok = tokenizer();
        TranscriptAligner aligner = new TranscriptAligner(tok, CtcForcedAligner.Options.DEFAULT,
                new FrameGeometry(new int[] {10}, new int[] {5}, 16000));
        Emissions e = handMade(tok, "-", "-", "-", "-", "-", "-", "-", "-");
        String raw = "in 1900 there";
        AlignmentException x = assertThrows(AlignmentException.class, () -> aligner.align(TranscriptText.words(raw, 0, raw.length()), e));
        assertEquals(AlignmentException.Reason.OUT_OF_VOCABULARY, x.reason());
        assertTrue(x.getMessage().contains("word '1900' at characters 3..7") && x.getMessage().contains("'1'"), x.getMessage());
        assertEquals(AlignmentException.Reason.EMPTY_TEXT,
                assertThrows(AlignmentException.class, () -> aligner.align(TranscriptText.words("-- !", 0, 4), e)).reason());
        String longer = "a tall tree";
        assertEquals(AlignmentException.Reason.TOO_SHORT,
                assertThrows(AlignmentException.class, () -> aligner.align(TranscriptText.words(longer, 0, longer.length()), e)).reason());
    }
}
