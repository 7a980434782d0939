package org.aubert.core.tokenize;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A BERT WordPiece tokenizer giving the same ids, tokens and offsets as HuggingFace's
 * {@code BertTokenizerFast} (Rust BertNormalizer + BertPreTokenizer + WordPiece + [CLS]/[SEP]
 * template), built from a vocab.txt and, optionally, a tokenizer_config.json.
 *
 * <p>Special tokens ([CLS], [SEP], [MASK], [PAD], [UNK] and any additional ones) that appear verbatim
 * in the input are kept whole, as HF does; "[mask]" or "[ MASK ]" are ordinary text. Offsets are
 * code points into the original text (HF's unit); see {@link Encoding} for UTF-16 offsets.
 *
 * <p>Instances are immutable and safe to share between threads.
 */
public final class BertTokenizer {

    private static final Logger LOG = LoggerFactory.getLogger(BertTokenizer.class);

    private final WordPieceVocab vocab;
    private final BertTokenizerConfig config;
    private final BertNormalizer normalizer;
    private final WordPiece wordPiece;
    private final SpecialTokenMatcher specials;
    private final int clsId;
    private final int sepId;
    private final int padId;
    private final BitSet specialIds = new BitSet();

    private BertTokenizer(Path vocabFile, WordPieceVocab vocab, BertTokenizerConfig config) throws TokenizerFileException {
        this.vocab = vocab;
        this.config = config;
        this.normalizer = new BertNormalizer(config.tokenizeChineseChars(), config.stripsAccents(), config.doLowerCase());
        int unkId = requiredId(vocabFile, "unk_token", config.unkToken());
        this.clsId = requiredId(vocabFile, "cls_token", config.clsToken());
        this.sepId = requiredId(vocabFile, "sep_token", config.sepToken());
        this.padId = config.padToken() == null ? -1 : vocab.id(config.padToken());
        this.wordPiece = new WordPiece(vocab, unkId, WordPiece.DEFAULT_MAX_INPUT_CHARS_PER_WORD);
        List<SpecialTokenMatcher.Special> specialTokens = specialTokens(vocabFile, vocab, config);
        this.specials = new SpecialTokenMatcher(specialTokens);
        for (SpecialTokenMatcher.Special s : specialTokens) specialIds.set(s.id());
    }

    /**
     * Loads the tokenizer in {@code modelDir}: vocab.txt, plus tokenizer_config.json when present
     * (HF defaults otherwise). A tokenizer.json there is not read: HF would prefer it, so a warning
     * says that vocab.txt is used instead.
     */
    public static BertTokenizer load(Path modelDir) throws IOException {
        Path vocabFile = modelDir.resolve("vocab.txt");
        if (!Files.isRegularFile(vocabFile)) {
            throw new NoSuchFileException(vocabFile.toString(), null, "a BERT tokenizer folder needs vocab.txt");
        }
        Path configFile = modelDir.resolve("tokenizer_config.json");
        BertTokenizerConfig config = Files.isRegularFile(configFile)
                ? BertTokenizerConfig.read(configFile) : BertTokenizerConfig.defaults();
        if (Files.exists(modelDir.resolve("tokenizer.json"))) {
            LOG.warn("{}: tokenizer.json is ignored; using vocab.txt and tokenizer_config.json", modelDir);
        }
        return create(vocabFile, config);
    }

    /** Builds a tokenizer from a vocab.txt and explicit settings. */
    public static BertTokenizer create(Path vocabTxt, BertTokenizerConfig config) throws IOException {
        return new BertTokenizer(vocabTxt, WordPieceVocab.read(vocabTxt), config);
    }

    public BertTokenizerConfig config() {
        return config;
    }

    public int vocabSize() {
        return vocab.size();
    }

    /** Id of {@code token}, or -1 when it is not in the vocabulary. */
    public int tokenToId(String token) {
        return vocab.id(token);
    }

    public String idToToken(int id) {
        if (id < 0 || id >= vocab.size()) throw new IndexOutOfBoundsException("token id " + id + " not in [0, " + vocab.size() + ")");
        return vocab.token(id);
    }

    /** {@code [CLS] text [SEP]}, untruncated. */
    public Encoding encode(String text) {
        return encode(text, null, Integer.MAX_VALUE);
    }

    /**
     * {@code [CLS] text [SEP] pair [SEP]}, untruncated; a null or empty {@code pair} gives a single
     * sequence (transformers ignores an empty pair too).
     */
    public Encoding encode(String text, String pair) {
        return encode(text, pair, Integer.MAX_VALUE);
    }

    /**
     * Like {@link #encode(String, String)}, truncated to at most {@code maxLength} tokens, special
     * tokens included, with HF's longest_first strategy ({@code truncation=True, max_length=maxLength}).
     */
    public Encoding encode(String text, String pair, int maxLength) {
        boolean hasPair = pair != null && !pair.isEmpty();
        int[] textA = text.codePoints().toArray();
        TokenSequence a = tokenize(textA);
        int[] textB = hasPair ? pair.codePoints().toArray() : null;
        TokenSequence b = hasPair ? tokenize(textB) : null;
        Truncation.longestFirst(a, b, hasPair ? 3 : 2, maxLength);
        return assemble(textA, a, textB, b);
    }

    /**
     * Text of {@code ids}, as HF's {@code decode}: WordPiece pieces joined, spaces around other
     * tokens, no space before . ? ! and ,. Lower-casing and accent stripping are of course not undone.
     * Ids outside the vocabulary are skipped, as in HF.
     */
    public String decode(int[] ids, boolean skipSpecialTokens) {
        WordPieceDecoder decoder = new WordPieceDecoder();
        for (int id : ids) {
            if (id < 0 || id >= vocab.size() || (skipSpecialTokens && specialIds.get(id))) continue;
            decoder.append(vocab.token(id));
        }
        return decoder.text();
    }

    /** Pads encodings on the right to the longest one, with the pad token (HF {@code padding="longest"}). */
    public PaddedBatch pad(List<Encoding> encodings) {
        if (padId < 0) throw new IllegalStateException("no pad token '" + config.padToken() + "' in the vocabulary");
        int length = 0;
        for (Encoding e : encodings) length = Math.max(length, e.size());
        int[][] ids = new int[encodings.size()][length];
        int[][] mask = new int[encodings.size()][length];
        int[][] types = new int[encodings.size()][length];
        for (int row = 0; row < ids.length; row++) {
            Encoding e = encodings.get(row);
            Arrays.fill(ids[row], padId);
            System.arraycopy(e.ids(), 0, ids[row], 0, e.size());
            System.arraycopy(e.typeIds(), 0, types[row], 0, e.size());
            Arrays.fill(mask[row], 0, e.size(), 1);
        }
        return new PaddedBatch(ids, mask, types);
    }

    // Special tokens cut the text into segments; each segment is normalised, split into words, and
    // WordPiece'd. Word ids count special tokens and words alike, as HF's splits do.
    private TokenSequence tokenize(int[] text) {
        TokenSequence out = new TokenSequence();
        CodePointBuffer normalized = new CodePointBuffer();
        int words = 0;
        int segmentStart = 0;
        int i = 0;
        while (i < text.length) {
            SpecialTokenMatcher.Special special = specials.matchAt(text, i, text.length);
            if (special == null) {
                i++;
                continue;
            }
            words = tokenizeSegment(text, segmentStart, i, normalized, words, out);
            int end = i + special.codePoints().length;
            out.add(special.id(), vocab.token(special.id()), i, end, words++);
            i = end;
            segmentStart = end;
        }
        tokenizeSegment(text, segmentStart, text.length, normalized, words, out);
        return out;
    }

    /** Returns the next free word id. */
    private int tokenizeSegment(int[] text, int from, int to, CodePointBuffer normalized, int firstWord, TokenSequence out) {
        if (from == to) return firstWord;
        normalized.clear();
        normalizer.normalize(text, from, to, normalized);
        int[] words = {firstWord};
        BertPreTokenizer.split(normalized, (start, end) -> wordPiece.tokenize(normalized, start, end, words[0]++, out));
        return words[0];
    }

    private Encoding assemble(int[] textA, TokenSequence a, int[] textB, TokenSequence b) {
        int n = a.size() + 2 + (b == null ? 0 : b.size() + 1);
        EncodingBuilder builder = new EncodingBuilder(n);
        builder.special(clsId, vocab.token(clsId), 0);
        builder.sequence(a, 0, textA);
        builder.special(sepId, vocab.token(sepId), 0);
        if (b != null) {
            builder.sequence(b, 1, textB);
            builder.special(sepId, vocab.token(sepId), 1);
        }
        return builder.build();
    }

    private int requiredId(Path vocabFile, String role, String token) throws TokenizerFileException {
        int id = token == null ? -1 : vocab.id(token);
        if (id < 0) throw new TokenizerFileException(vocabFile, 0, role + " '" + token + "' is not in the vocabulary");
        return id;
    }

    // Named special tokens absent from the vocabulary are skipped (HF would append them as new ids);
    // additional ones must be present, since nothing else could give them an id.
    private static List<SpecialTokenMatcher.Special> specialTokens(Path vocabFile, WordPieceVocab vocab,
                                                                    BertTokenizerConfig config) throws TokenizerFileException {
        List<SpecialTokenMatcher.Special> out = new ArrayList<>();
        for (Map.Entry<String, String> e : config.namedSpecialTokens().entrySet()) {
            int id = vocab.id(e.getValue());
            if (id >= 0 && !e.getValue().isEmpty()) out.add(new SpecialTokenMatcher.Special(e.getValue().codePoints().toArray(), id));
        }
        for (String token : config.additionalSpecialTokens()) {
            int id = vocab.id(token);
            if (id < 0 || token.isEmpty()) {
                throw new TokenizerFileException(vocabFile, 0, "additional special token '" + token + "' is not in the vocabulary");
            }
            out.add(new SpecialTokenMatcher.Special(token.codePoints().toArray(), id));
        }
        return out;
    }
}
