package org.aubert.data.align;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.aubert.core.io.AtomicFiles;

/**
 * Where, inside the gap a CTC model leaves between two words' character spikes, the words really meet: a shift from
 * the gap's midpoint, learnt from reference word times.
 *
 * <p>A CTC model puts a letter's spike at a characteristic place inside its sound, and how far that is from the word's
 * edge depends on the sound: the spike of a final silent "e" or of a word-initial "th" sits elsewhere than that of a
 * final "t". The shift is linear in a few features of the two words: a constant, the gap's length, and one learnt
 * offset each for the previous word's last letter and last two letters and the next word's first letter and first two
 * letters. It is fitted by ridge regression (the offsets shrink towards 0 by {@code ridge}; the constant and the
 * gap's slope are not shrunk). Letters never seen in fitting add nothing.
 *
 * <p>Two more shifts apply where the placer finds a pause: a word that ends at a silence ends {@code silenceEndMs}
 * later than the silence's first hop (its sound fades below the threshold before the reference's end: on the demo
 * by 12-19 ms), and a word that starts after a pause starts {@code silenceStartMs} later than the silence's last hop.
 * They are medians over reference words, robust to the few words the model misplaces.
 *
 * <p>All shifts belong to one CTC model (its spike timing), one orthography and one energy placement.
 * {@link WordBoundaryPlacer} applies them; {@code aubert calibrate-boundaries} fits them.
 *
 * @param ridge          the ridge weight the offsets were fitted with
 * @param gaps           how many gaps they were fitted on
 * @param interceptMs    the constant shift
 * @param msPer100MsGap  the shift per 100 ms of gap length
 * @param offsetsMs      per letter feature ({@code end1:t}, {@code end2:nt}, {@code start1:t}, {@code start2:th}), in ms
 * @param silenceEndMs   shift of a word end placed at the start of a silence (before a pause, and the last word's end)
 * @param silenceStartMs shift of a word start placed at the end of a pause
 */
