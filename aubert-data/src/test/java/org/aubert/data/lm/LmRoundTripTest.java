package org.aubert.data.lm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.aubert.data.ctc.ArpaModel;

/** An LM written by build-lm is read by the decoder's ArpaModel, and its distributions still sum to one there. */
class LmRoundTripTest {
    @TempDir Path tmp;

    @Test
    void builtLmLoadsInTheDecodersModelAndNormalises() throws Exception {
        Path text = tmp.resolve("book.txt");
        Files.writeString(text, "The cat sat on the mat. The dog sat on the cat! A cat and a dog sat.\n"
                + "Did the dog see the mat? The mat was red. A red cat sat on a red mat.\n");
        Path arpa = tmp.resolve("lm.arpa");
        new LmBuilder(new LmConfig(3, 1, false)).build(List.of(text), arpa, n -> { });
        ArpaModel lm = ArpaModel.load(arpa);
        assertEquals(3, lm.order());
        String[] vocab = {"the", "cat", "sat", "on", "mat", "dog", "a", "and", "did", "see", "was", "red", "</s>", "<unk>"};
        String[][] histories = {{}, {"the"}, {"sat", "on"}, {"<s>"}, {"<s>", "the"}, {"red", "zebra"}, {"dog", "sat"}};
        for (String[] h : histories) {
            double sum = 0;
            for (String w : vocab) sum += Math.pow(10, lm.log10Prob(w, h));
            assertEquals(1.0, sum, 1e-5, "p(.|" + String.join(" ", h) + ") sums to one in ArpaModel");
        }
        assertTrue(lm.sentenceLog10Prob("the cat sat on the mat") > lm.sentenceLog10Prob("mat the on sat cat the"));
    }
}
