/**
 * CTC decoding: {@link org.aubert.data.ctc.CtcGreedyDecoder} (best path) and
 * {@link org.aubert.data.ctc.CtcBeamDecoder} (prefix beam search with a word n-gram LM), over the
 * alphabet of an HF CTC tokenizer ({@link org.aubert.data.ctc.CtcAlphabet}); and
 * {@link org.aubert.data.ctc.ArpaModel}, a compact back-off n-gram LM read from ARPA files.
 */
package org.aubert.data.ctc;
