package org.aubert.data.match;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.aubert.data.alignment.Utterance;
import org.aubert.data.alignment.AlignmentFile;

/** The match and refine stages over files: outputs, bad input reported and counted, resume. */
class RunnersTest {
    @TempDir Path tmp;

    @Test
    void speakerAndBookFromLibriLightPathsAndCutPieces() {
        assertEquals(List.of("9001", "740"), List.of(BookMeta.speakerAndBook("9001/740/chapter_01.flac")));
        assertEquals(List.of("9001", "740"), List.of(BookMeta.speakerAndBook("/data/9001/740/chapter_01.flac")));
        assertEquals(List.of("9001", "740"), List.of(BookMeta.speakerAndBook("9001/740/chapter_01/chapter_01_0003.flac")));
        assertEquals(List.of("740", "chapter_01"), List.of(BookMeta.speakerAndBook("9001/740/chapter_01/other_0003.flac")),
                "only <name>/<name>_NNNN is a cut piece");
        assertEquals(null, BookMeta.speakerAndBook("740/a.flac"));
        assertEquals(null, BookMeta.speakerAndBook("/a.flac"));
    }

    @Test
    void matchThenRefineOverFilesWithBadInput() throws Exception {
        Path books = Files.createDirectories(tmp.resolve("books"));
        Files.copy(MasterKeyData.shared().resolve(MasterKeyData.BOOK), books.resolve(MasterKeyData.BOOK));
        Path meta = tmp.resolve("book_meta.json");
        Files.writeString(meta, "{\"740\": {\"url\": \"u\", \"name\": \"" + MasterKeyData.BOOK + "\"},"
                + " \"999\": {\"url\": \"u\", \"name\": \"missing_book.txt\"}}");
        Map<String, String> tr = MasterKeyData.transcripts();
        List<String> lines = new ArrayList<>();
        int good = 0;
        for (Map.Entry<String, String> e : tr.entrySet()) {
            if (good++ == 12) break;
            lines.add(e.getKey() + "\t" + e.getValue());
        }
        lines.add(4, "this line has no tab");                                   // line 5: malformed
        lines.add("../x/100/740/extra.flac\tone\ttwo");                          // malformed: three fields
        lines.add("../x/100/123/unknown_book.flac\tsome words here");           // unknown book id
        lines.add("../x/100/999/missing.flac\tsome words here");                // book file missing
        lines.add("../x/100/740/empty.flac\t   ");                              // empty transcript
        lines.add("");                                                           // blank lines are ignored
        Path tsv = tmp.resolve("t.tsv");
        Files.write(tsv, lines, StandardCharsets.UTF_8);
        Path matched = tmp.resolve("matched");

        MatchRunner.Summary s = MatchRunner.run(new MatchRunner.Options(tsv, books, meta, matched, false, false));
        assertEquals(12, s.matched());
        assertEquals(0, s.unmatched());
        assertEquals(2, s.malformedLines());
        assertEquals(1, s.unknownBookIds());
        assertEquals(1, s.missingBooks());
        assertEquals(1, s.emptyTranscripts());
        assertEquals(1, s.booksWritten());
        assertTrue(s.problems().get(0).contains("t.tsv:5: malformed line"), s.problems().get(0));
        assertTrue(s.line().startsWith("match: 12 utterances matched"), s.line());

        AlignmentFile f = AlignmentFile.read(matched.resolve(MasterKeyData.BOOK + ".align.json"));
        assertEquals(MasterKeyData.BOOK, f.bookName());
        assertEquals(MasterKeyData.raw(), f.raw());
        assertEquals(12, f.utterances().size());
        Utterance u0 = f.utterances().get(0);
        assertEquals("100", u0.speakerId());
        assertTrue(u0.similarity() > 0.5 && u0.endIdx() > u0.startIdx());

        // resume: the existing output is skipped, --overwrite redoes it
        assertEquals(1, MatchRunner.run(new MatchRunner.Options(tsv, books, meta, matched, false, false)).booksSkipped());
        assertEquals(1, MatchRunner.run(new MatchRunner.Options(tsv, books, meta, matched, true, false)).booksWritten());

        // utterances come out in audio path order, so the TSV's line order (transcribe appends lines as its parallel
        // decoders finish) does not change the output
        List<String> names = f.utterances().stream().map(Utterance::fname).toList();
        assertEquals(names.stream().sorted().toList(), names);
        List<String> reversed = new ArrayList<>(lines);
        java.util.Collections.reverse(reversed);
        Path tsv2 = Files.write(tmp.resolve("t2.tsv"), reversed, StandardCharsets.UTF_8);
        Path matched2 = tmp.resolve("matched2");
        MatchRunner.run(new MatchRunner.Options(tsv2, books, meta, matched2, false, false));
        assertEquals(Files.readString(matched.resolve(MasterKeyData.BOOK + ".align.json")),
                Files.readString(matched2.resolve(MasterKeyData.BOOK + ".align.json")));

        // refine, with one unreadable file next to the good one
        Files.writeString(matched.resolve("broken.align.json"), "{\"book_name\": \"b\", \"raw\": \"x\", \"utterances\": [{\"fname\": 3}]}");
        Path refined = tmp.resolve("refined");
        RefineRunner.Summary r = RefineRunner.run(new RefineRunner.Options(matched, refined, BoundaryRefiner.Config.DEFAULT, false, 0, 1, false));
        assertEquals(12, r.refined());
        assertEquals(0, r.dropped());
        assertEquals(1, r.badFiles());
        assertEquals(1, r.filesWritten());
        assertTrue(r.problems().get(0).contains("broken.align.json: utterance 0 key"), r.problems().toString());
        AlignmentFile g = AlignmentFile.read(refined.resolve(MasterKeyData.BOOK + ".align.json"));
        int[] raw = g.rawCodePoints();
        for (Utterance u : g.utterances()) {
            String span = new String(raw, u.startIdx(), u.endIdx() - u.startIdx());
            assertEquals(Levenshtein.ratio(u.utterance(), span), u.similarity(), 0.0);
        }
        assertEquals(1, RefineRunner.run(new RefineRunner.Options(matched, refined, BoundaryRefiner.Config.DEFAULT, false, 0, 1, false))
                .filesSkipped());
    }

