package org.aubert.data.match;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.aubert.data.alignment.AlignmentFile;

/**
 * The refinement stage over files ({@code aubert refine}): every {@code *.align.json} of the input folder is refined
 * with {@link BoundaryRefiner} and written under the same name to the output folder, atomically. With
 * {@code worldSize > 1} the sorted file list is cut into that many contiguous chunks, as the original's
 * {@code --num_chunks/--chunk_id} did, and only chunk {@code rank} is processed. Unreadable files are reported and
 * counted; outputs that exist are skipped unless {@code overwrite}.
 */
public final class RefineRunner {
    private static final Logger log = LoggerFactory.getLogger(RefineRunner.class);

    public record Options(Path inputDir, Path outputDir, BoundaryRefiner.Config config, boolean overwrite, int rank, int worldSize,
                          boolean progress) {
        public Options {
            if (worldSize < 1 || rank < 0 || rank >= worldSize)
                throw new IllegalArgumentException("need 0 <= rank < world size, got rank " + rank + " of " + worldSize);
        }
    }

    public record Summary(int filesWritten, int filesSkipped, int badFiles, int refined, int dropped, List<String> problems) {
        public String line() {
            return String.format(Locale.ROOT, "refine: %d utterances refined, %d dropped (empty, reversed or too long spans); "
                    + "%d files written, %d skipped (output exists), %d unreadable", refined, dropped, filesWritten, filesSkipped, badFiles);
        }
    }

    private RefineRunner() {}

    public static Summary run(Options o) throws IOException {
        if (!Files.isDirectory(o.inputDir())) throw new IllegalArgumentException(o.inputDir() + ": no such input directory");
        List<Path> files;
        try (Stream<Path> s = Files.list(o.inputDir())) {
            files = s.filter(p -> p.getFileName().toString().endsWith(".align.json") && Files.isRegularFile(p)).sorted().toList();
        }
        files = chunk(files, o.rank(), o.worldSize());
        BoundaryRefiner refiner = new BoundaryRefiner(o.config());
        List<String> problems = new ArrayList<>();
        int written = 0, skipped = 0, bad = 0, refined = 0, dropped = 0;
        ProgressBar bar = o.progress() ? new ProgressBarBuilder().setTaskName("refine").setInitialMax(files.size())
                .setStyle(ProgressBarStyle.ASCII).setUpdateIntervalMillis(500).build() : null;
        try {
            for (Path f : files) {
                Path out = o.outputDir().resolve(f.getFileName().toString());
                if (bar != null) bar.step();
                if (Files.exists(out) && !o.overwrite()) {
                    skipped++;
                    log.info("{} exists, skipped (use --overwrite to redo it)", out);
                    continue;
                }
                AlignmentFile in;
                try {
                    in = AlignmentFile.read(f);
                } catch (IOException e) {
                    bad++;
                    problems.add(e.getMessage());
                    log.warn("{}", e.getMessage());
                    continue;
                }
                BoundaryRefiner.Result r = refiner.refine(in, f.toString());
                refined += r.refined();
                dropped += r.dropped();
                problems.addAll(r.problems());
                r.file().write(out);
                written++;
            }
        } finally {
            if (bar != null) bar.close();
        }
        return new Summary(written, skipped, bad, refined, dropped, problems);
    }

    /** numpy.array_split's chunk {@code rank} of {@code n}: the first {@code size % n} chunks get one more item. */
    static <T> List<T> chunk(List<T> all, int rank, int n) {
        int base = all.size() / n, extra = all.size() % n;
        int from = rank * base + Math.min(rank, extra);
        int to = from + base + (rank < extra ? 1 : 0);
        return all.subList(from, to);
    }
}
