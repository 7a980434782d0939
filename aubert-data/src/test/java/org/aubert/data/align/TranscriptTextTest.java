package org.aubert.data.align;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;

import org.aubert.data.alignment.AlignmentFile;
import org.aubert.data.alignment.Utterance;
import org.aubert.data.alignment.WordTiming;
import org.junit.jupiter.api.Test;

class TranscriptTextTest {

    @Test
    void lowerCasesDropsPunctuationAndKeepsTokenSpans() {
        String raw = "He said, \"They're here--\u201cno!\u201d ... iron-gray 12 \u00a0 fine.";
        List<TextWord> w = TranscriptText.words(raw, 0, raw.length());
        assertEquals(List.of(new TextWord("he", 0, 2), new TextWord("said", 3, 8), new TextWord("theyre", 9, 17),
                new TextWord("hereno", 18, 29), new TextWord("irongray", 34, 43), new TextWord("12", 44, 46),
                new TextWord("fine", 49, 54)), w);
        assertEquals("he said theyre hereno irongray 12 fine", TranscriptText.join(w));
        assertEquals(List.of(new TextWord("said", 3, 7)), TranscriptText.words(raw, 3, 7));
        assertTrue(TranscriptText.words(raw, 30, 33).isEmpty());
        assertThrows(IllegalArgumentException.class, () -> TranscriptText.words(raw, 5, 100));
    }

    /** The original pipeline's words and character spans, on every utterance of its real output (The Master Key). */
    @Test
    void reproducesTheOriginalPipelineOnRealData() throws Exception {
        AlignmentFile book = AlignmentFile.read(Path.of(getClass().getResource("/testdata/master_key/master_key.aligned.json").toURI()));
        int words = 0;
        int utterances = 0;
        for (Utterance u : book.utterances()) {
            if (u.words() == null) continue;
            List<TextWord> mine = TranscriptText.words(book.raw(), u.startIdx(), u.endIdx());
            assertEquals(u.words().size(), mine.size(), u.fname());
            for (int i = 0; i < mine.size(); i++) {
                WordTiming t = u.words().get(i);
                assertEquals(new TextWord(t.word(), t.charStart(), t.charEnd()), mine.get(i), u.fname());
                words++;
            }
            utterances++;
        }
        assertEquals(218, utterances);
        assertTrue(words > 30000, "words checked: " + words);
        System.out.printf("TranscriptText: %d words of %d utterances equal the original's%n", words, utterances);
    }
}
