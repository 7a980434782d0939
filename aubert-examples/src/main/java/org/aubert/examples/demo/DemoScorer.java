package org.aubert.examples.demo;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.aubert.data.alignment.AlignmentFile;
import org.aubert.data.alignment.Utterance;
import org.aubert.data.alignment.WordTiming;
import org.aubert.data.transcribe.TranscriptTsv;
import org.aubert.nn.ctc.CtcModel;
import org.aubert.nn.ctc.EditDistance;

/**
 * Scores the demo pipeline's outputs against the corpus's ground truth: transcripts (CER/WER per recording, pieces
 * joined in order), matched spans (char IoU of each piece's refined span with the span of the words it holds), and
 * forced-aligned word boundaries (each aligned token's start and end against the true times of the book words inside
 * its char span, compared in the piece's time, see {@link #boundaryError}). Held-out recordings (voices and passages the CTC model
 * never saw) and training recordings are scored apart.
 */
final class DemoScorer {
    private final DemoTruth truth;
    private final Path cutDir;
    /** Pieces already read: every score looks pieces up again, and each lookup would re-read the piece's sidecar. */
    private final Map<String, Piece> piecesRead = new java.util.HashMap<>();

    DemoScorer(DemoTruth truth, Path cutDir) {
        this.truth = truth;
        this.cutDir = cutDir;
    }

    /** A piece of {@code aubert cut}'s output, by its path relative to the cut folder. */
    record Piece(String rel, DemoTruth.Recording recording, PieceMap map) {}

    /** Error rates over a set of recordings. */
    record ErrorRates(int recordings, long charErrors, long chars, long wordErrors, long words) {
        double cer() { return chars == 0 ? Double.NaN : charErrors / (double) chars; }

        double wer() { return words == 0 ? Double.NaN : wordErrors / (double) words; }
    }

    /**
     * Matching: pieces, how many were matched at all, mean IoU, how many reached IoU 0.9, recordings with every piece
     * at IoU 0.9, and passages located: recordings whose pieces' matched spans, joined, cover the passage the recording
     * reads at IoU 0.9 (a piece matched elsewhere in the book widens the union; a missed piece narrows the overlap).
     */
    record Matching(int pieces, int matched, double meanIou, int atLeast90, int recordings, int recordingsLocated, int passagesLocated,
                    double meanPassageIou) {}

    /** Word-boundary errors in ms (starts and ends together) and how many aligned tokens had no true word. */
    record Boundaries(double[] errorsMs, int tokens, int unmatchedTokens) {
        double mean() { return java.util.Arrays.stream(errorsMs).average().orElse(Double.NaN); }

        double median() {
            double[] s = errorsMs.clone();
            java.util.Arrays.sort(s);
            return s.length == 0 ? Double.NaN : s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
        }

        double within(double ms) { return errorsMs.length == 0 ? Double.NaN : java.util.Arrays.stream(errorsMs).filter(e -> e <= ms).count() / (double) errorsMs.length; }
    }

    /** The piece at {@code rel} (e.g. {@code 9001/740/p01/p01_0000.flac}) and the recording it was cut from. */
    Piece piece(String fname) throws IOException {
        String rel = relative(fname);
        Piece known = piecesRead.get(rel);
        if (known != null) return known;
        Path audio = cutDir.resolve(rel);
        String name = audio.getFileName().toString();
        Path sidecar = audio.resolveSibling(name.substring(0, name.lastIndexOf('.')) + ".json");
        PieceMap map = PieceMap.read(sidecar);
        Path relPath = Path.of(rel);
        if (relPath.getNameCount() < 4) throw new IOException(rel + ": not a cut piece path <speaker>/<book>/<name>/<name>_NNNN.flac");
        // cut names the source relative to its input folder: <speaker>/<book>/<name>.flac, as truth.json does
        String recording = map.source().replace('\\', '/');
        DemoTruth.Recording r = truth.recordings().get(recording);
        if (r == null) throw new IOException(rel + ": its source " + recording + " is not in truth.json");
        Piece piece = new Piece(rel, r, map);
        piecesRead.put(rel, piece);
        return piece;
    }

    /**
     * A piece path as the stages write it (absolute, or relative to the folder they ran in) made relative to the cut
     * folder, so pieces are keyed alike whichever stage named them.
     */
    String relative(String fname) {
        Path p = Path.of(fname);
        Path root = cutDir.toAbsolutePath().normalize();
        Path abs = p.isAbsolute() ? p.normalize() : p.toAbsolutePath().normalize();
        if (abs.startsWith(root)) return root.relativize(abs).toString().replace('\\', '/');
        return fname.replace('\\', '/');
    }

