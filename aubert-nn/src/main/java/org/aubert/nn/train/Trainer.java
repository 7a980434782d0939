package org.aubert.nn.train;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.aubert.nn.graph.Graph;

/**
 * Trains a {@link TrainableModel} (AuBERT, a CTC model, ...): per update, {@code accumulationSteps} batches' gradients averaged, non-finite steps
 * skipped and counted, global-norm clipping, AdamW or Adagrad at the warm-up + cosine rate; every {@code evalEvery}
 * updates an evaluation, the {@value #LAST} checkpoint and, when the validation loss improves, the {@value #BEST} one.
 *
 * <p>Output directory: {@code last/}, {@code best/} ({@link Checkpoint}), {@code metrics.jsonl} and the PNG curves.
 *
 * <p>Exact resume: dropout masks are drawn from (seed, step, batch), each epoch's order from (seed, epoch), and the
 * checkpoint holds the weights, the optimiser state and the position in the data; {@link #resume} followed by
 * {@link #fit} therefore repeats, bit for bit on CPU, the updates an uninterrupted run would have made.
 *
 * @param <B> the model's batch type
 * @param <E> the model's evaluation report
 */
public final class Trainer<B, E extends Evaluation> {
    public static final String LAST = "last";
    public static final String BEST = "best";
    private static final Logger LOG = LoggerFactory.getLogger(Trainer.class);

    private final TrainableModel<B, E> model;
    private final Path outputDir;
    private final List<TrainingListener> listeners = new ArrayList<>();
    private final MetricsLog metrics;
    private TrainerConfig config;
    private Optimizer optimizer;
    private TrainerState state = TrainerState.START;
    private E lastEvaluation;

    public Trainer(TrainableModel<B, E> model, TrainerConfig config, Path outputDir) {
        if (!model.graph().training()) throw new IllegalArgumentException("the model was built for inference; build it with training = true");
        this.model = model;
        this.config = config;
        this.outputDir = outputDir;
        this.optimizer = Optimizer.create(config);
        this.metrics = new MetricsLog(outputDir);
    }

    public Trainer<B, E> addListener(TrainingListener l) {
        listeners.add(l);
        return this;
    }

    public TrainerConfig config() { return config; }

    public TrainerState state() { return state; }

    /**
     * Continues the run saved in {@code checkpointDir} (usually {@code <output>/last}): loads the weights into the
     * model, the optimiser state and the position; the checkpoint's trainer settings replace this trainer's (a
     * changed schedule would not be a resume), except {@code max_steps}, which may be raised to train longer.
     */
    public void resume(Path checkpointDir) throws IOException {
        Checkpoint.TrainingState saved = Checkpoint.readTraining(checkpointDir, model.graph().dtype());
        Map<String, INDArray> loaded = model.readCheckpointParameters(checkpointDir);
        Graph g = model.graph();
        if (!g.parameterNames().equals(new ArrayList<>(loaded.keySet()))) {
            throw new IllegalArgumentException(checkpointDir + ": the checkpoint's model has other parameters than this one");
        }
        for (String name : g.parameterNames()) g.setParameter(name, loaded.get(name));
        TrainerConfig resumed = saved.config();
        if (config.maxSteps() != resumed.maxSteps()) resumed = resumed.withSchedule(resumed.learningRate(), resumed.warmupSteps(), config.maxSteps());
        if (!resumed.equals(config)) LOG.warn("resuming with the checkpoint's trainer settings {} (given {})", resumed.toJson(), config.toJson());
        config = resumed;
        optimizer = Optimizer.create(config);
        optimizer.loadState(saved.optimizerState(), trainableParameters());
        state = saved.state();
        LOG.info("resumed from {} at step {} (epoch {}, batch {})", checkpointDir, state.step(), state.epoch(), state.batchInEpoch());
    }

    /** What a finished {@link #fit} reports. */
    public record Summary<E>(long steps, long skippedSteps, double lastLoss, E lastEvaluation, double bestValLoss,
                         long bestStep, double seconds) {}

