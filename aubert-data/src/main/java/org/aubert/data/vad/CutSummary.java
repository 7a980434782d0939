package org.aubert.data.vad;

import java.util.List;
import java.util.Locale;

/** The outcome of a {@link VadCutter} run: every file's result in input order, and the totals. */
public record CutSummary(List<FileResult> files, double wallSec) {

    public CutSummary {
        files = List.copyOf(files);
    }

    public long count(FileResult.Status s) {
        return files.stream().filter(f -> f.status() == s).count();
    }

    public List<FileResult> failures() {
        return files.stream().filter(f -> f.status() == FileResult.Status.FAILED).toList();
    }

    public int pieces() { return files.stream().mapToInt(FileResult::pieces).sum(); }

    public double sourceSec() { return files.stream().mapToDouble(FileResult::sourceSec).sum(); }

    public double pieceSec() { return files.stream().mapToDouble(FileResult::pieceSec).sum(); }

    /** The one-line summary the command prints. */
    public String line() {
        return String.format(Locale.ROOT, "cut: %d files: %d cut into %d pieces (%.1f s kept of %.1f s), %d skipped (output exists), %d failed; %.1f s",
                files.size(), count(FileResult.Status.CUT), pieces(), pieceSec(), sourceSec(), count(FileResult.Status.SKIPPED),
                count(FileResult.Status.FAILED), wallSec);
    }
}
