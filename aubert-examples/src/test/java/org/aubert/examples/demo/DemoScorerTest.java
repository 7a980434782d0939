package org.aubert.examples.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.Test;

/** The span overlap measures of the demo's matching score. */
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
}
