package org.aubert.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.aubert.data.alignment.Utterance;
import org.aubert.data.alignment.AlignmentFile;

/** {@code aubert match} then {@code aubert refine} on a small book. */
class MatchRefineCommandTest {
    @TempDir Path tmp;
    final StringWriter err = new StringWriter();

    private int run(String... args) {
        return CliRun.run(new StringWriter(), err, args);
    }

    @Test
    void matchesThenRefinesABook() throws Exception {
        String p1 = "\"Very well,\" said Rob, \"I'll try the machine at once.\" He turned the indicator and rose swiftly into the air.";
        String p2 = "The Demon of Electricity appeared in a flash of dazzling light,   and the boy stared at him in wonder.";
        StringBuilder book = new StringBuilder("CHAPTER ONE\n\n");
        for (int i = 0; i < 30; i++) book.append("Some filler sentence number ").append(i).append(" about nothing in particular.\n");
        book.append(p1).append("\n");
        for (int i = 30; i < 60; i++) book.append("Another filler line, number ").append(i).append(", of the story.\n");
        book.append(p2).append("\nTHE END\n");
        Path books = Files.createDirectories(tmp.resolve("books"));
        Files.writeString(books.resolve("master.txt"), book);
        Path meta = tmp.resolve("meta.json");
        Files.writeString(meta, "{\"740\": {\"url\": \"http://example.org\", \"name\": \"master.txt\"}}");
        Path tsv = tmp.resolve("t.tsv");
        Files.writeString(tsv, "../out/100/740/a_0001.flac\tvery well said rob i'll try the machine at once he turned the indicator and rose swiftly into the air\n"
                + "../out/100/740/a_0002.flac\tthe demon of electricity appeared in a flash of dazzling light and the boy stared at him in wonder\n"
                + "../out/100/777/b_0001.flac\tunknown book\n");
        Path matched = tmp.resolve("matched"), refined = tmp.resolve("refined");
        assertEquals(0, run("match", "--utterances", tsv.toString(), "--books-dir", books.toString(), "--book-meta", meta.toString(),
                "--output-dir", matched.toString(), "--no-progress"), err.toString());
        assertEquals(0, run("refine", "--input-dir", matched.toString(), "--output-dir", refined.toString(), "--no-progress"), err.toString());
        AlignmentFile f = AlignmentFile.read(refined.resolve("master.txt.align.json"));
        assertEquals(2, f.utterances().size());
        String raw = f.raw();
        assertFalse(raw.contains("  ") || raw.contains("\n"), "raw has whitespace runs collapsed");
        Utterance u1 = f.utterances().get(0), u2 = f.utterances().get(1);
        // the span starts at the word (the opening quote would add an edit) and ends after "air"
        assertEquals(raw.indexOf("Very well"), u1.startIdx());
        assertEquals(raw.indexOf("air.") + 3, u1.endIdx());
        assertEquals("100", u1.speakerId());
        assertTrue(raw.substring(u2.startIdx(), u2.endIdx()).startsWith("The Demon of Electricity"), raw.substring(u2.startIdx(), u2.endIdx()));
        assertTrue(u2.similarity() > 0.9);

        assertEquals(1, run("refine", "--input-dir", tmp.resolve("absent").toString(), "--output-dir", refined.toString()));
        assertTrue(err.toString().contains("refine: error: ") && err.toString().contains("absent"), err.toString());
    }
}
