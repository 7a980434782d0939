package org.aubert.nn.aubert;

import org.nd4j.autodiff.samediff.SDVariable;

import org.aubert.nn.graph.Scope;

/**
 * Audio side: pools the audio encoder's last hidden state over each segment's valid frames (the encoder's frame mask,
 * {@link org.aubert.nn.wav2vec2.Wav2Vec2Model#frameMask}), then maps it back to the hidden size (parameters
 * {@code audio_pooler.dense.*}).
 */
public final class FramePooler {
    public static final String SCOPE = "audio_pooler";

    private final Pooler pooler;

    public FramePooler(Scope parent, AubertConfig.Pooling mode, long hidden) {
        this.pooler = new Pooler(parent.child(SCOPE), mode, hidden);
    }

    /** @param lastHiddenState [B, F, H]; @param frameMask [B, F], 1 for real frames; returns [B, H]. */
    public SDVariable forward(SDVariable lastHiddenState, SDVariable frameMask) { return pooler.forward(lastHiddenState, frameMask); }
}
