package org.aubert.nn.train;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;

import org.aubert.core.io.AtomicFiles;

/** PNG curves drawn from {@code metrics.jsonl}: {@code loss.png}, {@code accuracy.png} (AuBERT), {@code error_rate.png} (CTC),
 * {@code learning_rate.png}; a chart without any series is not written. */
public final class TrainingCurves {
    private TrainingCurves() {}

    /** Draws the curves of the log in {@code dir} into {@code dir}; returns the files written. */
    public static List<Path> write(Path dir) throws IOException {
        System.setProperty("java.awt.headless", "true");
        List<JsonNode> records = new MetricsLog(dir).read();
        List<Path> written = new ArrayList<>();
        save(written, dir.resolve("loss.png"), chart("Loss", "loss", records,
                new String[]{"train", "loss", "train loss"}, new String[]{"eval", "loss", "validation loss"}));
        save(written, dir.resolve("accuracy.png"), chart("Retrieval accuracy", "accuracy", records,
                new String[]{"train", "t2a_accuracy", "train text→audio"}, new String[]{"train", "a2t_accuracy", "train audio→text"},
                new String[]{"eval", "t2a_accuracy", "validation text→audio"}, new String[]{"eval", "a2t_accuracy", "validation audio→text"},
                new String[]{"eval", "chance", "chance"}));
        save(written, dir.resolve("error_rate.png"), chart("Error rate (greedy CTC decoding)", "error rate", records,
                new String[]{"eval", "cer", "validation CER"}, new String[]{"eval", "wer", "validation WER"}));
        save(written, dir.resolve("learning_rate.png"), chart("Learning rate", "learning rate", records,
                new String[]{"train", "lr", "learning rate"}));
        return written;
    }

    /** Each series: {type, key, label}; records without a finite value for the key are left out. */
    private static XYChart chart(String title, String yLabel, List<JsonNode> records, String[]... series) {
        XYChart c = new XYChartBuilder().width(900).height(500).title(title).xAxisTitle("step").yAxisTitle(yLabel).build();
        c.getStyler().setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
        c.getStyler().setMarkerSize(3);
        for (String[] s : series) {
            List<Double> x = new ArrayList<>();
            List<Double> y = new ArrayList<>();
            for (JsonNode n : records) {
                JsonNode v = n.get(s[1]);
                if (s[0].equals(n.path("type").asText()) && v != null && v.isNumber() && Double.isFinite(v.asDouble())) {
                    x.add(n.path("step").asDouble());
                    y.add(v.asDouble());
                }
            }
            if (!x.isEmpty()) c.addSeries(s[2], x, y);
        }
        return c;
    }

    private static void save(List<Path> written, Path file, XYChart chart) throws IOException {
        if (chart.getSeriesMap().isEmpty()) return;
        AtomicFiles.write(file, out -> BitmapEncoder.saveBitmap(chart, out, BitmapEncoder.BitmapFormat.PNG));
        written.add(file);
    }
}