    @Test
    void piecesOfOneCutRecordingArePlacedTogether() throws Exception {
        assertEquals("a/9001/740/rec", BookMeta.cutRecording("a/9001/740/rec/rec_0003.flac"));
        assertEquals(null, BookMeta.cutRecording("a/9001/740/rec/other_0003.flac"));
        assertEquals(null, BookMeta.cutRecording("9001/740/rec.flac"));
        java.util.SplittableRandom r = new java.util.SplittableRandom(21);
        String passage = BookMatcherTest.randomText(r, 150).replaceAll("[.,]", "").toLowerCase(java.util.Locale.ROOT);
        String raw = BookMatcherTest.randomText(r, 6000) + " " + passage + " " + BookMatcherTest.randomText(r, 6000);
        List<String> pieces = BookMatcherTest.garbledPieces(r, passage);
        Path books = Files.createDirectories(tmp.resolve("books"));
        Files.writeString(books.resolve("b.txt"), raw);
        Path meta = Files.writeString(tmp.resolve("meta.json"), "{\"740\": {\"url\": \"u\", \"name\": \"b.txt\"}}");
        List<String> lines = new ArrayList<>();
        for (int p = 0; p < pieces.size(); p++) lines.add(String.format("cut/9001/740/rec/rec_%04d.flac\t%s", p, pieces.get(p)));
        lines.add("cut/9001/740/single/single_0000.flac\t" + pieces.get(0));   // a one-piece recording is matched alone
        Path tsv = Files.write(tmp.resolve("t.tsv"), lines, StandardCharsets.UTF_8);

        MatchRunner.Summary s = MatchRunner.run(new MatchRunner.Options(tsv, books, meta, tmp.resolve("m"), false, false));
        assertEquals(1, s.recordings(), s.line());
        assertEquals(1, s.anchoredRecordings(), s.line());
        assertTrue(s.line().contains("1 of 1 cut recordings anchored"), s.line());
        int start = Texts.collapseWhitespace(raw).indexOf(passage);
        List<Utterance> matched = AlignmentFile.read(tmp.resolve("m/b.txt.align.json")).utterances();
        for (Utterance u : matched) {
            assertEquals(u.fname().contains("/rec/"), Boolean.TRUE.equals(u.extra().get(MatchRunner.ANCHORED)), u.fname());
            if (!u.fname().contains("/rec/")) continue;
            assertTrue(u.startIdx() >= start - 10 && u.endIdx() <= start + passage.length() + 10,
                    u.fname() + " placed at " + u.startIdx() + ".." + u.endIdx() + ", outside the passage " + start);
        }
        // refine keeps the anchored pieces' spans (refining each alone would undo the tiling) and refines the rest
        RefineRunner.run(new RefineRunner.Options(tmp.resolve("m"), tmp.resolve("r"), BoundaryRefiner.Config.DEFAULT, false, 0, 1, false));
        List<Utterance> refined = AlignmentFile.read(tmp.resolve("r/b.txt.align.json")).utterances();
        assertEquals(matched.size(), refined.size());
        for (int i = 0; i < matched.size(); i++) {
            if (!matched.get(i).fname().contains("/rec/")) continue;
            assertEquals(matched.get(i).startIdx(), refined.get(i).startIdx(), matched.get(i).fname());
            assertEquals(matched.get(i).endIdx(), refined.get(i).endIdx(), matched.get(i).fname());
        }
    }

