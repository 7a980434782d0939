package org.aubert.examples.demo;

import java.awt.Color;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.knowm.xchart.AnnotationText;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

import org.aubert.core.audio.AudioReader;
import org.aubert.core.io.AtomicFiles;
import org.aubert.data.alignment.AlignmentFile;
import org.aubert.data.alignment.Utterance;
import org.aubert.data.alignment.WordTiming;

/** The demo's PNG plots: the pre-training curves, and one held-out utterance's waveform with true and aligned word boundaries. */
final class DemoPlots {
    static final double WAVEFORM_SECONDS = 6;
    private static final int COLUMNS = 1800;

    private DemoPlots() {}

    /** Copies the training curves the trainer drew in {@code runDir} into {@code plotsDir}. */
    static List<Path> trainingCurves(Path runDir, Path plotsDir) throws IOException {
        Files.createDirectories(plotsDir);
        List<Path> out = new ArrayList<>();
        for (String name : List.of("loss.png", "accuracy.png", "learning_rate.png")) {
            Path src = runDir.resolve(name);
            if (!Files.isRegularFile(src)) continue;
            Path dst = plotsDir.resolve("pretrain_" + name);
            AtomicFiles.write(dst, o -> Files.copy(src, o));
            out.add(dst);
        }
        return out;
    }

    /**
     * The first {@value #WAVEFORM_SECONDS} s of the first held-out piece that has aligned words: its waveform (min/max
     * per pixel column), true word starts and ends (green) and the aligner's (red), with the true words written above.
     */
    static Path waveform(DemoScorer scorer, Path alignedDir, Path out, List<String> pieces, Path file) throws IOException {
        Map<String, Utterance> aligned = new TreeMap<>();
        for (Path f : AlignmentFile.list(alignedDir)) {
            for (Utterance u : AlignmentFile.read(f).utterances()) if (u.words() != null && !u.words().isEmpty()) aligned.put(scorer.relative(u.fname()), u);
        }
        DemoScorer.Piece piece = null;
        for (String rel : pieces) {
            DemoScorer.Piece p = scorer.piece(rel);
            if (aligned.containsKey(rel) && (piece == null || p.recording().heldOut() && !piece.recording().heldOut())) piece = p;
        }
        if (piece == null) throw new IOException(alignedDir + ": no aligned utterance to plot");
        float[] x = AudioReader.load(out.resolve("cut").resolve(piece.rel()), piece.map().sampleRate(), true).samples();
        int rate = piece.map().sampleRate();
        int n = (int) Math.min(x.length, WAVEFORM_SECONDS * rate);
        double seconds = n / (double) rate;
        List<Double> t = new ArrayList<>();
        List<Double> y = new ArrayList<>();
        for (int c = 0; c < COLUMNS; c++) {
            int a = (int) ((long) c * n / COLUMNS);
            int b = Math.max(a + 1, (int) ((long) (c + 1) * n / COLUMNS));
            float lo = Float.MAX_VALUE, hi = -Float.MAX_VALUE;
            for (int i = a; i < Math.min(b, n); i++) {
                lo = Math.min(lo, x[i]);
                hi = Math.max(hi, x[i]);
            }
            t.add(a / (double) rate);
            y.add((double) lo);
            t.add(a / (double) rate);
            y.add((double) hi);
        }
        XYChart chart = new XYChartBuilder().width(1400).height(420)
                .title(piece.rel() + (piece.recording().heldOut() ? " (held out)" : "") + ": true word boundaries (green) and aligned to the true text (red)")
                .xAxisTitle("seconds").yAxisTitle("amplitude").build();
        chart.getStyler().setLegendVisible(false);
        chart.getStyler().setXAxisMin(0.0);
        chart.getStyler().setXAxisMax(seconds);
        XYSeries s = chart.addSeries("waveform", t, y);
        s.setMarker(SeriesMarkers.NONE);
        s.setLineColor(new Color(90, 90, 90));
        s.setLineWidth(0.6f);
        double top = y.stream().mapToDouble(Math::abs).max().orElse(1);
        for (WordTiming w : piece.recording().words()) {
            double a = piece.map().toPieceMs(w.startMs()) / 1000;
            double b = piece.map().toPieceMs(w.endMs()) / 1000;
            if (!(a >= 0 && b <= seconds)) continue;
            line(chart, a, top, new Color(0, 150, 0), 2f);
            line(chart, b, top, new Color(0, 150, 0), 2f);
            chart.addAnnotation(new AnnotationText(w.word(), (a + b) / 2, top * 1.05, false));
        }
        for (WordTiming w : aligned.get(piece.rel()).words()) {
            if (w.endMs() / 1000.0 > seconds) continue;
            line(chart, w.startMs() / 1000.0, top, new Color(210, 0, 0), 1f);
            line(chart, w.endMs() / 1000.0, top, new Color(210, 0, 0), 1f);
        }
        Files.createDirectories(file.getParent());
        AtomicFiles.write(file, o -> BitmapEncoder.saveBitmap(chart, o, BitmapEncoder.BitmapFormat.PNG));
        return file;
    }

    /** A vertical line as a two-point series (XChart 3.8's annotation lines share one colour). */
    private static void line(XYChart chart, double x, double height, Color color, float width) {
        XYSeries s = chart.addSeries("b" + chart.getSeriesMap().size(), new double[]{x, x}, new double[]{-height, height});
        s.setMarker(SeriesMarkers.NONE);
        s.setLineColor(color);
        s.setLineWidth(width);
    }
}
