/**
 * Word n-gram language models for CTC beam search ({@code aubert build-lm}).
 *
 * <p>{@link org.aubert.data.lm.LmBuilder} reads UTF-8 texts, splits them into sentences of normalised words
 * ({@link org.aubert.data.lm.LmText}: sentences end at {@code . ! ?} and line ends; lower-case; letters, digits and
 * apostrophes inside words kept; everything else separates words), estimates an interpolated modified Kneser-Ney
 * model exactly as KenLM's {@code lmplz} defines it ({@link org.aubert.data.lm.KneserNey}: adjusted counts,
 * three discounts per order, interpolation down to the uniform distribution over the vocabulary) and writes it as an
 * ARPA file ({@link org.aubert.data.lm.ArpaWriter}) atomically. An n-gram is a {@code long} key (the index of its
 * prefix among the sorted n-grams of the order below, and its last word id), counted by sorting, so a model of
 * tens of MB of text of any order needs no more than a few arrays the size of the text per order.
 */
package org.aubert.data.lm;
