import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;

import org.aubert.data.align.CtcAlignment;
import org.aubert.data.align.CtcForcedAligner;
import org.aubert.data.align.Emissions;

/**
 * Forced-alignment speed given emissions (not a test): synthetic log-probabilities of 50 frames/s over a 32-token
 * vocabulary, a transcript of 15 labels/s (characters and word delimiters, English read speech), emissions peaked
 * along a random path with pauses. Times (thread CPU time by default, wall clock with -Dwall=true) the default
 * banded search and the exact search (the baseline) on one thread, for 10, 30, 120 and 600 s, and prints the real-time factor and the cost per audio second relative to 10 s.
 *
 * Run: bench/align/run.sh
 */
public final class AlignBench {
    static final int FPS = 50;
    static final int VOCAB = 32;
    static final int BLANK = 0;

    record Case(Emissions e, int[] labels) {}

    static Case make(int seconds, long seed) {
        Random r = new Random(seed);
        int frames = seconds * FPS;
        int n = seconds * 15;
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) labels[i] = 1 + r.nextInt(VOCAB - 1);
        // Distribute the spare frames as blanks (pauses) and repeats at random.
        int spare = frames - CtcForcedAligner.requiredFrames(labels);
        int[] extra = new int[n + 1];
        for (int k = 0; k < spare; k++) extra[r.nextInt(n + 1)]++;
        List<Integer> path = new ArrayList<>(frames);
        for (int i = 0; i < n; i++) {
            if (i > 0 && labels[i] == labels[i - 1]) path.add(BLANK);
            int blanks = extra[i] / 2;
            for (int k = 0; k < blanks; k++) path.add(BLANK);
            for (int k = 0; k < 1 + extra[i] - blanks; k++) path.add(labels[i]);
        }
        for (int k = 0; k < extra[n]; k++) path.add(BLANK);
        float[] v = new float[frames * VOCAB];
        for (int t = 0; t < frames; t++) {
            for (int k = 0; k < VOCAB; k++) v[t * VOCAB + k] = (float) (r.nextGaussian() * 1.5);
            v[t * VOCAB + path.get(t)] += 4f;
        }
        return new Case(new Emissions(v, frames, VOCAB).logSoftmax(), labels);
    }

    static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    /** Median over {@code reps} runs of the thread's CPU time (or wall time when {@code wall}), in ms. */
    static double medianMs(CtcForcedAligner a, Case c, int reps, boolean wall) {
        double[] ms = new double[reps];
        double sink = 0;
        for (int i = 0; i < reps; i++) {
            long t0 = wall ? System.nanoTime() : THREADS.getCurrentThreadCpuTime();
            CtcAlignment x = a.align(c.e(), c.labels());
            ms[i] = ((wall ? System.nanoTime() : THREADS.getCurrentThreadCpuTime()) - t0) / 1e6;
            sink += x.score();
        }
        if (sink == 42) System.out.print("");
        Arrays.sort(ms);
        return ms[reps / 2];
    }

    public static void main(String[] args) {
        int[] durations = args.length > 0 ? Arrays.stream(args).mapToInt(Integer::parseInt).toArray() : new int[] {10, 30, 120, 600};
        CtcForcedAligner banded = new CtcForcedAligner(BLANK, CtcForcedAligner.Options.DEFAULT);
        CtcForcedAligner exact = new CtcForcedAligner(BLANK, CtcForcedAligner.Options.EXACT);
        CtcForcedAligner narrow = new CtcForcedAligner(BLANK, new CtcForcedAligner.Options(100, 0));
        // Warm-up (JIT) on a 30 s case.
        Case warm = make(30, 99);
        for (int i = 0; i < 30; i++) {
            banded.align(warm.e(), warm.labels());
            exact.align(warm.e(), warm.labels());
            narrow.align(warm.e(), warm.labels());
        }
        boolean wall = Boolean.getBoolean("wall");
        System.out.println((wall ? "wall-clock" : "thread CPU") + " time, median; xRT = audio seconds per second of one core");
        System.out.println("default = band 1000 states (exact below ~2000 states); band100 = 100 states; exact = no band (the baseline)");
        System.out.println("audio_s frames labels | default_ms   xRT ms/audio_s (vs 10 s) | band100_ms   xRT ms/audio_s (vs 10 s) | exact_ms  xRT ms/audio_s (vs 10 s) | exact/default | exact path found (default/band100)");
        double bandedPerSec10 = 0;
        double narrowPerSec10 = 0;
        double exactPerSec10 = 0;
        for (int s : durations) {
            Case c = make(s, s);
            int reps = s <= 30 ? 21 : s <= 120 ? 7 : 3;
            double b = medianMs(banded, c, reps, wall);
            double n = medianMs(narrow, c, reps, wall);
            double x = medianMs(exact, c, s >= 600 ? 1 : reps, wall);
            int[] ref = exact.align(c.e(), c.labels()).frameLabel();
            String same = (Arrays.equals(banded.align(c.e(), c.labels()).frameLabel(), ref) ? "yes" : "no") + "/"
                    + (Arrays.equals(narrow.align(c.e(), c.labels()).frameLabel(), ref) ? "yes" : "no");
            if (bandedPerSec10 == 0) { bandedPerSec10 = b / s; narrowPerSec10 = n / s; exactPerSec10 = x / s; }
            System.out.printf(Locale.ROOT, "%7d %6d %6d | %10.2f %5.0f %6.3f (%5.2fx) | %10.2f %5.0f %6.3f (%5.2fx) | %8.2f %4.0f %6.3f (%5.2fx) | %6.2f | %s%n",
                    s, c.e().frames(), c.labels().length, b, s * 1000 / b, b / s, (b / s) / bandedPerSec10,
                    n, s * 1000 / n, n / s, (n / s) / narrowPerSec10,
                    x, s * 1000 / x, x / s, (x / s) / exactPerSec10, x / b, same);
        }
    }
}
