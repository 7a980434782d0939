package org.aubert.data.batch;

import java.util.List;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

import org.aubert.core.audio.FeatureExtractor;
import org.aubert.core.tokenize.BertTokenizer;
import org.aubert.core.tokenize.SpanTokens;
import org.aubert.data.shard.ShardInstance;
import org.aubert.nn.aubert.Batch;

/**
 * Turns shard instances into a padded {@link Batch}: text tokenised with the n-gram's token span located, audio cropped,
 * normalised as the audio model's feature extractor says, then both padded on the right with masks.
 */
final class BatchPadder {
    private final BertTokenizer tokenizer;
    private final FeatureExtractor features;
    private final LoaderConfig config;
    private final DataType audioType;

    BatchPadder(BertTokenizer tokenizer, FeatureExtractor features, LoaderConfig config, DataType audioType) {
        this.tokenizer = tokenizer;
        this.features = features;
        this.config = config;
        this.audioType = audioType;
    }

    Batch pad(List<ShardInstance> xs) {
        int b = xs.size();
        SpanTokens[] text = new SpanTokens[b];
        float[][] audio = new float[b][];
        int maxT = 0;
        int maxS = 0;
        for (int i = 0; i < b; i++) {
            ShardInstance x = xs.get(i);
            text[i] = SpanTokens.locate(tokenizer, x.context(), x.charStart(), x.charEnd(), config.maxTokens());
            float[] wave = x.floatSamples();
            if (wave.length > config.cropSamples()) wave = java.util.Arrays.copyOf(wave, config.cropSamples());
            audio[i] = features.normalize(wave);
            maxT = Math.max(maxT, text[i].length());
            maxS = Math.max(maxS, audio[i].length);
        }
        long[][] ids = new long[b][maxT];
        int[][] textMask = new int[b][maxT];
        long[] start = new long[b];
        long[] end = new long[b];
        float[][] values = new float[b][maxS];
        int[][] audioMask = new int[b][maxS];
        for (int i = 0; i < b; i++) {
            int[] t = text[i].ids();
            for (int k = 0; k < t.length; k++) {
                ids[i][k] = t[k];
                textMask[i][k] = 1;
            }
            start[i] = text[i].start();
            end[i] = text[i].end();
            System.arraycopy(audio[i], 0, values[i], 0, audio[i].length);
            java.util.Arrays.fill(audioMask[i], 0, audio[i].length, 1);
        }
        return Batch.of(Nd4j.createFromArray(ids), Nd4j.createFromArray(textMask), start, end,
                Nd4j.createFromArray(values).castTo(audioType), Nd4j.createFromArray(audioMask));
    }
}
