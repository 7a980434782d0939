package org.aubert.data.locate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

import org.aubert.data.align.CtcAlignment;
import org.aubert.data.align.CtcForcedAligner;
import org.aubert.data.align.Emissions;

class EdgeWordsTest {
    private static final int BLANK = 0;
    private static final int DELIMITER = 1;
    private static final int VOCAB = 8;

    /** Labels of words of the given lengths (letters 2..6 cycling), delimiters between; wordOf as RecordingLocator builds it. */
    private static int[][] book(int... lengths) {
        List<Integer> ids = new ArrayList<>();
        List<Integer> owner = new ArrayList<>();
        for (int w = 0; w < lengths.length; w++) {
            if (w > 0) {
                ids.add(DELIMITER);
                owner.add(-1);
            }
            for (int k = 0; k < lengths[w]; k++) {
                ids.add(2 + (k % 5));
                owner.add(w);
            }
        }
        return new int[][]{ids.stream().mapToInt(Integer::intValue).toArray(), owner.stream().mapToInt(Integer::intValue).toArray()};
    }

    /** Frames mostly blank; {@code letters} frames hold letter 7 (which no word spells) at 0.9; then the labels, one frame each. */
    private static Emissions audio(int leadLetters, int[] located, int trailLetters) {
        return audio(leadLetters, located, trailLetters, true);
    }

    private static Emissions audio(int leadLetters, int[] located, int trailLetters, boolean blankEdges) {
        List<float[]> rows = new ArrayList<>();
        for (int i = 0; blankEdges && i < 3; i++) rows.add(row(BLANK, 0.98));
        for (int i = 0; i < leadLetters; i++) {
            rows.add(row(7, 0.9));
            rows.add(row(BLANK, 0.98));
        }
        for (int k = 0; k < located.length; k++) {
            rows.add(row(located[k], 0.9));
            if (blankEdges || k + 1 < located.length || trailLetters > 0) rows.add(row(BLANK, 0.98));
        }
        for (int i = 0; i < trailLetters; i++) {
            rows.add(row(7, 0.9));
            rows.add(row(BLANK, 0.98));
        }
        for (int i = 0; blankEdges && i < 3; i++) rows.add(row(BLANK, 0.98));
        return Emissions.of(rows.toArray(float[][]::new));
    }

    private static float[] row(int token, double p) {
        float[] r = new float[VOCAB];
        Arrays.fill(r, (float) Math.log((1 - p) / (VOCAB - 1)));
        r[token] = (float) Math.log(p);
        return r;
    }

    private static int[] extend(int[][] book, int first, int last, int lead, int trail, int maxWords) {
        int[] located = Arrays.copyOfRange(book[0], first, last + 1);
        Emissions e = audio(lead, located, trail);
        CtcAlignment path = new CtcForcedAligner(BLANK).align(e, located);
        return EdgeWords.extend(e, book[1], first, last, path, BLANK, DELIMITER, maxWords);
    }

    @Test
    void putsBackTheWordsWhoseLettersTheEdgeAudioHolds() {
        // words of 4, 3, 5, 5 and 2 letters; the path read the third and fourth (labels 9..19)
        int[][] b = book(4, 3, 5, 5, 2);
        assertArrayEquals(new int[]{9, 19}, extend(b, 9, 19, 0, 0, 6), "no letters heard outside: nothing added");
        assertArrayEquals(new int[]{5, 19}, extend(b, 9, 19, 3, 0, 6), "3 letters before: the 3-letter word");
        assertArrayEquals(new int[]{0, 19}, extend(b, 9, 19, 7, 0, 6), "7 letters before: both words");
        assertArrayEquals(new int[]{9, 22}, extend(b, 9, 19, 0, 2, 6), "2 letters after: the 2-letter word");
        assertArrayEquals(new int[]{9, 19}, extend(b, 9, 19, 7, 2, 0), "maxWords 0: off");
        assertArrayEquals(new int[]{9, 19}, extend(b, 9, 19, 7, 0, 1), "one word at most, and its 3 letters are no fit for 7");
        assertArrayEquals(new int[]{5, 19}, extend(b, 9, 19, 4, 0, 1), "one word at most: 3 letters for 4 heard");
    }

    @Test
    void aPathFromTheFirstToTheLastFrameAddsNothing() {
        int[][] b = book(4, 3, 5, 5, 2);
        int[] located = Arrays.copyOfRange(b[0], 9, 20);
        Emissions e = audio(0, located, 0, false);
        CtcAlignment path = new CtcForcedAligner(BLANK).align(e, located);
        assertEquals(e.frames(), path.end(located.length - 1), "the path's last label ends on the last frame");
        assertArrayEquals(new int[]{9, 19}, EdgeWords.extend(e, b[1], 9, 19, path, BLANK, DELIMITER, 6));
    }

    @Test
    void audioFarLongerThanTheWordsCouldReadAddsNothing() {
        // a spoken preface of 40 letters before a passage: the 7 letters of the two words before are no fit
        int[][] b = book(4, 3, 5, 5, 2);
        assertArrayEquals(new int[]{9, 19}, extend(b, 9, 19, 40, 0, 6));
    }

    @Test
    void aTextThatStartsMidWordFirstGetsItsWordsOnset() {
        // the path began on the third letter of the 5-letter word (label 11); 2 letters heard before: its own onset
        int[][] b = book(4, 3, 5, 5, 2);
        assertArrayEquals(new int[]{9, 19}, extend(b, 11, 19, 2, 0, 6));
    }
}
