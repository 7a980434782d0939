package org.aubert.nn.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

import org.aubert.nn.aubert.AubertModel;
import org.aubert.nn.aubert.Batch;
import org.aubert.nn.aubert.BatchSource;
import org.aubert.nn.aubert.SingleNativeThread;
import org.aubert.nn.aubert.TinyAubert;

@ExtendWith(SingleNativeThread.class)
class TrainerTest {
    @TempDir Path dir;

    /** Dropout on (masks must be reproduced), gradient accumulation over 2 batches, epochs of 3 batches (4 epochs). */
    static final TrainerConfig TRAINER = TrainerConfig.DEFAULT.withSchedule(2e-3, 2, 6).withEvalEvery(3).withAccumulation(2).withSeed(5);

    static AubertModel model() {
        return AubertModel.create(TinyAubert.config(0.1), DataType.FLOAT, true);
    }

    static SyntheticProsodyTask train() { return new SyntheticProsodyTask(4, 3, 1, false); }

    static SyntheticProsodyTask val() { return new SyntheticProsodyTask(4, 2, 2, false); }

    static List<Double> trainLosses(Path out) throws Exception {
        List<Double> l = new ArrayList<>();
        for (JsonNode n : new MetricsLog(out).read()) if (n.path("type").asText().equals("train")) l.add(n.get("loss").asDouble());
        return l;
    }

    static Map<String, INDArray> weights(AubertModel m) {
        Map<String, INDArray> w = new LinkedHashMap<>();
        for (String n : m.graph().parameterNames()) w.put(n, m.graph().parameter(n).dup());
        return w;
    }

    @Test
    void resumedRunRepeatsTheUninterruptedOneBitForBit() throws Exception {
        Path a = dir.resolve("a");
        AubertModel ma = model();
        var sa = new Trainer<>(ma, TRAINER, a).fit(train(), val());
        assertEquals(6, sa.steps());

        Path b = dir.resolve("b");
        AubertModel mb = model();
        var interrupted = new Trainer<>(mb, TRAINER, b).addListener(new TrainingListener() {
            @Override public void onStep(StepRecord r) {
                if (r.step() == 5) throw new IllegalStateException("simulated crash after step 5");
            }
        });
        assertThrows(IllegalStateException.class, () -> interrupted.fit(train(), val()));
        assertEquals(5, trainLosses(b).size(), "the crashed run logged steps 1-5");

        AubertModel mc = AubertModel.create(TinyAubert.config(0.1), DataType.FLOAT, true, 999);
        var resumed = new Trainer<>(mc, TRAINER, b);
        resumed.resume(b.resolve(Trainer.LAST));
        assertEquals(3, resumed.state().step(), "the last checkpoint is from the evaluation at step 3");
        resumed.fit(train(), val());

        List<Double> la = trainLosses(a);
        List<Double> lb = trainLosses(b);
        assertEquals(6, lb.size(), "steps 4 and 5 of the crashed run were dropped from the log and redone");
        for (int i = 0; i < la.size(); i++) {
            assertEquals(Double.doubleToLongBits(la.get(i)), Double.doubleToLongBits(lb.get(i)), "loss of step " + (i + 1));
        }
        Map<String, INDArray> wa = weights(ma);
        Map<String, INDArray> wc = weights(mc);
        for (String n : wa.keySet()) assertEquals(wa.get(n), wc.get(n), n);
        assertEquals(sa.bestValLoss(), resumed.state().bestValLoss());
        for (String png : new String[]{"loss.png", "accuracy.png", "learning_rate.png"}) assertTrue(Files.size(b.resolve(png)) > 1000, png);
        try (var s = Files.list(b)) {
            assertTrue(s.noneMatch(p -> p.getFileName().toString().startsWith(".")), "no temporary files left");
        }
    }

    /** A source whose second batch has NaN audio. */
    static final class PoisonedSource implements BatchSource {
        final SyntheticProsodyTask inner = train();
        int index;

        @Override public void reset(long seed) { inner.reset(seed); index = 0; }
        @Override public boolean hasNext() { return inner.hasNext(); }
        @Override public Batch next() {
            Batch b = inner.next();
            if (index++ != 1) return b;
            INDArray audio = b.audioValues().dup();
            audio.putScalar(0, 5, Double.NaN);
            return Batch.of(b.textIds(), b.textMask(), b.spanStart(), b.spanEnd(), audio, b.audioMask());
        }
    }

