package org.aubert.data.match;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.aubert.data.alignment.Utterance;
import org.aubert.data.alignment.AlignmentFile;

/**
 * The matching stage over files ({@code aubert match}): reads the transcription TSV ({@code <audio path>\t<transcript>}),
 * finds each audio file's book through {@code book_meta.json} (book id = the audio path's parent folder), matches every
 * transcript with {@link BookMatcher}, and writes one alignment JSON per book, {@code <book name>.align.json}, atomically,
 * its utterances in audio path order.
 * Pieces that {@code aubert cut} made of one recording ({@code <recording>/<recording>_NNNN.<ext>}) read consecutive
 * text: their transcripts joined are first placed in the book as a whole ({@link BookMatcher#anchor}), and the pieces
 * then share out that region by one alignment ({@link BookMatcher#placePieces}; {@link BookMatcher#matchWithin} per piece
 * when the recording is too long to align at once); a recording with no clear place falls back to matching each piece
 * on its own. Pieces placed together are marked {@code "anchored": true}.
 * Malformed lines, unknown book ids, missing book files, empty transcripts and transcripts with no match are reported
 * (file and line), counted and skipped; a book whose output exists is skipped unless {@code overwrite}.
 */
public final class MatchRunner {
    private static final Logger log = LoggerFactory.getLogger(MatchRunner.class);
    /** Key set to true on utterances placed together with the rest of their recording; {@code refine} keeps their spans. */
    public static final String ANCHORED = "anchored";

    public record Options(Path utterances, Path booksDir, Path bookMeta, Path outputDir, boolean overwrite, boolean progress,
                          BookMatcher.Config config) {
        public Options(Path utterances, Path booksDir, Path bookMeta, Path outputDir, boolean overwrite, boolean progress) {
            this(utterances, booksDir, bookMeta, outputDir, overwrite, progress, BookMatcher.Config.DEFAULT);
        }
    }

    /** Counts of what happened; {@code problems} holds one message per skipped item. */
    public record Summary(int booksWritten, int booksSkipped, int matched, int unmatched, int recordings, int anchoredRecordings,
                          int malformedLines, int unknownBookIds, int missingBooks, int emptyTranscripts, List<String> problems) {
        public String line() {
            return String.format(Locale.ROOT, "match: %d utterances matched, %d unmatched; %d of %d cut recordings anchored; %d books written, "
                            + "%d skipped (output exists); bad input skipped: %d malformed lines, %d unknown book ids, %d with a missing "
                            + "book file, %d empty transcripts",
                    matched, unmatched, anchoredRecordings, recordings, booksWritten, booksSkipped, malformedLines, unknownBookIds,
                    missingBooks, emptyTranscripts);
        }
    }

    private record Item(int line, String fname, String transcript, String speaker) {}

    private MatchRunner() {}

    public static Summary run(Options o) throws IOException {
        BookMeta meta = BookMeta.read(o.bookMeta());
        if (!Files.isDirectory(o.booksDir())) throw new IllegalArgumentException(o.booksDir() + ": no such books directory");
        if (!Files.isRegularFile(o.utterances())) throw new IllegalArgumentException(o.utterances() + ": no such transcription file");
        List<String> problems = new ArrayList<>();
        int malformed = 0, unknown = 0, missing = 0, empty = 0;
        Map<String, List<Item>> byBook = new LinkedHashMap<>();
        List<String> lines = Files.readAllLines(o.utterances(), StandardCharsets.UTF_8);
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            String where = o.utterances() + ":" + (i + 1);
            if (line.isBlank()) continue;
            String[] f = line.split("\t", -1);
            if (f.length != 2 || f[0].isBlank()) {
                malformed++;
                problems.add(where + ": malformed line (expected '<audio path>\\t<transcript>', got " + f.length + " fields)");
                continue;
            }
            String fname = f[0].strip(), transcript = f[1].strip().toLowerCase(Locale.ROOT);
            String[] sb = BookMeta.speakerAndBook(fname);
            if (sb == null) {
                malformed++;
                problems.add(where + ": audio path '" + fname + "' is not <speaker>/<book_id>/<file>");
                continue;
            }
            if (transcript.isEmpty()) {
                empty++;
                problems.add(where + ": empty transcript for " + fname);
                continue;
            }
            String book = meta.bookName(sb[1]).orElse(null);
            if (book == null) {
                unknown++;
                problems.add(where + ": unknown book id '" + sb[1] + "' (not in " + o.bookMeta() + ")");
                continue;
            }
            byBook.computeIfAbsent(book, k -> new ArrayList<>()).add(new Item(i + 1, fname, transcript, sb[0]));
        }

