package org.aubert.data.batch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;

import org.aubert.core.audio.FeatureExtractor;
import org.aubert.core.audio.FeatureExtractorConfig;
import org.aubert.core.tokenize.BertTokenizer;
import org.aubert.data.alignment.AlignmentFile;
import org.aubert.data.prepare.CollatorConfig;
import org.aubert.data.prepare.CorpusFixture;
import org.aubert.data.prepare.NgramCollator;
import org.aubert.nn.aubert.Batch;

class BatchLoaderTest {
    @TempDir static Path tmp;
    static List<Path> shards;
    static BertTokenizer tokenizer;
    static final FeatureExtractor FEATURES = new FeatureExtractor(FeatureExtractorConfig.DEFAULT);

    @BeforeAll
    static void prepare() throws Exception {
        AlignmentFile book = CorpusFixture.write(tmp.resolve("audio"), 8);
        new NgramCollator(new CollatorConfig(2, 3, 12, 1000, 1, 0, 60, 4, 16000, 0))
                .run(List.of(book), tmp.resolve("audio"), tmp.resolve("shards"), false);
        shards = BatchLoader.shardsIn(tmp.resolve("shards"));
        tokenizer = BertTokenizer.load(Path.of(BatchLoaderTest.class.getResource("/testdata/oracles/models/bert_tiny").toURI()));
    }

    private static List<String> pass(BatchLoader l, long seed) {
        l.reset(seed);
        List<String> out = new ArrayList<>();
        while (l.hasNext()) {
            Batch b = l.next();
            out.add(b.size() + ":" + b.textIds().sumNumber() + ":" + b.audioValues().sumNumber());
        }
        return out;
    }

    @Test
    void batchesArePaddedMaskedCroppedAndSpansPointAtTheNgram() throws Exception {
        LoaderConfig cfg = new LoaderConfig(5, 4, 4000, 512, 2, 3);
        try (BatchLoader l = new BatchLoader(shards, tokenizer, FEATURES, cfg, DataType.FLOAT)) {
            assertTrue(l.batches() > 5, "batches: " + l.batches());
            assertTrue(l.skippedGroups() > 0, "groups of 3 are skipped");
            int seen = 0;
            while (l.hasNext()) {
                Batch b = l.next();
                seen++;
                assertTrue(b.size() >= 4 && b.size() <= 5);
                assertTrue(b.audioValues().size(1) <= 4000, "audio cropped to 4000 samples");
                for (int i = 0; i < b.size(); i++) {
                    long len = b.textMask().getRow(i).sumNumber().longValue();
                    assertEquals(tokenizer.tokenToId("[CLS]"), b.textIds().getLong(i, 0));
                    assertEquals(tokenizer.tokenToId("[SEP]"), b.textIds().getLong(i, len - 1));
                    for (long t = len; t < b.textIds().size(1); t++) assertEquals(0, b.textIds().getLong(i, t));
                    // Word spans are whitespace tokens of the book, so punctuation next to a word is part of it.
                    if (i > 0) assertEquals(spanOf(b, 0), spanOf(b, i), "every example of a batch is the same n-gram");
                    long samples = b.audioMask().getRow(i).sumNumber().longValue();
                    double mean = b.audioValues().getRow(i).get(org.nd4j.linalg.indexing.NDArrayIndex.interval(0, samples)).meanNumber().doubleValue();
                    assertEquals(0, mean, 1e-4, "normalised over the valid samples");
                }
            }
            assertEquals(l.batches(), seen);
        }
    }

    private static String spanOf(Batch b, int i) {
        StringBuilder span = new StringBuilder();
        for (long t = b.spanStart()[i]; t < b.spanEnd()[i]; t++) {
            String tok = tokenizer.idToToken(b.textIds().getInt(i, (int) t));
            if (tok.matches("[a-z#']+")) span.append(tok).append(' ');
        }
        assertTrue(span.length() > 0);
        return span.toString();
    }

    @Test
    void orderIsSeededAndIndependentOfThreads() throws Exception {
        try (BatchLoader one = new BatchLoader(shards, tokenizer, FEATURES, LoaderConfig.DEFAULT.withThreads(1, 1), DataType.FLOAT);
             BatchLoader four = new BatchLoader(shards, tokenizer, FEATURES, LoaderConfig.DEFAULT.withThreads(4, 8), DataType.FLOAT)) {
            List<String> a = pass(one, 5);
            assertEquals(a, pass(four, 5));
            assertEquals(a, pass(one, 5));
            assertNotEquals(a, pass(one, 6));
            List<String> sortedA = new ArrayList<>(a);
            List<String> sortedB = new ArrayList<>(pass(four, 6));
            java.util.Collections.sort(sortedA);
            java.util.Collections.sort(sortedB);
            assertEquals(sortedA, sortedB, "another seed, same batches in another order");
        }
    }
}
