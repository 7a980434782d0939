package org.aubert.core.tokenize;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * A character-level CTC vocabulary, as HF's {@code Wav2Vec2CTCTokenizer}: the pad token is the CTC
 * blank, "|" (the word delimiter) stands for a space.
 *
 * <p>{@link #decodeGreedy} and {@link #decode} reproduce HF's {@code decode} exactly: collapse
 * repeats, drop blanks, "|" to " ", strip the ends, lower-case if do_lower_case. Like HF they do not
 * merge inner runs of spaces ("A|&lt;pad&gt;|B" gives "A  B").
 *
 * <p>{@link #encode} follows HF's tokenisation (multi-character tokens such as "&lt;unk&gt;" are kept
 * whole and eat the spaces around them; " " becomes "|"), with one deliberate difference: input is
 * upper-cased not only when do_lower_case is set (HF) but also when the vocabulary has no lower-case
 * letters, where HF would turn every lower-case letter into &lt;unk&gt;. {@link #withUpperCaseInput}
 * overrides that choice.
 */
public final class CtcTokenizer {

    /** What {@link #encode(String, OutOfVocabulary)} does with a character that is not in the vocabulary. */
    public enum OutOfVocabulary {
        /** Map it to the unknown token, as HF does. */
        UNK,
        /** Throw {@link IllegalArgumentException} naming the character. */
        THROW
    }

    private final CtcVocab vocab;
    private final Settings settings;
    private final boolean upperCaseInput;
    private final int blankId;
    private final int delimiterId;
    private final int unkId;
    private final SpecialTokenMatcher multiCharTokens;
    private final Set<String> specialTokens;

    /** The tokenizer_config.json / special_tokens_map.json fields that matter. */
    private record Settings(String padToken, String unkToken, String bosToken, String eosToken,
                            String wordDelimiterToken, String replaceWordDelimiterChar, boolean doLowerCase) {}

    private CtcTokenizer(Path vocabFile, CtcVocab vocab, Settings settings, Boolean upperCaseInput) throws TokenizerFileException {
        this.vocab = vocab;
        this.settings = settings;
        this.blankId = requiredId(vocabFile, "pad_token (the CTC blank)", settings.padToken());
        this.delimiterId = requiredId(vocabFile, "word_delimiter_token", settings.wordDelimiterToken());
        this.unkId = settings.unkToken() == null ? -1 : vocab.id(settings.unkToken());
        this.upperCaseInput = upperCaseInput != null ? upperCaseInput : settings.doLowerCase() || hasNoLowerCase(vocab);
        List<SpecialTokenMatcher.Special> multi = new ArrayList<>();
        for (String token : vocab.tokens()) {
            if (token.codePointCount(0, token.length()) > 1) multi.add(new SpecialTokenMatcher.Special(token.codePoints().toArray(), vocab.id(token)));
        }
        this.multiCharTokens = new SpecialTokenMatcher(multi);
        this.specialTokens = new HashSet<>();
        for (String t : new String[] {settings.bosToken(), settings.eosToken(), settings.unkToken(), settings.padToken()}) {
            if (t != null) specialTokens.add(t);
        }
        specialTokens.remove(settings.wordDelimiterToken());
    }

    /**
     * Loads vocab.json, plus tokenizer_config.json and special_tokens_map.json when present (the latter
     * wins for token names, as in HF). The pad token and the word delimiter must be in the vocabulary.
     */
    public static CtcTokenizer load(Path dir) throws IOException {
        Path vocabFile = dir.resolve("vocab.json");
        if (!Files.isRegularFile(vocabFile)) throw new NoSuchFileException(vocabFile.toString(), null, "a CTC tokenizer folder needs vocab.json");
        CtcVocab vocab = CtcVocab.read(vocabFile);
        Settings s = new Settings("<pad>", "<unk>", "<s>", "</s>", "|", " ", false);
        Path config = dir.resolve("tokenizer_config.json");
        if (Files.isRegularFile(config)) s = readSettings(config, s);
        Path specialMap = dir.resolve("special_tokens_map.json");
        if (Files.isRegularFile(specialMap)) s = readSettings(specialMap, s);
        return new CtcTokenizer(vocabFile, vocab, s, null);
    }

    private static Settings readSettings(Path file, Settings s) throws IOException {
        JsonNode json = TokenizerJson.readObject(file);
        return new Settings(
                TokenizerJson.token(file, json, "pad_token", s.padToken()),
                TokenizerJson.token(file, json, "unk_token", s.unkToken()),
                TokenizerJson.token(file, json, "bos_token", s.bosToken()),
                TokenizerJson.token(file, json, "eos_token", s.eosToken()),
                TokenizerJson.token(file, json, "word_delimiter_token", s.wordDelimiterToken()),
                TokenizerJson.string(file, json, "replace_word_delimiter_char", s.replaceWordDelimiterChar()),
                TokenizerJson.bool(file, json, "do_lower_case", s.doLowerCase()));
    }

    /** A copy that upper-cases input in {@link #encode} exactly when {@code upperCase} is true. */
    public CtcTokenizer withUpperCaseInput(boolean upperCase) {
        try {
            return new CtcTokenizer(null, vocab, settings, upperCase);
        } catch (TokenizerFileException e) {
            throw new IllegalStateException("already validated", e);
        }
    }

    /** Whether {@link #encode} upper-cases its input. */
    public boolean upperCasesInput() {
        return upperCaseInput;
    }

    /** HF's do_lower_case: decoded text is lower-cased (and, in HF, input upper-cased). */
    public boolean doLowerCase() {
        return settings.doLowerCase();
    }

    /** Id of the CTC blank (the pad token). */
    public int blankId() {
        return blankId;
    }

    public int wordDelimiterId() {
        return delimiterId;
    }

    public int vocabSize() {
        return vocab.size();
    }

    /** Id of {@code token}, or -1. */
    public int tokenToId(String token) {
        return vocab.id(token);
    }

    /** Token of {@code id}; the unknown token for an id that has none, as in HF. */
    public String idToToken(int id) {
        String token = vocab.token(id);
        return token != null ? token : settings.unkToken();
    }

    /** Text of per-frame argmax ids: HF's {@code decode(argmax_ids)}. */
    public String decodeGreedy(int[] frameIds) {
        return decode(frameIds, false);
    }

    /**
     * HF's {@code Wav2Vec2CTCTokenizer.decode(ids, skip_special_tokens)}. Note that skipping special
     * tokens drops blanks <em>before</em> repeats are merged (so "A &lt;pad&gt; A" gives "A"), as HF does.
     */
    public String decode(int[] ids, boolean skipSpecialTokens) {
        StringBuilder text = new StringBuilder();
        String previous = null;
        for (int id : ids) {
            String token = idToToken(id);
            if (skipSpecialTokens && specialTokens.contains(token)) continue;
            if (token.equals(previous)) continue;
            previous = token;
            if (token.equals(settings.padToken())) continue;
            text.append(token.equals(settings.wordDelimiterToken()) ? settings.replaceWordDelimiterChar() : token);
        }
        String out = PythonText.strip(text.toString());
        return settings.doLowerCase() ? out.toLowerCase(Locale.ROOT) : out;
    }

    /** CTC collapse of frame ids: merge runs of the same id, then drop blanks. */
    public int[] collapse(int[] frameIds) {
        int[] out = new int[frameIds.length];
        int n = 0;
        for (int i = 0; i < frameIds.length; i++) {
            int id = frameIds[i];
            if (id != blankId && (i == 0 || frameIds[i - 1] != id)) out[n++] = id;
        }
        return Arrays.copyOf(out, n);
    }

    /** Ids of {@code text}, unknown characters mapped to the unknown token (HF's behaviour). */
    public int[] encode(String text) {
        return encode(text, OutOfVocabulary.UNK);
    }

    /** Ids of {@code text}; see the class comment for the rules. */
    public int[] encode(String text, OutOfVocabulary oov) {
        Objects.requireNonNull(text, "text");
        List<Object> parts = splitOnMultiCharTokens(text.codePoints().toArray());
        IntList ids = new IntList();
        for (Object part : parts) {
            if (part instanceof SpecialTokenMatcher.Special special) {
                ids.add(special.id());
            } else {
                encodeCharacters((String) part, oov, ids);
            }
        }
        return ids.toArray();
    }

    // Multi-character tokens ("<s>", "<unk>", ...) are matched in the raw text and strip the
    // whitespace next to them (HF adds them as AddedToken(lstrip=True, rstrip=True)).
    private List<Object> splitOnMultiCharTokens(int[] text) {
        List<Object> parts = new ArrayList<>();
        int segmentStart = 0;
        int i = 0;
        while (i < text.length) {
            SpecialTokenMatcher.Special match = multiCharTokens.matchAt(text, i, text.length);
            if (match == null) {
                i++;
                continue;
            }
            if (i > segmentStart) parts.add(new String(text, segmentStart, i - segmentStart));
            parts.add(match);
            i += match.codePoints().length;
            segmentStart = i;
        }
        if (text.length > segmentStart) parts.add(new String(text, segmentStart, text.length - segmentStart));
        for (int k = 0; k < parts.size(); k++) {
            if (!(parts.get(k) instanceof SpecialTokenMatcher.Special)) continue;
            if (k > 0 && parts.get(k - 1) instanceof String left) parts.set(k - 1, PythonText.rstrip(left));
            if (k + 1 < parts.size() && parts.get(k + 1) instanceof String right) parts.set(k + 1, PythonText.lstrip(right));
        }
        return parts;
    }

    private void encodeCharacters(String segment, OutOfVocabulary oov, IntList ids) {
        String text = upperCaseInput ? segment.toUpperCase(Locale.ROOT) : segment;
        text.codePoints().forEach(cp -> {
            if (cp == ' ') {
                ids.add(delimiterId);
                return;
            }
            int id = vocab.id(new String(Character.toChars(cp)));
            if (id >= 0) {
                ids.add(id);
            } else if (oov == OutOfVocabulary.THROW) {
                throw new IllegalArgumentException(String.format("character '%s' (U+%04X) is not in the CTC vocabulary; text: \"%s\"",
                        new String(Character.toChars(cp)), cp, segment));
            } else if (unkId >= 0) {
                ids.add(unkId);
            } else {
                throw new IllegalArgumentException(String.format("character U+%04X is not in the CTC vocabulary, which has no unk_token '%s'",
                        cp, settings.unkToken()));
            }
        });
    }

    private int requiredId(Path vocabFile, String role, String token) throws TokenizerFileException {
        int id = token == null ? -1 : vocab.id(token);
        if (id < 0) throw new TokenizerFileException(vocabFile, 0, role + " '" + token + "' is not in the vocabulary");
        return id;
    }

    // A vocabulary of capitals (as HF's English CTC models have) cannot spell lower-case input.
    private static boolean hasNoLowerCase(CtcVocab vocab) {
        boolean anyUpper = false;
        for (String token : vocab.tokens()) {
            if (token.codePointCount(0, token.length()) != 1) continue;
            int cp = token.codePointAt(0);
            if (Character.isLowerCase(cp)) return false;
            anyUpper |= Character.isUpperCase(cp);
        }
        return anyUpper;
    }
}
