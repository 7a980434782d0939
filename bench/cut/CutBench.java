import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.aubert.core.audio.Audio;
import org.aubert.core.audio.AudioReader;
import org.aubert.core.audio.AudioWriter;
import org.aubert.data.vad.CutConfig;
import org.aubert.data.vad.CutSummary;
import org.aubert.data.vad.EnergyVad;
import org.aubert.data.vad.EnergyVadConfig;
import org.aubert.data.vad.FrameAccuracy;
import org.aubert.data.vad.VadCutter;
import org.aubert.data.vad.VadSegment;
import org.aubert.data.vad.VadSource;

/**
 * VAD cutting benchmark (not a test). Builds a libri-light tree of FILES files of MINUTES minutes each by tiling the
 * synthetic fixture (speech in pink noise, with its true spans as voice_activity), then measures on one thread:
 *   baseline  decode every FLAC (AudioReader) and re-encode it whole (AudioWriter.writeFlac): audio s / wall s
 *   cut meta  VadCutter with the JSON VAD lists;   cut energy  VadCutter with EnergyVad
 *   vad       EnergyVad.detect on decoded audio (x real time, one core) vs a plain frame-RMS pass over the same audio
 * (one warm-up round, then the best of 3), and, when a held-out fixture folder is given (tools/vad/make_vad_fixture.py OUT --seed 11 --sentences-per-file 4),
 * EnergyVad's frame accuracy on it. Ratios are against the baselines measured in the same run.
 *
 * usage: java -cp <aubert-examples-*-all.jar> bench/cut/CutBench.java FIXTURE_DIR WORK_DIR [FILES MINUTES [HELDOUT_DIR]]
 */
public class CutBench {
    static final ObjectMapper JSON = new ObjectMapper();
    static final int REPS = 3;

    public static void main(String[] args) throws Exception {
        Path fixture = Path.of(args[0]);
        Path work = Path.of(args[1]);
        int files = args.length > 2 ? Integer.parseInt(args[2]) : 6;
        double minutes = args.length > 3 ? Double.parseDouble(args[3]) : 5;
        Path in = work.resolve("in");
        deleteTree(work);
        List<float[]> all = buildTree(fixture, in, files, minutes);
        double audioSec = all.stream().mapToDouble(a -> a.length / 16000.0).sum();
        System.out.printf(Locale.ROOT, "tree: %d files, %.0f s of 16 kHz audio%n", files, audioSec);

        // one warm-up round of each, then the best of REPS rounds (outputs overwritten)
        double base = Double.MAX_VALUE;
        double meta = Double.MAX_VALUE;
        double energy = Double.MAX_VALUE;
        for (int rep = 0; rep <= REPS; rep++) {
            double b = timeBaseline(in, work.resolve("base"));
            double m = timeCut(in, work.resolve("meta"), VadSource.META, rep == REPS);
            double e = timeCut(in, work.resolve("energy"), VadSource.ENERGY, rep == REPS);
            if (rep == 0) continue;
            base = Math.min(base, b);
            meta = Math.min(meta, m);
            energy = Math.min(energy, e);
        }
        System.out.printf(Locale.ROOT, "baseline decode+encode whole file: %.1f audio s / wall s%n", audioSec / base);
        System.out.printf(Locale.ROOT, "cut --vad meta:   %.1f audio s / wall s (%.2fx baseline)%n", audioSec / meta, base / meta);
        System.out.printf(Locale.ROOT, "cut --vad energy: %.1f audio s / wall s (%.2fx baseline)%n", audioSec / energy, base / energy);

        EnergyVad vad = new EnergyVad(EnergyVadConfig.defaults());
        double rms = Double.MAX_VALUE;
        double det = Double.MAX_VALUE;
        double sink = 0;
        for (int rep = 0; rep <= REPS; rep++) { // round 0 is warm-up for both
            long t = System.nanoTime();
            for (float[] a : all) sink += plainFrameRms(a);
            if (rep > 0) rms = Math.min(rms, (System.nanoTime() - t) / 1e9);
            t = System.nanoTime();
            for (float[] a : all) sink += vad.detect(a, 16000).size();
            if (rep > 0) det = Math.min(det, (System.nanoTime() - t) / 1e9);
        }
        System.out.printf(Locale.ROOT, "plain 25 ms/10 ms frame RMS: %.0fx real time (one core)%n", audioSec / rms);
        System.out.printf(Locale.ROOT, "EnergyVad.detect:            %.0fx real time (one core), %.2fx the plain RMS pass's time [%s]%n",
                audioSec / det, det / rms, sink > 0 ? "ok" : "?");

        if (args.length > 4) heldOut(Path.of(args[4]), vad);
        deleteTree(work);
    }