        int written = 0, skipped = 0, matched = 0, unmatched = 0, recordings = 0, anchored = 0;
        int total = byBook.values().stream().mapToInt(List::size).sum();
        ProgressBar bar = o.progress() ? new ProgressBarBuilder().setTaskName("match").setInitialMax(total)
                .setStyle(ProgressBarStyle.ASCII).setUpdateIntervalMillis(500).build() : null;
        try {
            for (Map.Entry<String, List<Item>> e : byBook.entrySet()) {
                String book = e.getKey();
                // audio path order, whatever order transcribe's parallel decoders appended the lines in: the
                // alignment files, and so the shards and the training run built from them, do not depend on timing
                List<Item> items = new ArrayList<>(e.getValue());
                items.sort(java.util.Comparator.comparing(Item::fname));
                Path bookFile = o.booksDir().resolve(book);
                Path out = o.outputDir().resolve(AlignmentFile.fileNameFor(book));
                if (!Files.isRegularFile(bookFile)) {
                    missing += items.size();
                    problems.add(o.utterances() + ": book file " + bookFile + " is missing; " + items.size()
                            + " utterances skipped (first at line " + items.get(0).line() + ")");
                    if (bar != null) bar.stepBy(items.size());
                    continue;
                }
                if (Files.exists(out) && !o.overwrite()) {
                    skipped++;
                    log.info("{} exists, skipped (use --overwrite to redo it)", out);
                    if (bar != null) bar.stepBy(items.size());
                    continue;
                }
                String raw = Texts.collapseWhitespace(Files.readString(bookFile, StandardCharsets.UTF_8));
                BookMatcher matcher = new BookMatcher(raw, o.config());
                List<Utterance> us = new ArrayList<>(items.size());
                Map<String, BookMatcher.Region> anchors = new LinkedHashMap<>();
                Map<String, BookMatcher.Match> placed = new java.util.HashMap<>();
                for (Map.Entry<String, List<Item>> r : byRecording(items).entrySet()) {
                    recordings++;
                    List<String> texts = r.getValue().stream().map(Item::transcript).toList();
                    BookMatcher.Region region = matcher.anchor(String.join(" ", texts));
                    if (region == null) continue;
                    anchors.put(r.getKey(), region);
                    List<BookMatcher.Match> ms = matcher.placePieces(texts, region);
                    if (ms == null) continue;
                    for (int k = 0; k < ms.size(); k++) placed.put(r.getValue().get(k).fname(), ms.get(k));
                }
                anchored += anchors.size();
                for (Item it : items) {
                    BookMatcher.Region region = anchors.get(BookMeta.cutRecording(it.fname()));
                    BookMatcher.Match m = placed.containsKey(it.fname()) ? placed.get(it.fname())
                            : region != null ? matcher.matchWithin(it.transcript(), region) : matcher.match(it.transcript());
                    if (m == null) {
                        unmatched++;
                        problems.add(o.utterances() + ":" + it.line() + ": no span of " + book + " matches the transcript of " + it.fname());
                    } else {
                        matched++;
                        Map<String, Object> extra = placed.containsKey(it.fname()) ? Map.of(ANCHORED, true) : Map.of();
                        us.add(new Utterance(it.fname(), it.transcript(), it.speaker(), m.start(), m.end(), m.similarity(), null, extra));
                    }
                    if (bar != null) bar.step();
                }
                new AlignmentFile(book, raw, us).write(out);
                written++;
            }
        } finally {
            if (bar != null) bar.close();
        }
        for (String p : problems) log.warn("{}", p);
        return new Summary(written, skipped, matched, unmatched, recordings, anchored, malformed, unknown, missing, empty, problems);
    }

    /** Items that are pieces of one cut recording, by recording, for recordings of at least two pieces. */
    private static Map<String, List<Item>> byRecording(List<Item> items) {
        Map<String, List<Item>> m = new LinkedHashMap<>();
        for (Item it : items) {
            String r = BookMeta.cutRecording(it.fname());
            if (r != null) m.computeIfAbsent(r, k -> new ArrayList<>()).add(it);
        }
        m.values().removeIf(l -> l.size() < 2);
        return m;
    }
}
