package org.aubert.data.align;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

class EmissionWindowsTest {
    static final FrameGeometry STANDARD = new FrameGeometry(new int[] {10, 3, 3, 3, 3, 2, 2}, new int[] {5, 2, 2, 2, 2, 2, 2}, 16000);

    /**
     * A model whose frames depend only on their own receptive field (as a pure conv stack): frame j of an input
     * gets, for each token v, a nonlinear function of the samples [j*S, j*S + R).
     */
    static EmissionWindows.Model localModel(FrameGeometry g, int vocab) {
        int s = g.strideSamples();
        int r = g.receptiveField();
        return x -> {
            int frames = g.frames(x.length);
            float[] out = new float[frames * vocab];
            for (int j = 0; j < frames; j++) {
                for (int v = 0; v < vocab; v++) {
                    double acc = 0;
                    for (int i = 0; i < r; i++) acc += x[j * s + i] * Math.cos(0.37 * i * (v + 1));
                    out[j * vocab + v] = (float) Math.tanh(acc / Math.sqrt(r));
                }
            }
            return new Emissions(out, frames, vocab);
        };
    }

    static float[] noise(Random r, int n) {
        float[] x = new float[n];
        for (int i = 0; i < n; i++) x[i] = (float) r.nextGaussian();
        return x;
    }

    @Test
    void stitchingEqualsTheUnwindowedResultForALocalModel() throws Exception {
        FrameGeometry small = new FrameGeometry(new int[] {4, 3}, new int[] {2, 2}, 100);
        assertEquals(4, small.strideSamples());
        assertEquals(8, small.receptiveField());
        Random r = new Random(11);
        EmissionWindows.Model model = localModel(small, 3);
        int cases = 0;
        for (int window = 12; window <= 40; window += 7) {
            for (int overlap = 4; overlap < window - 4; overlap += 5) {
                EmissionWindows w = new EmissionWindows(small, window, overlap);
                for (int n = 8; n < 160; n += 3) {
                    float[] x = noise(r, n);
                    Emissions full = model.emissions(x);
                    Emissions stitched = w.compute(x, model);
                    assertEquals(full.frames(), stitched.frames(), "n=" + n);
                    assertArrayEquals(full.values(), stitched.values(), "window " + window + " overlap " + overlap + " n " + n);
                    checkPlan(w.plan(n), small, n, window);
                    cases++;
                }
            }
        }
        assertTrue(cases > 500);
    }

    @Test
    void thirtyFiveSecondsInTenSecondWindowsOfTheStandardStack() throws Exception {
        Random r = new Random(5);
        int n = 35 * 16000 + 123;
        float[] x = noise(r, n);
        EmissionWindows w = new EmissionWindows(STANDARD, 10 * 16000, 2 * 16000);
        List<EmissionWindows.Window> plan = w.plan(n);
        assertEquals(5, plan.size());
        checkPlan(plan, STANDARD, n, 10 * 16000);
        EmissionWindows.Model model = localModel(STANDARD, 2);
        Emissions full = model.emissions(x);
        assertEquals(1750, full.frames());
        assertArrayEquals(full.values(), w.compute(x, model).values());
        // Short audio: a single window, the whole input.
        assertEquals(List.of(new EmissionWindows.Window(0, 16000, 0, 0, 49)), w.plan(16000));
    }

    /** Windows start on strides, have the right length, and their kept frames tile [0, frames) inside each window. */
    static void checkPlan(List<EmissionWindows.Window> plan, FrameGeometry g, int n, int window) {
        int s = g.strideSamples();
        int next = 0;
        for (int k = 0; k < plan.size(); k++) {
            EmissionWindows.Window w = plan.get(k);
            assertEquals(0, w.startSample() % s);
            assertEquals(w.startSample() / s, w.firstFrame());
            if (k < plan.size() - 1) assertEquals(window, w.samples());
            else assertEquals(n, w.endSample());
            assertEquals(next, w.keepFrom());
            assertTrue(w.keepFrom() >= w.firstFrame() && w.keepTo() <= w.firstFrame() + g.frames(w.samples()), w.toString());
            assertTrue(w.keepTo() > w.keepFrom() || plan.size() == 1, w.toString());
            next = w.keepTo();
        }
        assertEquals(g.frames(n), next);
    }

    @Test
    void refusesWindowsThatCannotTile() {
        assertThrows(IllegalArgumentException.class, () -> new EmissionWindows(STANDARD, 500, 100));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new EmissionWindows(STANDARD, 16000, 40));
        assertTrue(e.getMessage().contains("receptive field minus one stride (80"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new EmissionWindows(STANDARD, 16000, 15900));
        EmissionWindows w = new EmissionWindows(STANDARD, 16000, 800);
        assertThrows(IllegalArgumentException.class, () -> w.plan(399));
        List<EmissionWindows.Window> plan = w.plan(40000);
        Emissions wrong = new Emissions(new float[3], 3, 1);
        IllegalArgumentException x = assertThrows(IllegalArgumentException.class,
                () -> w.stitch(plan, plan.stream().map(p -> wrong).toList()));
        assertTrue(x.getMessage().contains("should give 49 x 1"), x.getMessage());
    }
}
