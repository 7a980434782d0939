package org.aubert.core.tokenize;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Malformed tokenizer files fail with a message naming the file and, where there is one, the line. */
class TokenizerFileErrorsTest {

    private static final String SPECIALS = "[PAD]\n[UNK]\n[CLS]\n[SEP]\n[MASK]\n";

    @TempDir
    Path dir;

    private Path write(String name, String content) throws IOException {
        return Files.writeString(dir.resolve(name), content);
    }

    @Test
    void duplicateVocabTokenNamesBothLines() throws IOException {
        Path vocab = write("vocab.txt", SPECIALS + "the\ncat\nthe\n");
        TokenizerFileException e = assertThrows(TokenizerFileException.class, () -> BertTokenizer.load(dir));
        assertEquals(8, e.line());
        assertEquals(vocab, e.file());
        assertTrue(e.getMessage().startsWith(vocab + ":8: duplicate token 'the' (already on line 6)"), e.getMessage());
    }

    @Test
    void invalidUtf8InVocabNamesTheLine() throws IOException {
        Files.write(dir.resolve("vocab.txt"), (SPECIALS + "ok\n").getBytes(StandardCharsets.UTF_8));
        Files.write(dir.resolve("vocab.txt"), new byte[] {'b', 'a', (byte) 0xC3, '\n'}, StandardOpenOption.APPEND);
        TokenizerFileException e = assertThrows(TokenizerFileException.class, () -> BertTokenizer.load(dir));
        assertEquals(7, e.line());
        assertTrue(e.getMessage().contains("not valid UTF-8"), e.getMessage());
    }

    @Test
    void missingUnknownTokenIsReported() throws IOException {
        write("vocab.txt", "[PAD]\n[CLS]\n[SEP]\n[MASK]\nthe\n");
        TokenizerFileException e = assertThrows(TokenizerFileException.class, () -> BertTokenizer.load(dir));
        assertTrue(e.getMessage().contains("unk_token '[UNK]' is not in the vocabulary"), e.getMessage());
    }

    @Test
    void crlfAndCrLineEndsAreLineBreaksLikePython() throws IOException {
        write("vocab.txt", "[PAD]\r\n[UNK]\r[CLS]\n[SEP]\r\n[MASK]\r\nthe");
        BertTokenizer tokenizer = BertTokenizer.load(dir);
        assertEquals(6, tokenizer.vocabSize());
        assertEquals(5, tokenizer.tokenToId("the"));
        assertEquals(1, tokenizer.tokenToId("[UNK]"));
    }

    @Test
    void malformedTokenizerConfigNamesTheFile() throws IOException {
        write("vocab.txt", SPECIALS);
        Path config = write("tokenizer_config.json", "{\n  \"do_lower_case\": true,\n  oops\n}");
        TokenizerFileException e = assertThrows(TokenizerFileException.class, () -> BertTokenizer.load(dir));
        assertEquals(config, e.file());
        assertEquals(3, e.line());
        write("tokenizer_config.json", "{\"do_lower_case\": \"yes\"}");
        e = assertThrows(TokenizerFileException.class, () -> BertTokenizer.load(dir));
        assertTrue(e.getMessage().contains("'do_lower_case' must be a boolean"), e.getMessage());
    }

    @Test
    void missingVocabFileIsNoSuchFile() {
        assertThrows(NoSuchFileException.class, () -> BertTokenizer.load(dir));
        assertThrows(NoSuchFileException.class, () -> CtcTokenizer.load(dir));
    }

    @Test
    void ctcVocabMustBeAnObjectOfStringToInt() throws IOException {
        Path vocab = write("vocab.json", "[\"<pad>\", \"|\"]");
        TokenizerFileException e = assertThrows(TokenizerFileException.class, () -> CtcTokenizer.load(dir));
        assertEquals(vocab, e.file());
        assertTrue(e.getMessage().startsWith(vocab.toString()), e.getMessage());

        write("vocab.json", "{\"<pad>\": 0, \"|\": \"one\"}");
        e = assertThrows(TokenizerFileException.class, () -> CtcTokenizer.load(dir));
        assertTrue(e.getMessage().contains("token '|' must map to a non-negative integer id"), e.getMessage());

        write("vocab.json", "{\"<pad>\": 0, \"|\": 1, \"A\": 1}");
        e = assertThrows(TokenizerFileException.class, () -> CtcTokenizer.load(dir));
        assertTrue(e.getMessage().contains("share id 1"), e.getMessage());

        write("vocab.json", "{\"<pad>\": 0, \"|\": 1, \"|\": 2}");
        e = assertThrows(TokenizerFileException.class, () -> CtcTokenizer.load(dir));
        assertTrue(e.getMessage().contains("invalid JSON") && e.getMessage().contains("Duplicate field '|'"), e.getMessage());

        write("vocab.json", "{\"<pad>\": 0, \"|\": 1");
        e = assertThrows(TokenizerFileException.class, () -> CtcTokenizer.load(dir));
        assertTrue(e.getMessage().contains("invalid JSON"), e.getMessage());
    }

    @Test
    void ctcVocabNeedsBlankAndDelimiter() throws IOException {
        write("vocab.json", "{\"|\": 0, \"A\": 1}");
        TokenizerFileException e = assertThrows(TokenizerFileException.class, () -> CtcTokenizer.load(dir));
        assertTrue(e.getMessage().contains("pad_token (the CTC blank) '<pad>' is not in the vocabulary"), e.getMessage());
        write("vocab.json", "{\"<pad>\": 0, \"A\": 1}");
        e = assertThrows(TokenizerFileException.class, () -> CtcTokenizer.load(dir));
        assertTrue(e.getMessage().contains("word_delimiter_token '|'"), e.getMessage());
    }
}
