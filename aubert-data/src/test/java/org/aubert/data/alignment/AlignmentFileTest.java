package org.aubert.data.alignment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AlignmentFileTest {
    @TempDir Path tmp;

    @Test
    void realFileRoundTripsWithUnknownKeysKept() throws Exception {
        Path src = Path.of(getClass().getResource("/testdata/master_key/master_key.aligned.json").toURI());
        AlignmentFile a = AlignmentFile.read(src);
        assertEquals(219, a.utterances().size());
        Utterance u = a.utterances().get(0);
        assertEquals("he", u.words().get(0).word());
        assertEquals(a.raw().substring(u.words().get(0).charStart(), u.words().get(0).charEnd()).toLowerCase(), "he");
        assertTrue(u.extra().containsKey("start_idx_old"));
        Path out = tmp.resolve("copy.align.json");
        a.write(out);
        AlignmentFile b = AlignmentFile.read(out);
        assertEquals(a, b);
    }

    @Test
    void badFilesNameFileUtteranceAndKey() throws IOException {
        Path f = tmp.resolve("bad.align.json");
        Files.writeString(f, "{\"raw\": \"abc\", \"utterances\": [{\"fname\": \"x\", \"utterance\": \"a\", \"start_idx\": 0, \"end_idx\": 9}]}");
        IOException e = assertThrows(IOException.class, () -> AlignmentFile.read(f));
        assertTrue(e.getMessage().contains("bad.align.json") && e.getMessage().contains("utterance 0") && e.getMessage().contains("outside"), e.getMessage());
        Files.writeString(f, "{\"raw\": \"abc\", \"utterances\": [{\"fname\": \"x\", \"utterance\": \"a\", \"start_idx\": 0, \"end_idx\": 2,"
                + " \"words\": [[\"ab\", 0, 2, 10]]}]}");
        e = assertThrows(IOException.class, () -> AlignmentFile.read(f));
        assertTrue(e.getMessage().contains("words[0]"), e.getMessage());
        Files.writeString(f, "{\"raw\": \"abc\", \"utterances\": [");
        e = assertThrows(IOException.class, () -> AlignmentFile.read(f));
        assertTrue(e.getMessage().contains("not valid JSON"), e.getMessage());
    }

    @Test
    void codePointOffsetsMapToJavaIndices() {
        RawText plain = RawText.of("plain text");
        assertEquals(5, plain.utf16(5));
        RawText t = RawText.of("a 𝄞 music b");
        assertEquals(11, t.length());
        assertEquals("music", t.substring(4, 9));
        assertEquals("𝄞", t.substring(2, 3));
        assertEquals(t.text().length(), t.utf16(t.length()));
    }
}
