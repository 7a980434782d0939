/**
 * CTC training for HuBERT / wav2vec2 (HF's {@code *ForCTC}).
 *
 * <p>{@link org.aubert.nn.ctc.CtcLoss} is the exact CTC loss and its gradient w.r.t. the logits (forward-backward in
 * log space, double precision). {@link org.aubert.nn.ctc.CtcModel} is a {@link org.aubert.nn.train.TrainableModel}:
 * logits from the graph, HF's loss and reduction outside it, parameter gradients from the surrogate
 * {@code sum(logits * G)} with G = d loss / d logits, so the project's {@link org.aubert.nn.train.Trainer} trains it
 * like AuBERT; evaluation reports the loss and greedy-decoding CER / WER ({@link org.aubert.nn.ctc.CtcEvaluation}).
 * {@link org.aubert.nn.ctc.CtcTrainingData} turns (audio, transcript) pairs (TSV or the demo corpus) into batches;
 * {@link org.aubert.nn.ctc.CtcVocabFiles} writes a character vocabulary in HF's tokenizer layout.
 */
package org.aubert.nn.ctc;