    @Test
    void nonFiniteStepsAreSkippedAndCounted() throws Exception {
        AubertModel m = model();
        Map<String, INDArray> before = new LinkedHashMap<>();
        List<Map<String, INDArray>> afterEach = new ArrayList<>();
        TrainerConfig cfg = TrainerConfig.DEFAULT.withSchedule(1e-3, 0, 3).withEvalEvery(0).withSeed(3);
        before.putAll(weights(m));
        var t = new Trainer<>(m, cfg, dir).addListener(new TrainingListener() {
            @Override public void onStep(StepRecord r) { afterEach.add(weights(m)); }
        });
        var s = t.fit(new PoisonedSource(), null);
        assertEquals(3, s.steps());
        assertEquals(1, s.skippedSteps());
        List<JsonNode> log = new MetricsLog(dir).read();
        assertFalse(log.get(0).get("skipped").asBoolean());
        assertTrue(log.get(1).get("skipped").asBoolean());
        assertTrue(log.get(1).get("loss").isNull(), "a NaN loss is logged as null");
        for (String n : m.graph().trainableParameterNames()) {
            assertEquals(afterEach.get(0).get(n), afterEach.get(1).get(n), "skipped step changed " + n);
        }
        assertFalse(before.get("scorer.fc1.weight") == null || before.get("scorer.fc1.weight").equals(afterEach.get(2).get("scorer.fc1.weight")),
                "the other steps train");
    }

    @Test
    void accumulationAveragesTheBatchesGradients() throws Exception {
        AubertModel m = AubertModel.create(TinyAubert.config(0.0), DataType.DOUBLE, true);
        SyntheticProsodyTask src = train();
        src.reset(0);
        Batch b1 = src.next();
        Batch b2 = src.next();
        // Copies: a later pass may reuse the arrays a step returned.
        // The heads keep their default dropout: each batch gets the mask seed the trainer derives for it.
        Map<String, INDArray> g1 = weightsOf(m.step(b1, Seeds.mix(0, Seeds.DROPOUT, 0)).gradients());
        Map<String, INDArray> g2 = weightsOf(m.step(b2, Seeds.mix(0, Seeds.DROPOUT, 1)).gradients());
        var t = new Trainer<>(m, TrainerConfig.DEFAULT.withAccumulation(2), dir);
        src.reset(0);
        var acc = t.accumulate(src::next, 0).gradients;
        for (String n : g1.keySet()) {
            INDArray mean = g1.get(n).add(g2.get(n)).divi(2);
            assertTrue(mean.equalsWithEps(acc.get(n), 1e-12), n);
        }
    }

    static Map<String, INDArray> weightsOf(Map<String, INDArray> g) {
        Map<String, INDArray> c = new LinkedHashMap<>();
        g.forEach((k, v) -> c.put(k, v.dup()));
        return c;
    }

    @Test
    void resumeRefusesAMissingOrBrokenTrainerState() throws Exception {
        AubertModel m = model();
        new Trainer<>(m, TRAINER.withSchedule(1e-3, 0, 1), dir).fit(train(), null);
        Path last = dir.resolve(Trainer.LAST);
        Files.writeString(last.resolve(Checkpoint.TRAINER_FILE), "{\"config\": {}, \"state\": {\"step\": \"x\"}}");
        Exception e = assertThrows(RuntimeException.class, () -> new Trainer<>(model(), TRAINER, dir).resume(last));
        assertTrue(e.getMessage().contains("trainer.json") && e.getMessage().contains("step"), e.getMessage());
        Files.delete(last.resolve(Checkpoint.TRAINER_FILE));
        Exception e2 = assertThrows(java.io.IOException.class, () -> new Trainer<>(model(), TRAINER, dir).resume(last));
        assertTrue(e2.getMessage().contains("trainer.json"), e2.getMessage());
    }

    @Test
    void refusesAnInferenceModel() {
        AubertModel m = AubertModel.create(TinyAubert.config(0.0), DataType.FLOAT, false);
        assertThrows(IllegalArgumentException.class, () -> new Trainer<>(m, TRAINER, dir));
    }

    @Test
    void configRoundTripsThroughJson() {
        TrainerConfig c = TRAINER.withOptimizer(TrainerConfig.OptimizerType.ADAGRAD).withClipNorm(0.5).withNumCycles(1.5);
        assertEquals(c, TrainerConfig.fromJson("t", c.toJson()));
        var bad = c.toJson().put("learning_rat", 1.0);
        Exception e = assertThrows(RuntimeException.class, () -> TrainerConfig.fromJson("t.json", bad));
        assertTrue(e.getMessage().contains("learning_rat"), e.getMessage());
    }
}
