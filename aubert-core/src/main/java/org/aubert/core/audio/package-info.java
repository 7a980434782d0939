/**
 * Audio input for AuBERT: {@link org.aubert.core.audio.AudioReader} (WAV and FLAC, format by magic bytes),
 * {@link org.aubert.core.audio.AudioWriter} (WAV 16-bit/float, FLAC 16-bit), the band-limited
 * {@link org.aubert.core.audio.Resampler}, and {@link org.aubert.core.audio.FeatureExtractor}, which
 * prepares model input exactly as Hugging Face's {@code Wav2Vec2FeatureExtractor} does.
 *
 * <p>Every problem with an input file surfaces as an {@link org.aubert.core.audio.AudioFormatException}
 * whose message starts with the file name.
 */
package org.aubert.core.audio;
