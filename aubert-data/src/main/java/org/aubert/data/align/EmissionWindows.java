package org.aubert.data.align;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Emissions of long audio computed window by window and stitched, so that a long piece never needs one huge
 * forward pass.
 *
 * <p>Windows start on frame boundaries (multiples of the frame stride), every {@code windowSamples - overlapSamples}
 * samples rounded down to a stride, and are {@code windowSamples} long; the last one ends at the end of the audio
 * (it starts on the last stride boundary that leaves it at least {@code windowSamples}, so it may be up to one stride
 * longer). Neighbours overlap by at least {@code overlapSamples}, which must be at least {@code R - S} so that every
 * frame lies wholly inside some window. Window {@code k}'s local frame {@code j} is global frame {@code start_k / S + j} and sees
 * exactly the samples that global frame sees. Each overlap is cut in its middle: a global frame is taken from the
 * window in which it lies furthest from an edge, where the model had the most context. With a model whose frames
 * depend only on their own receptive field the stitched emissions therefore equal the unwindowed ones exactly;
 * with a real transformer they differ only by the missing far context.
 *
 * <p>The samples are cut as given: normalise the whole utterance first (as one forward pass would see it).
 */
public final class EmissionWindows {

    /** The emissions of one window of samples; must return {@code geometry.frames(samples.length)} frames. */
    @FunctionalInterface
    public interface Model {
        Emissions emissions(float[] samples) throws IOException;
    }

    /**
     * One window: samples {@code [startSample, endSample)}, whose first frame is global frame {@code firstFrame};
     * it contributes global frames {@code [keepFrom, keepTo)}.
     */
    public record Window(int startSample, int endSample, int firstFrame, int keepFrom, int keepTo) {
        public int samples() { return endSample - startSample; }
    }

    private final FrameGeometry geometry;
    private final int windowSamples;
    private final int overlapSamples;

    /**
     * @param windowSamples  length of a window; at least the receptive field plus one stride
     * @param overlapSamples overlap between neighbouring windows: at least the receptive field minus one stride,
     *                       and less than the window minus one stride
     */
    public EmissionWindows(FrameGeometry geometry, int windowSamples, int overlapSamples) {
        int stride = geometry.strideSamples();
        if (windowSamples < geometry.receptiveField() + stride) {
            throw new IllegalArgumentException("window of " + windowSamples + " samples is shorter than the receptive field ("
                    + geometry.receptiveField() + ") plus one stride (" + stride + ")");
        }
        int minOverlap = geometry.receptiveField() - stride;
        if (overlapSamples < minOverlap || windowSamples - overlapSamples < stride) {
            throw new IllegalArgumentException("overlap of " + overlapSamples + " samples must be at least the receptive field minus one stride ("
                    + minOverlap + ", else frames across a window edge are lost) and leave at least one stride (" + stride + ") of a "
                    + windowSamples + "-sample window");
        }
        this.geometry = geometry;
        this.windowSamples = windowSamples;
        this.overlapSamples = overlapSamples;
    }

    public FrameGeometry geometry() { return geometry; }

    /** The windows for {@code samples} samples; one window when they fit in one. */
    public List<Window> plan(int samples) {
        int total = geometry.frames(samples);
        if (total < 1) throw new IllegalArgumentException(samples + " samples are too few for one frame");
        int stride = geometry.strideSamples();
        List<int[]> spans = new ArrayList<>();
        if (samples <= windowSamples) {
            spans.add(new int[] {0, samples});
        } else {
            int step = Math.max(stride, (windowSamples - overlapSamples) / stride * stride);
            int lastStart = (samples - windowSamples) / stride * stride;
            for (int start = 0; ; start += step) {
                if (start >= lastStart) {
                    spans.add(new int[] {lastStart, samples});
                    break;
                }
                spans.add(new int[] {start, start + windowSamples});
            }
        }
        List<Window> out = new ArrayList<>();
        int keepFrom = 0;
        for (int k = 0; k < spans.size(); k++) {
            int first = spans.get(k)[0] / stride;
            int end = first + geometry.frames(spans.get(k)[1] - spans.get(k)[0]);
            int keepTo;
            if (k == spans.size() - 1) {
                keepTo = end;
            } else {
                int nextFirst = spans.get(k + 1)[0] / stride;
                keepTo = (nextFirst + end) / 2;
            }
            out.add(new Window(spans.get(k)[0], spans.get(k)[1], first, keepFrom, keepTo));
            keepFrom = keepTo;
        }
        if (keepFrom != total) throw new IllegalStateException("windows cover " + keepFrom + " frames, the audio has " + total);
        return out;
    }

    /** Runs {@code model} on each window of {@code samples} and stitches the result ({@link #stitch}). */
    public Emissions compute(float[] samples, Model model) throws IOException {
        List<Window> windows = plan(samples.length);
        List<Emissions> parts = new ArrayList<>(windows.size());
        for (Window w : windows) {
            float[] chunk = new float[w.samples()];
            System.arraycopy(samples, w.startSample(), chunk, 0, chunk.length);
            parts.add(model.emissions(chunk));
        }
        return stitch(windows, parts);
    }

    /** Keeps each window's frames {@code [keepFrom, keepTo)} and concatenates them. */
    public Emissions stitch(List<Window> windows, List<Emissions> parts) {
        if (windows.size() != parts.size()) throw new IllegalArgumentException(windows.size() + " windows but " + parts.size() + " emissions");
        int vocab = parts.get(0).vocab();
        int total = windows.get(windows.size() - 1).keepTo();
        float[] out = new float[Math.multiplyExact(total, vocab)];
        for (int k = 0; k < windows.size(); k++) {
            Window w = windows.get(k);
            Emissions e = parts.get(k);
            int expected = geometry.frames(w.samples());
            if (e.frames() != expected || e.vocab() != vocab) {
                throw new IllegalArgumentException("window " + k + " of " + w.samples() + " samples should give " + expected + " x " + vocab
                        + " emissions, got " + e.frames() + " x " + e.vocab());
            }
            System.arraycopy(e.values(), (w.keepFrom() - w.firstFrame()) * vocab, out, w.keepFrom() * vocab,
                    (w.keepTo() - w.keepFrom()) * vocab);
        }
        return new Emissions(out, total, vocab);
    }
}
