package org.aubert.nn.ctc;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.aubert.core.tokenize.CtcTokenizer;
import org.aubert.nn.train.Trainer;
import org.aubert.nn.train.TrainerConfig;
import org.aubert.nn.wav2vec2.AudioEncoder;

/**
 * The project's {@link Trainer} fits a tiny, randomly initialised HuBERT CTC model to {@link ToneWords}: held-out CER
 * from near 1 to under 0.2 within a bounded number of steps; the run writes metrics.jsonl with CER/WER evaluations and
 * the error-rate curve, and its best checkpoint is an HF folder.
 */
class CtcLearningTest {
    private static final Logger LOG = LoggerFactory.getLogger(CtcLearningTest.class);
    static final double LR = Double.parseDouble(System.getProperty("ctc.lr", "5e-3"));
    static final long STEPS = Long.parseLong(System.getProperty("ctc.steps", "400"));
    @TempDir Path dir;

    @Test
    void tinyModelLearnsToneWords() throws Exception {
        Path vocab = CtcVocabFiles.write(dir.resolve("vocab"), CtcVocabFiles.tokensOf(List.of("abc")));
        CtcTokenizer tok = CtcTokenizer.load(vocab);
        CtcModel model = CtcModel.create(ToneWords.config(tok.vocabSize()), CtcModel.Reduction.MEAN, true, vocab,
                new AudioEncoder.Options(DataType.FLOAT, true, false), 1);
        CtcTrainingData train = CtcTrainingData.of(ToneWords.utterances(48, 1, tok), 8);
        CtcTrainingData val = CtcTrainingData.of(ToneWords.utterances(16, 2, tok), 16);
        CtcEvaluation before = model.evaluate(val);
        TrainerConfig cfg = TrainerConfig.DEFAULT.withSchedule(LR, 5, STEPS).withEvalEvery(Long.parseLong(System.getProperty("ctc.eval", "200"))).withSeed(3);
        Path out = dir.resolve("run");
        long t0 = System.nanoTime();
        var s = new Trainer<>(model, cfg, out).addListener(new org.aubert.nn.train.TrainingListener() {
            @Override public void onStep(org.aubert.nn.train.StepRecord r) {
                if (r.step() % 5 == 0) LOG.info("step {} loss {} at {} s", r.step(), r.loss(), (System.nanoTime() - t0) / 1e9);
            }
        }).fit(train, val);
        CtcEvaluation after = s.lastEvaluation();
        LOG.info("tone words: before {}; after {} steps ({} s): {}", before.summary(), s.steps(), String.format("%.1f", s.seconds()),
                after.summary());
        assertTrue(before.cer() > 0.5, "untrained CER " + before.cer());
        assertTrue(after.cer() < 0.2, "trained CER " + after.cer());
        assertTrue(Files.readAllLines(out.resolve("metrics.jsonl")).stream().anyMatch(l -> l.contains("\"type\":\"eval\"") && l.contains("\"cer\"")));
        assertTrue(Files.size(out.resolve("error_rate.png")) > 1000);
        assertTrue(Files.isRegularFile(out.resolve(Trainer.BEST).resolve("config.json")));
        assertTrue(Files.isRegularFile(out.resolve(Trainer.BEST).resolve("vocab.json")));
    }
}
