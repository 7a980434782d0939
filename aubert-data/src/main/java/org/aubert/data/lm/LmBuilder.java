package org.aubert.data.lm;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.function.LongConsumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code aubert build-lm}: reads UTF-8 texts, normalises them into sentences ({@link LmText}), estimates an
 * interpolated modified Kneser-Ney model ({@link KneserNey}) and writes it as ARPA ({@link ArpaWriter}), atomically.
 * A missing input file or a text without any word is an error and writes nothing; a line that is not valid UTF-8 is
 * reported by file and line number, skipped and counted. An existing output is kept unless
 * {@link LmConfig#overwrite()}.
 */
public final class LmBuilder {
    private static final Logger log = LoggerFactory.getLogger(LmBuilder.class);
    private static final int MAX_REPORTED = 10;

    private final LmConfig config;

    public LmBuilder(LmConfig config) {
        this.config = config;
    }

    /** Total bytes of the inputs (the unit of the progress callback); checks that each exists. */
    public static long totalBytes(List<Path> texts) throws IOException {
        long total = 0;
        for (Path p : texts) {
            if (!Files.isRegularFile(p)) throw new NoSuchFileException(p.toString(), null, "text file does not exist");
            total += Files.size(p);
        }
        return total;
    }

    /** Builds the model of {@code texts} into {@code output}; {@code progress} receives bytes read as they are read. */
    public LmSummary build(List<Path> texts, Path output, LongConsumer progress) throws IOException {
        long start = System.nanoTime();
        if (texts.isEmpty()) throw new IllegalArgumentException("no --text given");
        totalBytes(texts);
        if (Files.exists(output) && !config.overwrite()) return LmSummary.skipped(output, texts.size());
        TokenCorpus corpus = new TokenCorpus();
        int bad = 0;
        for (Path p : texts) bad += read(p, corpus, progress, bad);
        if (corpus.sentences() == 0) {
            throw new IllegalArgumentException((texts.size() == 1 ? texts.get(0) : texts.toString())
                    + ": no words in the text (after normalisation to lower-case letters, digits and apostrophes)");
        }
        long tRead = System.nanoTime();
        NgramModel model = KneserNey.estimate(corpus, config.order(), config.minCount());
        long tEst = System.nanoTime();
        for (int k = 1; k <= model.order(); k++) {
            Discount d = model.discounts().get(k - 1);
            if (d.fallback()) log.warn("{}-grams: too few distinct counts to estimate the discounts; using 0.5, 1.0, 1.5", k);
        }
        ArpaWriter.write(model, output);
        long tWrite = System.nanoTime();
        log.debug("read {} ms, estimate {} ms, write {} ms", (tRead - start) / 1_000_000, (tEst - tRead) / 1_000_000, (tWrite - tEst) / 1_000_000);
        long[] counts = new long[model.order()];
        for (int k = 1; k <= model.order(); k++) counts[k - 1] = model.count(k);
        return new LmSummary(output, false, texts.size(), corpus.sentences(), corpus.wordCount(),
                corpus.vocabulary().size() - 3, bad, counts, model.discounts(), (System.nanoTime() - start) / 1e9);
    }

    /** Reads one file line by line into the corpus; returns the number of lines skipped as not UTF-8. */
    static int read(Path file, TokenCorpus corpus, LongConsumer progress, int reportedBefore) throws IOException {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        StringBuilder scratch = new StringBuilder();
        byte[] buf = new byte[1 << 20];
        int len = 0;
        long lineNo = 0;
        int bad = 0;
        try (InputStream in = Files.newInputStream(file)) {
            boolean eof = false;
            while (!eof) {
                if (len == buf.length) buf = Arrays.copyOf(buf, buf.length * 2);
                int r = in.read(buf, len, buf.length - len);
                if (r < 0) {
                    eof = true;
                } else {
                    len += r;
                    if (progress != null) progress.accept(r);
                }
                int from = 0;
                for (int i = 0; i < len; i++) {
                    if (buf[i] != '\n') continue;
                    lineNo++;
                    if (!line(buf, from, i, decoder, corpus, scratch)) bad += report(file, lineNo, reportedBefore + bad);
                    from = i + 1;
                }
                if (eof && from < len) {
                    lineNo++;
                    if (!line(buf, from, len, decoder, corpus, scratch)) bad += report(file, lineNo, reportedBefore + bad);
                    from = len;
                }
                System.arraycopy(buf, from, buf, 0, len - from);
                len -= from;
            }
        }
        return bad;
    }

    private static int report(Path file, long lineNo, int reported) {
        if (reported < MAX_REPORTED) log.warn("{}:{}: not valid UTF-8; line skipped", file, lineNo);
        return 1;
    }

    private static boolean line(byte[] b, int from, int to, CharsetDecoder decoder, TokenCorpus corpus, StringBuilder scratch) {
        if (to > from && b[to - 1] == '\r') to--;
        CharBuffer chars;
        try {
            chars = decoder.decode(ByteBuffer.wrap(b, from, to - from));
        } catch (CharacterCodingException e) {
            corpus.endSentence();
            return false;
        }
        LmText.split(chars, corpus, scratch);
        return true;
    }
}
