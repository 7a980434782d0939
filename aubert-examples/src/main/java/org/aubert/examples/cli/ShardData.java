package org.aubert.examples.cli;

import java.io.IOException;
import java.nio.file.Path;

import org.nd4j.linalg.api.buffer.DataType;

import org.aubert.core.audio.FeatureExtractor;
import org.aubert.core.audio.FeatureExtractorConfig;
import org.aubert.core.tokenize.BertTokenizer;
import org.aubert.data.batch.BatchLoader;
import org.aubert.data.batch.LoaderConfig;

/** Opens a shard folder as batches for a model whose tokenizer and feature-extractor files are in the given folders. */
final class ShardData {
    private ShardData() {}

    static BatchLoader open(Path shards, Path vocabDir, Path audioDir, LoaderConfig cfg, int maxTokens, DataType dtype) throws IOException {
        FeatureExtractorConfig fe = FeatureExtractorConfig.readOrDefault(audioDir);
        LoaderConfig c = new LoaderConfig(cfg.maxBatchSize(), cfg.minGroupSize(), cfg.cropSamples(), maxTokens, cfg.threads(), cfg.prefetch());
        return new BatchLoader(BatchLoader.shardsIn(shards), BertTokenizer.load(vocabDir), new FeatureExtractor(fe), c, dtype);
    }
}
