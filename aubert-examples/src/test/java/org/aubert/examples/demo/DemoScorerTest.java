package org.aubert.examples.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.Test;

/** The span overlap measures of the demo's matching score and its boundary error. */
class DemoScorerTest {
    @Test
    void iouOfTwoSpans() {
        assertEquals(1.0, DemoScorer.iou(10, 20, 10, 20));
        assertEquals(5 / 15.0, DemoScorer.iou(10, 20, 15, 25), 1e-12);
        assertEquals(0.0, DemoScorer.iou(10, 20, 30, 40));
    }

    @Test
    void passageIouJoinsOverlappingPiecesAndCountsStrayOnesAgainstIt() {
        // pieces tile the passage [100, 200) with overlaps: a perfect cover
        assertEquals(1.0, DemoScorer.unionIou(List.of(new int[]{150, 200}, new int[]{100, 120}, new int[]{110, 160}), 100, 200), 1e-12);
        // a gap of 10 chars: 90 covered of 100
        assertEquals(0.9, DemoScorer.unionIou(List.of(new int[]{100, 140}, new int[]{150, 200}), 100, 200), 1e-12);
        // a piece matched elsewhere (50 chars) widens the union: 100 / 150
        assertEquals(100 / 150.0, DemoScorer.unionIou(List.of(new int[]{100, 200}, new int[]{500, 550}), 100, 200), 1e-12);
        // overhanging the passage's start by 20
        assertEquals(100 / 120.0, DemoScorer.unionIou(List.of(new int[]{80, 200}), 100, 200), 1e-12);
        assertEquals(0.0, DemoScorer.unionIou(List.of(), 100, 200));
    }

    @Test
    void boundaryErrorsAreMeasuredInThePiecesTimeWhenThePieceHoldsTheTruth() {
        // piece [0, 1) s = recording [1, 2) s, piece [1, 1.5) s = recording [3, 3.5) s: cut dropped [2, 3) s of pause
        PieceMap map = new PieceMap("r.flac", 0, 16000, List.of(new long[]{0, 16000, 16000}, new long[]{16000, 48000, 8000}));
        // a word starting at the join (recording 3000 ms = piece 1000 ms) aligned 10 ms early: 10 ms, not the 1010 ms
        // that mapping the aligned time back to the recording would give
        assertEquals(10.0, DemoScorer.boundaryError(map, 990, 3000), 1e-9);
        assertEquals(1010.0, Math.abs(map.toSourceMs(990) - 3000), 1e-9);
        assertEquals(25.0, DemoScorer.boundaryError(map, 1225, 3200), 1e-9);
        // a true time the piece does not hold (inside the dropped pause) is compared in the recording's time
        assertEquals(505.0, DemoScorer.boundaryError(map, 995, 2500), 1e-9);
    }
}