public record BoundaryCalibration(double ridge, int gaps, double interceptMs, double msPer100MsGap, Map<String, Double> offsetsMs,
                                  double silenceEndMs, double silenceStartMs) {

    /** No shifts: gaps split at their midpoints, silence edges where the placer finds them. */
    public static final BoundaryCalibration NONE = new BoundaryCalibration(0, 0, 0, 0, Map.of());

    /** The {@code format} value of a calibration file. */
    public static final String FORMAT = "aubert-boundary-calibration";
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    public BoundaryCalibration {
        if (!(ridge >= 0)) throw new IllegalArgumentException("ridge must be >= 0, got " + ridge);
        if (gaps < 0) throw new IllegalArgumentException("gaps must be >= 0, got " + gaps);
        if (!Double.isFinite(interceptMs) || !Double.isFinite(msPer100MsGap) || !Double.isFinite(silenceEndMs) || !Double.isFinite(silenceStartMs)) {
            throw new IllegalArgumentException("non-finite coefficient");
        }
        for (Map.Entry<String, Double> e : offsetsMs.entrySet()) {
            if (e.getValue() == null || !Double.isFinite(e.getValue())) throw new IllegalArgumentException("offset " + e.getKey() + " is not finite");
        }
        offsetsMs = Collections.unmodifiableMap(new TreeMap<>(offsetsMs));
    }

    /** Gap shifts only; words at a silence keep the placer's times. */
    public BoundaryCalibration(double ridge, int gaps, double interceptMs, double msPer100MsGap, Map<String, Double> offsetsMs) {
        this(ridge, gaps, interceptMs, msPer100MsGap, offsetsMs, 0, 0);
    }

    /** This calibration with the silence shifts set to the medians of the residuals (reference minus placed, ms). */
    public BoundaryCalibration withSilenceShifts(double[] endResiduals, double[] startResiduals) {
        return new BoundaryCalibration(ridge, gaps, interceptMs, msPer100MsGap, offsetsMs, median(endResiduals), median(startResiduals));
    }

    /** The median, 0 for none. */
    static double median(double[] x) {
        if (x.length == 0) return 0;
        double[] s = x.clone();
        java.util.Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }

    /**
     * One gap between two words, with where a reference places their boundary.
     *
     * @param previousEndMs where the CTC alignment ends the previous word (its last spike)
     * @param nextStartMs   where it starts the next word (its first spike)
     * @param referenceMs   where the reference puts the boundary
     */
    public record Gap(String previousWord, String nextWord, double previousEndMs, double nextStartMs, double referenceMs) {
        public Gap {
            if (previousWord == null || previousWord.isEmpty() || nextWord == null || nextWord.isEmpty()) throw new IllegalArgumentException("empty word");
            if (!(nextStartMs >= previousEndMs)) throw new IllegalArgumentException("gap ends (" + nextStartMs + " ms) before it starts (" + previousEndMs + " ms)");
            if (!Double.isFinite(referenceMs)) throw new IllegalArgumentException("reference time is not finite");
        }

        double midpointMs() { return (previousEndMs + nextStartMs) / 2; }

        double lengthMs() { return nextStartMs - previousEndMs; }
    }

    /** The shift from the midpoint of the gap between {@code previousWord} and {@code nextWord}, in ms. */
    public double shiftMs(String previousWord, String nextWord, double gapMs) {
        double s = interceptMs + msPer100MsGap * gapMs / 100;
        if (offsetsMs.isEmpty()) return s;
        for (String f : letterFeatures(previousWord, nextWord)) s += offsetsMs.getOrDefault(f, 0.0);
        return s;
    }

    /** Where the boundary goes: the calibrated point, kept inside the gap (so each word keeps its spikes). */
    public double boundaryMs(String previousWord, String nextWord, double previousEndMs, double nextStartMs) {
        double p = (previousEndMs + nextStartMs) / 2 + shiftMs(previousWord, nextWord, nextStartMs - previousEndMs);
        return Math.min(nextStartMs, Math.max(previousEndMs, p));
    }

    /** Fits the shift to {@code gaps} by ridge regression with weight {@code ridge} on the letter offsets. */
    public static BoundaryCalibration fit(List<Gap> gaps, double ridge) {
        if (!(ridge > 0)) throw new IllegalArgumentException("ridge must be > 0, got " + ridge);
        if (gaps.size() < 2) throw new IllegalArgumentException("need at least 2 gaps to fit, got " + gaps.size());
        Map<String, Integer> index = new LinkedHashMap<>();
        for (Gap g : gaps) {
            for (String f : letterFeatures(g.previousWord(), g.nextWord())) index.putIfAbsent(f, index.size() + 2);
        }
        int n = index.size() + 2;
        double[][] a = new double[n][n];
        double[] b = new double[n];
        int[] cols = new int[6];
        double[] vals = new double[6];
        for (Gap g : gaps) {
            List<String> fs = letterFeatures(g.previousWord(), g.nextWord());
            int k = 0;
            cols[k] = 0;
            vals[k++] = 1;
            cols[k] = 1;
            vals[k++] = g.lengthMs() / 100;
            for (String f : fs) {
                cols[k] = index.get(f);
                vals[k++] = 1;
            }
            double y = g.referenceMs() - g.midpointMs();
            for (int i = 0; i < k; i++) {
                b[cols[i]] += vals[i] * y;
                for (int j = 0; j < k; j++) a[cols[i]][cols[j]] += vals[i] * vals[j];
            }
        }
        for (int i = 2; i < n; i++) a[i][i] += ridge;
        // The constant and the slope are not shrunk; a tiny diagonal keeps the system solvable when every gap has one length.
        a[0][0] += 1e-9;
        a[1][1] += 1e-9;
        double[] w = solveSymmetric(a, b);
        Map<String, Double> offsets = new LinkedHashMap<>();
        for (Map.Entry<String, Integer> e : index.entrySet()) offsets.put(e.getKey(), w[e.getValue()]);
        return new BoundaryCalibration(ridge, gaps.size(), w[0], w[1], offsets);
    }

    /** Mean absolute error (ms) against the references of splitting each gap at its midpoint. */
    public static double midpointError(List<Gap> gaps) { return NONE.error(gaps); }

    /** Mean absolute error (ms) against the references of this calibration's boundaries. */
    public double error(List<Gap> gaps) {
        return gaps.stream().mapToDouble(g -> Math.abs(boundaryMs(g.previousWord(), g.nextWord(), g.previousEndMs(), g.nextStartMs())
                - g.referenceMs())).average().orElse(Double.NaN);
    }

    /**
     * Mean absolute error (ms) over the gaps of every group (e.g. one speaker's) placed by a calibration fitted on the
     * other groups: how well the calibration carries to a voice it has not seen. A group whose others hold fewer than
     * 2 gaps is left out; NaN when no group is left.
     */
    public static double crossValidatedError(List<Gap> gaps, List<String> groups, double ridge) {
        if (groups.size() != gaps.size()) throw new IllegalArgumentException(groups.size() + " groups for " + gaps.size() + " gaps");
        List<String> distinct = groups.stream().distinct().sorted().toList();
        if (distinct.size() < 2) return Double.NaN;
        double sum = 0;
        int n = 0;
        for (String held : distinct) {
            List<Gap> train = new ArrayList<>();
            List<Gap> test = new ArrayList<>();
            for (int i = 0; i < gaps.size(); i++) (groups.get(i).equals(held) ? test : train).add(gaps.get(i));
            if (train.size() < 2) continue;
            sum += fit(train, ridge).error(test) * test.size();
            n += test.size();
        }
        return n == 0 ? Double.NaN : sum / n;
    }

    static List<String> letterFeatures(String previousWord, String nextWord) {
        String p = previousWord.toLowerCase(java.util.Locale.ROOT);
        String q = nextWord.toLowerCase(java.util.Locale.ROOT);
        List<String> out = new ArrayList<>(4);
        out.add("end1:" + p.substring(p.length() - 1));
        if (p.length() >= 2) out.add("end2:" + p.substring(p.length() - 2));
        out.add("start1:" + q.substring(0, 1));
        if (q.length() >= 2) out.add("start2:" + q.substring(0, 2));
        return out;
    }

    /** Solves {@code a x = b} for a symmetric positive definite {@code a} (Cholesky); {@code a} is overwritten. */
    private static double[] solveSymmetric(double[][] a, double[] b) {
        int n = b.length;
        for (int j = 0; j < n; j++) {
            double d = a[j][j];
            for (int k = 0; k < j; k++) d -= a[j][k] * a[j][k];
            if (!(d > 0)) throw new IllegalArgumentException("the calibration's equations are singular (feature " + j + ")");
            a[j][j] = Math.sqrt(d);
            for (int i = j + 1; i < n; i++) {
                double s = a[i][j];
                for (int k = 0; k < j; k++) s -= a[i][k] * a[j][k];
                a[i][j] = s / a[j][j];
            }
        }
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            double s = b[i];
            for (int k = 0; k < i; k++) s -= a[i][k] * y[k];
            y[i] = s / a[i][i];
        }
        double[] x = new double[n];
        for (int i = n - 1; i >= 0; i--) {
            double s = y[i];
            for (int k = i + 1; k < n; k++) s -= a[k][i] * x[k];
            x[i] = s / a[i][i];
        }
        return x;
    }

    /** Writes the calibration as JSON (via a temporary file and a rename). */
    public void write(Path file) throws IOException {
        ObjectNode root = JSON.createObjectNode();
        root.put("format", FORMAT);
        root.put("version", 1);
        root.put("ridge", ridge);
        root.put("gaps", gaps);
        root.put("intercept_ms", interceptMs);
        root.put("ms_per_100ms_gap", msPer100MsGap);
        root.put("silence_end_ms", silenceEndMs);
        root.put("silence_start_ms", silenceStartMs);
        ObjectNode o = root.putObject("offsets_ms");
        offsetsMs.forEach(o::put);
        AtomicFiles.write(file, out -> JSON.writeValue(out, root));
    }

    /** Reads a calibration file written by {@link #write}; errors name the file and the key. */
    public static BoundaryCalibration read(Path file) throws IOException {
        JsonNode root;
        try {
            root = JSON.readTree(Files.readString(file));
        } catch (NoSuchFileException e) {
            throw new NoSuchFileException(file + ": no such boundary calibration file");
        } catch (JsonProcessingException e) {
            throw new IOException(file + ": not JSON: " + e.getOriginalMessage(), e);
        }
        if (root == null || !root.isObject() || !FORMAT.equals(root.path("format").asText())) {
            throw new IOException(file + ": \"format\" is not \"" + FORMAT + "\"");
        }
        if (root.path("version").asInt() != 1) throw new IOException(file + ": unsupported \"version\" " + root.path("version"));
        double ridge = number(root, "ridge", file);
        double intercept = number(root, "intercept_ms", file);
        double slope = number(root, "ms_per_100ms_gap", file);
        double silenceEnd = number(root, "silence_end_ms", file);
        double silenceStart = number(root, "silence_start_ms", file);
        JsonNode gaps = root.path("gaps");
        if (!gaps.isInt()) throw new IOException(file + ": \"gaps\" is missing or not an integer");
        JsonNode offsets = root.path("offsets_ms");
        if (!offsets.isObject()) throw new IOException(file + ": \"offsets_ms\" is missing or not an object");
        Map<String, Double> map = new LinkedHashMap<>();
        for (var it = offsets.fields(); it.hasNext(); ) {
            var e = it.next();
            if (!e.getValue().isNumber() || !Double.isFinite(e.getValue().asDouble())) {
                throw new IOException(file + ": \"offsets_ms\".\"" + e.getKey() + "\" is not a finite number");
            }
            if (!e.getKey().matches("(end1|end2|start1|start2):.+")) throw new IOException(file + ": \"offsets_ms\" has an unknown key \"" + e.getKey() + "\"");
            map.put(e.getKey(), e.getValue().asDouble());
        }
        try {
            return new BoundaryCalibration(ridge, gaps.asInt(), intercept, slope, map, silenceEnd, silenceStart);
        } catch (IllegalArgumentException e) {
            throw new IOException(file + ": " + e.getMessage(), e);
        }
    }

    private static double number(JsonNode root, String key, Path file) throws IOException {
        JsonNode n = root.path(key);
        if (!n.isNumber() || !Double.isFinite(n.asDouble())) throw new IOException(file + ": \"" + key + "\" is missing or not a finite number");
        return n.asDouble();
    }
}
