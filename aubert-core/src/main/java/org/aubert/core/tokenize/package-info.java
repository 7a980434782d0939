/**
 * Tokenizers that reproduce HuggingFace's exactly, for the text side (BERT WordPiece) and the audio
 * side (character CTC vocabularies).
 *
 * <ul>
 *   <li>{@link org.aubert.core.tokenize.BertTokenizer}: same ids, tokens, type ids, word ids and offsets
 *       as transformers' {@code BertTokenizerFast}, from a vocab.txt (+ tokenizer_config.json).</li>
 *   <li>{@link org.aubert.core.tokenize.CtcTokenizer}: HF's {@code Wav2Vec2CTCTokenizer} decode
 *       (greedy CTC) and encode, from a vocab.json.</li>
 * </ul>
 *
 * <p><b>Offsets.</b> {@link org.aubert.core.tokenize.Encoding#offsets()} are code-point offsets into the
 * original text, HF's unit (Python indexes strings by code point), so they compare directly with HF's
 * {@code offset_mapping}. {@link org.aubert.core.tokenize.Encoding#utf16Offsets()} are the same spans in
 * Java {@code String} indices (UTF-16 chars); they differ once the text has a character outside the
 * Basic Multilingual Plane (emoji, 𝔘, rare CJK).
 *
 * <p>Parity is checked by tests against fixtures generated with transformers; the generators live in
 * {@code tools/fixtures/}.
 */
package org.aubert.core.tokenize;