    @Test
    void missingInputsAreClearErrors() {
        Path nowhere = tmp.resolve("nowhere");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> MatchRunner.run(new MatchRunner.Options(nowhere, tmp, nowhere, tmp, false, false)));
        assertTrue(e.getMessage().contains("nowhere"), e.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> RefineRunner.run(new RefineRunner.Options(nowhere, tmp, BoundaryRefiner.Config.DEFAULT, false, 0, 1, false)));
    }

    @Test
    void chunksLikeNumpyArraySplit() {
        List<Integer> all = List.of(0, 1, 2, 3, 4, 5, 6);
        assertEquals(List.of(0, 1, 2), RefineRunner.chunk(all, 0, 3));
        assertEquals(List.of(3, 4), RefineRunner.chunk(all, 1, 3));
        assertEquals(List.of(5, 6), RefineRunner.chunk(all, 2, 3));
    }

    @Test
    void alignmentJsonKeepsUnknownFieldsAndWords() throws Exception {
        Path f = tmp.resolve("b.align.json");
        Files.writeString(f, "{\"book_name\": \"b\", \"utterances\": [{\"fname\": \"a/1/2/x.flac\", \"utterance\": \"hi there\","
                + " \"speaker_id\": \"1\", \"start_idx\": 0, \"end_idx\": 8, \"similarity\": 0.5, \"start_idx_old\": 3,"
                + " \"words\": [[\"hi\", 0, 2, 10, 200], [\"there\", 3, 8, 200, 640]]}], \"raw\": \"Hi there. \uD83D\uDE00\"}");
        AlignmentFile a = AlignmentFile.read(f);
        assertEquals(11, a.rawCodePoints().length);
        Utterance u = a.utterances().get(0);
        assertEquals(3, ((Number) u.extra().get("start_idx_old")).intValue());
        assertEquals(640, u.words().get(1).endMs());
        Path g = tmp.resolve("c.align.json");
        a.write(g);
        assertEquals(a, AlignmentFile.read(g));
        Files.writeString(f, "{\"book_name\": \"b\", \"raw\": \"x\", \"utterances\": [{\"fname\": \"f\", \"utterance\": \"u\","
                + " \"start_idx\": \"zero\", \"end_idx\": 1, \"similarity\": 0}]}");
        java.io.IOException e = assertThrows(java.io.IOException.class, () -> AlignmentFile.read(f));
        assertTrue(e.getMessage().contains("utterance 0 key 'start_idx' missing or not an integer"), e.getMessage());
    }
}
