/**
 * The AuBERT model: contrastive text/audio pre-training in one SameDiff graph.
 *
 * <p>A batch ({@link org.aubert.nn.aubert.Batch}) holds B occurrences of one n-gram spoken by one speaker, each a text
 * context with the n-gram's token span and its audio segment. BERT encodes the contexts and HuBERT / wav2vec2 the
 * segments; {@link org.aubert.nn.aubert.SpanPooler} and {@link org.aubert.nn.aubert.FramePooler} pool the span's tokens
 * and the segment's valid frames (mean, max or both, then a linear map); a {@link org.aubert.nn.aubert.ProjectionHead}
 * per side maps into a joint space; a {@link org.aubert.nn.aubert.Scorer} ({@link org.aubert.nn.aubert.MlpScorer} over
 * concatenated pairs, or {@link org.aubert.nn.aubert.CosineScorer}) scores all B × B pairs; and
 * {@link org.aubert.nn.aubert.InfoNceLoss} makes each text pick its own audio and each audio its own text. An
 * auxiliary masked-LM loss can be added. {@link org.aubert.nn.aubert.AubertModel} assembles it from an
 * {@link org.aubert.nn.aubert.AubertConfig} ({@code aubert.json}) and gives a trainer {@code step} (loss, metrics,
 * gradients) and {@code scores}; {@link org.aubert.nn.aubert.RetrievalMetrics} evaluates logit matrices.
 *
 * <p>Not here: the trainer, checkpoints and the CLI (they build on {@code AubertModel}'s parameters by name and
 * {@code step}), and the data sources ({@link org.aubert.nn.aubert.BatchSource} is their interface).
 */
package org.aubert.nn.aubert;