    /** CER/WER of the transcripts in {@code tsv}, for held-out (true) or training (false) recordings. */
    Map<Boolean, ErrorRates> transcription(Path tsv) throws IOException {
        Map<String, TreeMap<Integer, String>> byRecording = new TreeMap<>();
        for (Map.Entry<String, String> e : TranscriptTsv.recover(tsv).entrySet()) {
            Piece p = piece(e.getKey());
            byRecording.computeIfAbsent(p.recording().fname(), k -> new TreeMap<>()).put(p.map().piece(), e.getValue());
        }
        long[][] sums = new long[2][5];
        for (DemoTruth.Recording r : truth.recordings().values()) {
            TreeMap<Integer, String> pieces = byRecording.get(r.fname());
            if (pieces == null) continue;
            String hyp = CtcModel.normalise(String.join(" ", pieces.values()));
            String ref = CtcModel.normalise(r.transcript());
            long[] s = sums[r.heldOut() ? 1 : 0];
            s[0]++;
            s[1] += EditDistance.chars(hyp, ref);
            s[2] += ref.length();
            s[3] += EditDistance.words(hyp, ref);
            s[4] += ref.isEmpty() ? 0 : ref.split(" ").length;
        }
        Map<Boolean, ErrorRates> out = new LinkedHashMap<>();
        for (int h = 1; h >= 0; h--) out.put(h == 1, new ErrorRates((int) sums[h][0], sums[h][1], sums[h][2], sums[h][3], sums[h][4]));
        return out;
    }

    /** IoU of each piece's matched span (from {@code alignDir}'s files) with its true span, per held-out flag. */
    Map<Boolean, Matching> matching(Path alignDir, List<String> pieces) throws IOException {
        Map<String, Utterance> matched = new TreeMap<>();
        for (Path f : AlignmentFile.list(alignDir)) {
            for (Utterance u : AlignmentFile.read(f).utterances()) matched.put(relative(u.fname()), u);
        }
        Map<Boolean, Matching> out = new LinkedHashMap<>();
        for (boolean heldOut : new boolean[]{true, false}) {
            int n = 0, found = 0, good = 0;
            double iouSum = 0;
            Map<String, Boolean> located = new TreeMap<>();
            Map<String, List<int[]>> spans = new TreeMap<>();
            Map<String, DemoTruth.Recording> recordings = new TreeMap<>();
            for (String rel : pieces) {
                Piece p = piece(rel);
                if (p.recording().heldOut() != heldOut) continue;
                int[] span = trueSpan(p);
                if (span == null) continue; // a piece with no whole word in it
                Utterance u = matched.get(rel);
                double iou = u == null ? 0 : iou(span[0], span[1], u.startIdx(), u.endIdx());
                n++;
                if (u != null) found++;
                if (iou >= 0.9) good++;
                iouSum += iou;
                located.merge(p.recording().fname(), iou >= 0.9, Boolean::logicalAnd);
                recordings.put(p.recording().fname(), p.recording());
                List<int[]> mine = spans.computeIfAbsent(p.recording().fname(), k -> new ArrayList<>());
                if (u != null && u.endIdx() > u.startIdx()) mine.add(new int[]{u.startIdx(), u.endIdx()});
            }
            int locatedCount = (int) located.values().stream().filter(b -> b).count();
            int passages = 0;
            double passageIouSum = 0;
            for (Map.Entry<String, List<int[]>> e : spans.entrySet()) {
                DemoTruth.Recording r = recordings.get(e.getKey());
                double iou = unionIou(e.getValue(), r.startIdx(), r.endIdx());
                passageIouSum += iou;
                if (iou >= 0.9) passages++;
            }
            out.put(heldOut, new Matching(n, found, n == 0 ? Double.NaN : iouSum / n, good, located.size(), locatedCount, passages,
                    spans.isEmpty() ? Double.NaN : passageIouSum / spans.size()));
        }
        return out;
    }

    /** Char span [first word start, last word end) of the true words whose middle lies in the piece; null if none. */
    static int[] trueSpan(Piece p) {
        int start = Integer.MAX_VALUE, end = -1;
        for (WordTiming w : p.recording().words()) {
            if (p.map().coversSourceMs((w.startMs() + w.endMs()) / 2.0)) {
                start = Math.min(start, w.charStart());
                end = Math.max(end, w.charEnd());
            }
        }
        return end < 0 ? null : new int[]{start, end};
    }

