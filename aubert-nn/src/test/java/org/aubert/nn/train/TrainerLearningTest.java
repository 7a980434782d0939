package org.aubert.nn.train;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.nd4j.linalg.api.buffer.DataType;

import org.aubert.core.config.Wav2Vec2Config;
import org.aubert.nn.aubert.AubertConfig;
import org.aubert.nn.aubert.AubertModel;
import org.aubert.nn.aubert.EvaluationReport;
import org.aubert.nn.aubert.Evaluator;
import org.aubert.nn.aubert.SingleNativeThread;
import org.aubert.nn.aubert.TinyAubert;

/**
 * The trainer can teach tiny encoders the synthetic prosody task ({@link SyntheticProsodyTask}) with either scorer, and
 * the same training on shuffled pairs stays at chance: the gain comes from the text/audio link, not from a leak.
 */
@ExtendWith(SingleNativeThread.class)
class TrainerLearningTest {
    static final int BATCH = 8;
    static final long STEPS = Long.getLong("aubert.test.learningSteps", 150);

    @TempDir Path dir;

    static AubertConfig config(AubertConfig.ScorerType scorer) {
        // Per-frame LayerNorm in the conv stack keeps the filter-bank amplitudes that tell tones apart (GroupNorm over
        // time normalises them away); an init range near 1/sqrt(width) suits encoders 8 wide.
        return AubertConfig.of(null, TinyAubert.text(0, 0.3), null, TinyAubert.audio(0, 0.3, Wav2Vec2Config.FeatureNorm.LAYER))
                .withScorer(scorer).withProjection(AubertConfig.ProjectionHeadType.LINEAR, 16, 0.0).withSeed(7);
    }

    static TrainerConfig trainer() {
        return TrainerConfig.DEFAULT.withSchedule(3e-3, 10, STEPS).withWeightDecay(0).withEvalEvery(0).withSeed(11);
    }

    static EvaluationReport train(AubertConfig.ScorerType scorer, boolean shuffled, Path out) throws Exception {
        AubertModel model = AubertModel.create(config(scorer), DataType.FLOAT, true);
        SyntheticProsodyTask train = new SyntheticProsodyTask(BATCH, 1000, 1, shuffled);
        SyntheticProsodyTask val = new SyntheticProsodyTask(BATCH, 25, 2, shuffled);
        EvaluationReport before = Evaluator.evaluate(model, val);
        var s = new Trainer<>(model, trainer(), out).fit(train, val);
        EvaluationReport after = s.lastEvaluation();
        System.err.printf("scorer %s shuffled %s: before %s%n  after %d steps (%.1f s) %s%n", scorer, shuffled, before.summary(),
                s.steps(), s.seconds(), after.summary());
        return after;
    }

    @ParameterizedTest
    @EnumSource(AubertConfig.ScorerType.class)
    void learnsTheLinkBetweenContextAndTone(AubertConfig.ScorerType scorer) throws Exception {
        EvaluationReport r = train(scorer, false, dir);
        assertTrue(r.t2aAccuracy() >= 3 * r.chance(), () -> "text->audio accuracy " + r.t2aAccuracy() + " < 3x chance " + r.chance());
    }

    @Test
    void staysAtChanceWhenPairsAreShuffled() throws Exception {
        EvaluationReport r = train(AubertConfig.ScorerType.COSINE, true, dir);
        assertTrue(r.t2aAccuracy() < 2 * r.chance(), () -> "shuffled control reached " + r.t2aAccuracy() + ", chance " + r.chance());
    }
}
