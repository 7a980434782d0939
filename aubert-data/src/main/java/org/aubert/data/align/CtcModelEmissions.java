package org.aubert.data.align;

import java.io.IOException;
import java.nio.file.Path;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import org.aubert.core.audio.AudioReader;
import org.aubert.core.audio.FeatureExtractor;
import org.aubert.core.audio.FeatureExtractorConfig;
import org.aubert.core.tokenize.CtcTokenizer;
import org.aubert.nn.wav2vec2.AudioEncoder;

/**
 * A CTC model ({@code *ForCTC} folder with vocab.json) as a source of per-frame log-probabilities: audio is read mono
 * at the feature extractor's rate, normalised as a whole, and run in overlapping windows ({@link EmissionWindows}).
 */
public final class CtcModelEmissions {
    private final Path model;
    private final CtcTokenizer tokenizer;
    private final FeatureExtractor features;
    private final AudioEncoder encoder;
    private final EmissionWindows windows;

    public CtcModelEmissions(Path model, double windowSec, double overlapSec) throws IOException {
        this.model = model;
        tokenizer = CtcTokenizer.load(model);
        features = new FeatureExtractor(FeatureExtractorConfig.readOrDefault(model));
        encoder = AudioEncoder.load(model, DataType.FLOAT, false);
        if (!encoder.hasCtcHead()) throw new IllegalArgumentException(model + " has no lm_head (not a *ForCTC checkpoint)");
        if (tokenizer.vocabSize() > encoder.config().vocabSize()) {
            throw new IllegalArgumentException(model + ": vocab.json has " + tokenizer.vocabSize() + " tokens but the CTC head only "
                    + encoder.config().vocabSize());
        }
        int rate = sampleRate();
        windows = new EmissionWindows(FrameGeometry.of(encoder.config(), rate), (int) Math.round(windowSec * rate),
                (int) Math.round(overlapSec * rate));
    }

    public Path model() { return model; }

    public CtcTokenizer tokenizer() { return tokenizer; }

    public FrameGeometry geometry() { return windows.geometry(); }

    public int sampleRate() { return features.config().samplingRate(); }

    /** The samples of an audio file, mono at {@link #sampleRate}. */
    public float[] read(Path audio) throws IOException {
        return AudioReader.load(audio, sampleRate(), true).samples();
    }

    /** Log-softmax of the model's logits over {@code samples} (as {@link #read} returns them). */
    public Emissions logProbs(float[] samples) throws IOException {
        return windows.compute(features.normalize(samples), this::logits).logSoftmax();
    }

    /** CTC logits of one window of normalised samples. */
    private Emissions logits(float[] samples) {
        INDArray x = Nd4j.createFromArray(new float[][] {samples});
        INDArray l = encoder.forward(x, null).logits();
        return new Emissions(l.castTo(DataType.FLOAT).dup('c').data().asFloat(), (int) l.size(1), (int) l.size(2));
    }
}
