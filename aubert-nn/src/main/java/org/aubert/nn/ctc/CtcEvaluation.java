package org.aubert.nn.ctc;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import org.aubert.nn.train.Evaluation;

/**
 * CTC figures over an evaluation set: the CTC loss (the model's reduction, averaged over batches weighted by their
 * size) and greedy-decoding error rates, pooled over utterances (total edits / total reference length).
 */
public record CtcEvaluation(long utterances, double loss, long charErrors, long referenceChars, long wordErrors,
                            long referenceWords) implements Evaluation {

    public double cer() { return referenceChars == 0 ? 0 : (double) charErrors / referenceChars; }

    public double wer() { return referenceWords == 0 ? 0 : (double) wordErrors / referenceWords; }

    @Override
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("utterances", utterances);
        m.put("loss", Double.isFinite(loss) ? loss : null);
        m.put("cer", cer());
        m.put("wer", wer());
        m.put("char_errors", charErrors);
        m.put("reference_chars", referenceChars);
        m.put("word_errors", wordErrors);
        m.put("reference_words", referenceWords);
        return m;
    }

    @Override
    public String summary() {
        return String.format(Locale.ROOT, "CER %.4f (%d/%d), WER %.4f (%d/%d), CTC loss %.4f over %d utterances",
                cer(), charErrors, referenceChars, wer(), wordErrors, referenceWords, loss, utterances);
    }

    @Override
    public String brief() { return String.format(Locale.ROOT, "CER %.3f WER %.3f", cer(), wer()); }
}
