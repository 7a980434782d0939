import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.aubert.data.match.BookMatcher;
import org.aubert.data.match.BoundaryRefiner;

/**
 * Matching and refinement throughput of the Java stages on the Master Key data (run by bench/match/run.sh, which also
 * runs the Python baseline in the same script). Args: book.txt transcriptions.tsv aligned_spans.tsv repeats.
 * Prints one JSON line.
 */
public class MatchBench {
    public static void main(String[] args) throws Exception {
        String raw = Files.readString(Path.of(args[0]), StandardCharsets.UTF_8);
        List<String[]> tsv = new ArrayList<>();
        for (String l : Files.readAllLines(Path.of(args[1]), StandardCharsets.UTF_8)) if (!l.isBlank()) tsv.add(l.split("\t"));
        List<String[]> spans = new ArrayList<>();
        for (String l : Files.readAllLines(Path.of(args[2]), StandardCharsets.UTF_8)) if (!l.isBlank()) spans.add(l.split("\t"));
        java.util.Map<String, String> tr = new java.util.HashMap<>();
        for (String[] t : tsv) tr.put(t[0], t[1].strip().toLowerCase(Locale.ROOT));
        int reps = Integer.parseInt(args[3]);
        int[] rawCps = raw.codePoints().toArray();
        // CPU time of this thread: the machine this runs on is shared, and wall time would measure the neighbours
        java.lang.management.ThreadMXBean cpu = java.lang.management.ManagementFactory.getThreadMXBean();

        // warm-up: one full pass of both stages
        BookMatcher warm = new BookMatcher(raw);
        for (String[] t : tsv) warm.match(t[1]);
        BoundaryRefiner refiner = new BoundaryRefiner();
        for (String[] s : spans) refiner.refine(rawCps, tr.get(s[0]), Integer.parseInt(s[1]), Integer.parseInt(s[2]));

        long bestIndex = Long.MAX_VALUE, bestMatch = Long.MAX_VALUE, bestRefine = Long.MAX_VALUE;
        int sink = 0;
        for (int r = 0; r < reps; r++) {
            long a = cpu.getCurrentThreadCpuTime();
            BookMatcher m = new BookMatcher(raw);
            long b = cpu.getCurrentThreadCpuTime();
            for (String[] t : tsv) { BookMatcher.Match x = m.match(t[1]); if (x != null) sink += x.start(); }
            long c = cpu.getCurrentThreadCpuTime();
            for (String[] s : spans) {
                BoundaryRefiner.Span x = refiner.refine(rawCps, tr.get(s[0]), Integer.parseInt(s[1]), Integer.parseInt(s[2]));
                if (x != null) sink += x.end();
            }
            long d = cpu.getCurrentThreadCpuTime();
            bestIndex = Math.min(bestIndex, b - a);
            bestMatch = Math.min(bestMatch, c - b);
            bestRefine = Math.min(bestRefine, d - c);
        }
        System.out.printf(Locale.ROOT, "{\"index_ms\": %.3f, \"match_ms_per_utt\": %.4f, \"refine_ms_per_utt\": %.4f, \"utterances\": %d, \"spans\": %d, \"sink\": %d}%n",
                bestIndex / 1e6, bestMatch / 1e6 / tsv.size(), bestRefine / 1e6 / spans.size(), tsv.size(), spans.size(), sink);
    }
}