    /** Trains until {@code max_steps}; {@code validation} may be null (no evaluation, no best checkpoint). */
    public Summary<E> fit(BatchStream<B> train, BatchStream<B> validation) throws IOException {
        long start = System.nanoTime();
        metrics.truncateAfter(state.step());
        LearningRateSchedule schedule = config.schedule();
        Map<String, INDArray> parameters = trainableParameters();
        DataCursor<B> cursor = new DataCursor<>(train, config.seed(), state.epoch(), state.batchInEpoch());
        listeners.forEach(l -> l.onStart(state.step(), config.maxSteps()));
        double lastLoss = Double.NaN;
        try {
            while (state.step() < config.maxSteps()) {
                long step = state.step();
                Accumulated acc = accumulate(cursor::next, step);
                double norm = GradientClipping.globalNorm(acc.gradients);
                boolean skip = !Double.isFinite(acc.loss) || !Double.isFinite(norm);
                double lr = schedule.at(step);
                if (skip) {
                    LOG.warn("step {}: non-finite loss {} or gradient norm {}; update skipped", step + 1, acc.loss, norm);
                } else {
                    if (config.clipNorm() > 0) GradientClipping.clip(acc.gradients, norm, config.clipNorm());
                    optimizer.update(parameters, acc.gradients, lr, step - state.skippedSteps() + 1);
                }
                state = new TrainerState(step + 1, cursor.epoch, cursor.batchInEpoch, state.skippedSteps() + (skip ? 1 : 0),
                        state.bestValLoss(), state.bestStep());
                StepRecord rec = new StepRecord(step + 1, cursor.epoch, skip ? 0 : lr, acc.loss, acc.metrics, norm, skip);
                metrics.append(rec.toMap());
                if (!skip) lastLoss = acc.loss;
                listeners.forEach(l -> l.onStep(rec));
                boolean end = state.step() == config.maxSteps();
                if (end || (config.evalEvery() > 0 && state.step() % config.evalEvery() == 0)) evaluateAndSave(validation);
            }
        } finally {
            listeners.forEach(TrainingListener::onEnd);
        }
        TrainingCurves.write(outputDir);
        double seconds = (System.nanoTime() - start) / 1e9;
        return new Summary<>(state.step(), state.skippedSteps(), lastLoss, lastEvaluation, state.bestValLoss(), state.bestStep(), seconds);
    }

    private void evaluateAndSave(BatchStream<B> validation) throws IOException {
        if (validation != null) {
            E r = model.evaluate(validation);
            lastEvaluation = r;
            Map<String, Object> rec = new LinkedHashMap<>();
            rec.put("type", "eval");
            rec.put("step", state.step());
            rec.putAll(r.toMap());
            metrics.append(rec);
            LOG.info("step {}: validation {}", state.step(), r.summary());
            listeners.forEach(l -> l.onEvaluation(state.step(), r));
            if (r.loss() < state.bestValLoss()) {
                state = new TrainerState(state.step(), state.epoch(), state.batchInEpoch(), state.skippedSteps(), r.loss(), state.step());
                Checkpoint.write(outputDir.resolve(BEST), model, training());
            }
        }
        Checkpoint.write(outputDir.resolve(LAST), model, training());
        TrainingCurves.write(outputDir);
    }

    private Checkpoint.TrainingState training() {
        return new Checkpoint.TrainingState(config, state, optimizer.state());
    }

    private Map<String, INDArray> trainableParameters() {
        Map<String, INDArray> p = new LinkedHashMap<>();
        for (String name : model.graph().trainableParameterNames()) p.put(name, model.graph().parameter(name));
        return p;
    }

    /** Sums of one update's batches, turned into means. */
    static final class Accumulated {
        Map<String, INDArray> gradients;
        double loss;
        /** Means of the steps' named metrics, in the order the model gives them. */
        Map<String, Double> metrics = new LinkedHashMap<>();
    }

    /** Averages the gradients and losses of {@code accumulation_steps} batches drawn from {@code next}. */
    Accumulated accumulate(java.util.function.Supplier<B> next, long step) {
        Accumulated a = new Accumulated();
        int k = config.accumulationSteps();
        for (int micro = 0; micro < k; micro++) {
            B batch = next.get();
            TrainingStep r = model.trainingStep(batch, Seeds.mix(config.seed(), Seeds.DROPOUT, step * k + micro));
            if (a.gradients == null) {
                a.gradients = new LinkedHashMap<>();
                r.gradients().forEach((n, g) -> a.gradients.put(n, g.dup()));
            } else {
                r.gradients().forEach((n, g) -> a.gradients.get(n).addi(g));
            }
            a.loss += r.loss() / k;
            r.metrics().forEach((n, v) -> a.metrics.merge(n, v / k, Double::sum));
        }
        if (k > 1) a.gradients.values().forEach(g -> g.divi(k));
        return a;
    }

    /** The position in the training data: epochs restart the source in an order drawn from (seed, epoch). */
    private static final class DataCursor<B> {
        private final BatchStream<B> source;
        private final long seed;
        long epoch;
        long batchInEpoch;

        DataCursor(BatchStream<B> source, long seed, long epoch, long batchInEpoch) {
            this.source = source;
            this.seed = seed;
            this.epoch = epoch;
            source.reset(Seeds.mix(seed, Seeds.DATA_ORDER, epoch));
            for (long i = 0; i < batchInEpoch; i++) {
                if (!source.hasNext()) {
                    throw new IllegalStateException("cannot resume: the training data has fewer than " + batchInEpoch
                            + " batches in epoch " + epoch + " (did it change since the checkpoint?)");
                }
                source.next();
            }
            this.batchInEpoch = batchInEpoch;
        }

        B next() {
            if (!source.hasNext()) {
                epoch++;
                batchInEpoch = 0;
                source.reset(Seeds.mix(seed, Seeds.DATA_ORDER, epoch));
                if (!source.hasNext()) throw new IllegalStateException("the training source yields no batches");
            }
            batchInEpoch++;
            return source.next();
        }
    }
}