    static List<float[]> buildTree(Path fixture, Path in, int files, double minutes) throws Exception {
        JsonNode spans = JSON.readTree(fixture.resolve("spans.json").toFile()).get("files");
        List<float[]> clips = new ArrayList<>();
        List<List<double[]>> clipSpans = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = spans.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            clips.add(AudioReader.readMono(fixture.resolve(e.getKey() + ".flac"), false).samples());
            List<double[]> s = new ArrayList<>();
            for (JsonNode p : e.getValue().get("speech")) s.add(new double[] {p.get(0).asDouble(), p.get(1).asDouble()});
            clipSpans.add(s);
        }
        List<float[]> out = new ArrayList<>();
        int target = (int) (minutes * 60 * 16000);
        for (int f = 0; f < files; f++) {
            float[] x = new float[target];
            StringBuilder vad = new StringBuilder("{\"voice_activity\": [");
            int at = 0;
            boolean first = true;
            for (int k = f; at < target; k++) {
                float[] c = clips.get(k % clips.size());
                int n = Math.min(c.length, target - at);
                System.arraycopy(c, 0, x, at, n);
                for (double[] s : clipSpans.get(k % clips.size())) {
                    double a = at / 16000.0 + s[0];
                    double b = Math.min(at / 16000.0 + s[1], target / 16000.0);
                    if (a >= b) continue;
                    vad.append(first ? "" : ", ").append(String.format(Locale.ROOT, "[%.4f, %.4f]", a, b));
                    first = false;
                }
                at += n;
            }
            vad.append("]}");
            Path book = in.resolve("spk" + (f % 3)).resolve("book" + f);
            Files.createDirectories(book);
            AudioWriter.writeFlac(book.resolve("part" + f + ".flac"), Audio.mono(x, 16000));
            Files.writeString(book.resolve("part" + f + ".json"), vad.toString());
            out.add(x);
        }
        return out;
    }

    static double timeBaseline(Path in, Path out) throws Exception {
        long t = System.nanoTime();
        List<Path> flacs;
        try (var s = Files.walk(in)) {
            flacs = s.filter(p -> p.toString().endsWith(".flac")).sorted().toList();
        }
        for (Path p : flacs) {
            Audio a = AudioReader.read(p);
            AudioWriter.writeFlac(out.resolve(in.relativize(p)), a);
        }
        return (System.nanoTime() - t) / 1e9;
    }

    static double timeCut(Path in, Path out, VadSource src, boolean print) throws Exception {
        CutSummary s = new VadCutter(CutConfig.defaults().withSource(src).withOverwrite(true)).cut(in, out, null);
        if (!s.failures().isEmpty()) throw new IllegalStateException(s.line());
        if (print) System.out.println("  " + s.line());
        return s.wallSec();
    }

    static double plainFrameRms(float[] x) {
        double acc = 0;
        for (int s = 0; s + 400 <= x.length; s += 160) {
            double e = 0;
            for (int i = s; i < s + 400; i++) e += (double) x[i] * x[i];
            acc += Math.sqrt(e / 400);
        }
        return acc;
    }

    static void heldOut(Path dir, EnergyVad vad) throws Exception {
        JsonNode files = JSON.readTree(dir.resolve("spans.json").toFile()).get("files");
        double agree = 0;
        double total = 0;
        for (Iterator<Map.Entry<String, JsonNode>> it = files.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            Audio a = AudioReader.readMono(dir.resolve(e.getKey() + ".flac"), false);
            List<VadSegment> truth = new ArrayList<>();
            for (JsonNode p : e.getValue().get("speech")) truth.add(new VadSegment(p.get(0).asDouble(), p.get(1).asDouble()));
            double acc = FrameAccuracy.of(truth, vad.detect(a.samples(), a.sampleRate()), a.durationSeconds(), 0.01);
            int n = (int) Math.floor(a.durationSeconds() / 0.01);
            agree += acc * n;
            total += n;
            System.out.printf(Locale.ROOT, "held-out %s: frame accuracy %.4f (%d frames)%n", e.getKey(), acc, n);
        }
        System.out.printf(Locale.ROOT, "held-out overall: %.4f%n", agree / total);
    }

    static void deleteTree(Path d) throws Exception {
        if (!Files.exists(d)) return;
        try (var s = Files.walk(d)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) Files.delete(p);
        }
    }
}
