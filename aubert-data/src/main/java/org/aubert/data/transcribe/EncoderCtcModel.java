package org.aubert.data.transcribe;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;

import org.aubert.core.audio.FeatureExtractor;
import org.aubert.data.ctc.CtcBeamDecoder;
import org.aubert.nn.wav2vec2.AudioEncoder;
import org.aubert.nn.wav2vec2.Wav2Vec2Output;

/**
 * A wav2vec2 / HuBERT *ForCTC model folder as a {@link AcousticModel}: each utterance normalised on its own by
 * the feature extractor (preprocessor_config.json), the batch zero-padded, with an attention mask when the
 * extractor asks for one, and the logits of each row's valid frames log-softmaxed.
 */
public final class EncoderCtcModel implements AcousticModel {
    private final AudioEncoder encoder;
    private final FeatureExtractor features;

    public EncoderCtcModel(AudioEncoder encoder, FeatureExtractor features) {
        if (!encoder.hasCtcHead()) throw new IllegalArgumentException("the audio model has no CTC head (lm_head)");
        this.encoder = encoder;
        this.features = features;
    }

    /** Loads the model, its CTC head and preprocessor_config.json from an HF folder. */
    public static EncoderCtcModel load(Path dir) throws IOException {
        AudioEncoder enc = AudioEncoder.load(dir, DataType.FLOAT, false);
        if (!enc.hasCtcHead()) throw new IllegalArgumentException(dir + " has no lm_head: not a *ForCTC checkpoint");
        return new EncoderCtcModel(enc, FeatureExtractor.load(dir));
    }

    public AudioEncoder encoder() { return encoder; }

    @Override
    public int sampleRate() { return features.config().samplingRate(); }

    /** Fewest samples that give one frame. */
    public int minSamples() {
        int n = 1;
        while (encoder.config().framesForSamples(n) < 1) n++;
        return n;
    }

    @Override
    public List<float[][]> logProbs(List<float[]> utterances) {
        List<float[]> normalized = new ArrayList<>(utterances.size());
        int min = minSamples();
        for (float[] u : utterances) {
            if (u.length < min) throw new IllegalArgumentException(u.length + " samples are too few: the model needs at least " + min);
            normalized.add(features.normalize(u));
        }
        Wav2Vec2Output out = encoder.forward(normalized, features.config().returnAttentionMask());
        INDArray logits = out.logits();
        long[] frames = out.frameLengths();
        List<float[][]> result = new ArrayList<>(utterances.size());
        for (int b = 0; b < utterances.size(); b++) {
            int t = (int) frames[b];
            float[][] rows = logits.get(NDArrayIndex.point(b), NDArrayIndex.interval(0, t), NDArrayIndex.all())
                    .castTo(DataType.FLOAT).toFloatMatrix();
            result.add(CtcBeamDecoder.logSoftmax(rows, t));
        }
        return result;
    }
}