    /** IoU of the union of {@code spans} (half-open char intervals, possibly overlapping) with {@code [t0, t1)}. */
    static double unionIou(List<int[]> spans, int t0, int t1) {
        List<int[]> sorted = new ArrayList<>(spans);
        sorted.sort(Comparator.comparingInt(x -> x[0]));
        long covered = 0, inside = 0;
        int curStart = 0, curEnd = Integer.MIN_VALUE;
        List<int[]> merged = new ArrayList<>();
        for (int[] x : sorted) {
            if (x[0] > curEnd) {
                if (curEnd > Integer.MIN_VALUE) merged.add(new int[]{curStart, curEnd});
                curStart = x[0];
                curEnd = x[1];
            } else {
                curEnd = Math.max(curEnd, x[1]);
            }
        }
        if (curEnd > Integer.MIN_VALUE) merged.add(new int[]{curStart, curEnd});
        for (int[] x : merged) {
            covered += x[1] - x[0];
            inside += Math.max(0, Math.min(x[1], t1) - Math.max(x[0], t0));
        }
        long union = covered + (t1 - t0) - inside;
        return union <= 0 ? 0 : inside / (double) union;
    }

    static double iou(int a0, int a1, int b0, int b1) {
        int inter = Math.max(0, Math.min(a1, b1) - Math.max(a0, b0));
        int union = Math.max(a1, b1) - Math.min(a0, b0);
        return union <= 0 ? 0 : inter / (double) union;
    }

    /** Boundary errors of the aligned words in {@code alignedDir}'s files, per held-out flag. */
    Map<Boolean, Boundaries> boundaries(Path alignedDir) throws IOException {
        Map<Boolean, List<Double>> errors = new LinkedHashMap<>(Map.of(true, new ArrayList<>(), false, new ArrayList<>()));
        int[][] counts = new int[2][2];
        for (Path f : AlignmentFile.list(alignedDir)) {
            for (Utterance u : AlignmentFile.read(f).utterances()) {
                if (u.words() == null) continue;
                Piece p = piece(u.fname());
                List<WordTiming> truthWords = p.recording().words();
                int h = p.recording().heldOut() ? 1 : 0;
                for (WordTiming w : u.words()) {
                    counts[h][0]++;
                    List<WordTiming> inside = truthWords.stream().filter(t -> t.charStart() >= w.charStart() && t.charEnd() <= w.charEnd())
                            .sorted(Comparator.comparingInt(WordTiming::charStart)).toList();
                    if (inside.isEmpty()) {
                        counts[h][1]++;
                        continue;
                    }
                    errors.get(h == 1).add(boundaryError(p.map(), w.startMs(), inside.get(0).startMs()));
                    errors.get(h == 1).add(boundaryError(p.map(), w.endMs(), inside.get(inside.size() - 1).endMs()));
                }
            }
        }
        Map<Boolean, Boundaries> out = new LinkedHashMap<>();
        for (boolean heldOut : new boolean[]{true, false}) {
            int h = heldOut ? 1 : 0;
            out.put(heldOut, new Boundaries(errors.get(heldOut).stream().mapToDouble(Double::doubleValue).toArray(), counts[h][0], counts[h][1]));
        }
        return out;
    }

    /**
     * The error of an aligned boundary ({@code pieceMs}, piece time) against a true one ({@code sourceMs}, recording
     * time), in the piece's time when the piece holds the true time. Cut drops the middle of long pauses and joins the
     * rest, so a boundary a few ms to the wrong side of a join maps back to the recording a whole dropped pause away;
     * the aligner never saw that pause. A true time outside the piece is compared in recording time.
     */
    static double boundaryError(PieceMap map, double pieceMs, double sourceMs) {
        double truthInPiece = map.toPieceMs(sourceMs);
        return Double.isNaN(truthInPiece) ? Math.abs(map.toSourceMs(pieceMs) - sourceMs) : Math.abs(pieceMs - truthInPiece);
    }

    /** Every piece under the cut folder, by path relative to it ('/' separators), sorted. */
    static List<String> pieces(Path cutDir) throws IOException {
        try (var s = Files.walk(cutDir)) {
            return s.filter(p -> p.toString().endsWith(".flac") && Files.isRegularFile(p))
                    .map(p -> cutDir.relativize(p).toString().replace('\\', '/')).sorted().toList();
        }
    }
}
