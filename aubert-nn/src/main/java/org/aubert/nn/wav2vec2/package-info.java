/**
 * HuBERT and wav2vec2 audio encoders in SameDiff, with HuggingFace's parameter names and forward semantics
 * ({@code HubertModel}, {@code Wav2Vec2Model}, {@code *ForCTC}); one parameterised implementation serves both.
 *
 * <p>Modules, named like the checkpoint keys: {@link org.aubert.nn.wav2vec2.ConvFeatureExtractor}
 * ({@code feature_extractor.conv_layers.<i>}), {@link org.aubert.nn.wav2vec2.FeatureProjection},
 * {@link org.aubert.nn.wav2vec2.TransformerEncoder} ({@code encoder}: {@link org.aubert.nn.wav2vec2.PositionalConvEmbedding},
 * {@link org.aubert.nn.wav2vec2.EncoderLayer} post- or pre-LN, {@link org.aubert.nn.wav2vec2.FeedForward}),
 * assembled by {@link org.aubert.nn.wav2vec2.Wav2Vec2Model}; {@link org.aubert.nn.wav2vec2.CtcHead} is {@code lm_head}.
 * {@link org.aubert.nn.wav2vec2.AudioEncoder} loads an HF folder and runs it.
 *
 * <p>Training: dropout at HF's sites (feat_proj_dropout, hidden_dropout after attention, in the FFN output and
 * after the encoder's input norm, activation_dropout inside the FFN, attention_dropout on probabilities,
 * final_dropout before lm_head) with masks fed per step; the conv stack can be frozen (graph constants).
 * Not implemented: SpecAugment time/feature masking ({@code masked_spec_embed} is ignored), LayerDrop, the
 * pre-training quantiser, adapters, and the batch-norm positional conv of some wav2vec2 variants (refused by the config).
 */
package org.aubert.nn.wav2vec2;
