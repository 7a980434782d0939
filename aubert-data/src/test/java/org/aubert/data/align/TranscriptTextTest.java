package org.aubert.data.align;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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

    /** The original pipeline's words and character spans, on utterances of its real output. */
    @Test
    void reproducesTheOriginalPipelineOnRealData() throws Exception {
        JsonNode root = new ObjectMapper().readTree(Path.of(getClass().getResource("/align/master_key.sample.align.json").toURI()).toFile());
        String raw = root.get("raw").asText();
        int words = 0;
        for (JsonNode u : root.get("utterances")) {
            List<TextWord> mine = TranscriptText.words(raw, u.get("start_idx").asInt(), u.get("end_idx").asInt());
            JsonNode theirs = u.get("words");
            assertEquals(theirs.size(), mine.size(), u.get("fname").asText());
            for (int i = 0; i < mine.size(); i++) {
                JsonNode t = theirs.get(i);
                assertEquals(new TextWord(t.get(0).asText(), t.get(1).asInt(), t.get(2).asInt()), mine.get(i), u.get("fname").asText());
                words++;
            }
        }
        assertTrue(words > 1000, "words checked: " + words);
    }
}
