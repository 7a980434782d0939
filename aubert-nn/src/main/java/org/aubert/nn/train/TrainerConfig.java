package org.aubert.nn.train;

import java.util.Iterator;
import java.util.List;
import java.util.Locale;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.aubert.core.config.ConfigException;
import org.aubert.core.config.ConfigJson;

/**
 * How to train: the options of the original trainer plus accumulation and evaluation. Stored in {@code trainer.json}
 * of every checkpoint so that a resumed run uses the same settings.
 *
 * @param optimizer         AdamW or Adagrad
 * @param learningRate      base learning rate (peak after warm-up)
 * @param weightDecay       decoupled (AdamW) or L2 (Adagrad) weight decay on matrices
 * @param beta1             Adam's first-moment decay
 * @param beta2             Adam's second-moment decay
 * @param epsilon           the optimiser's ε
 * @param warmupSteps       linear warm-up steps
 * @param maxSteps          optimiser updates in the whole run
 * @param numCycles         cosine waves after warm-up (0.5 = decay to zero once)
 * @param clipNorm          global gradient-norm limit; 0 disables clipping
 * @param accumulationSteps batches whose gradients are averaged into one update
 * @param evalEvery         evaluate (and checkpoint) every this many updates; 0 = only at the end
 * @param seed              drives dropout masks and the data order of each epoch
 */
public record TrainerConfig(OptimizerType optimizer, double learningRate, double weightDecay, double beta1, double beta2,
                            double epsilon, long warmupSteps, long maxSteps, double numCycles, double clipNorm,
                            int accumulationSteps, long evalEvery, long seed) {

    public enum OptimizerType { ADAMW, ADAGRAD }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> KEYS = List.of("optimizer", "learning_rate", "weight_decay", "beta1", "beta2", "epsilon",
            "warmup_steps", "max_steps", "num_cycles", "clip_norm", "accumulation_steps", "eval_every", "seed");

    /** Defaults: AdamW, lr 5e-5, weight decay 0.01, warm-up 1000 of 10000 steps, half a cosine, clip 1.0, eval every 500. */
    public static final TrainerConfig DEFAULT = new TrainerConfig(OptimizerType.ADAMW, 5e-5, 0.01, 0.9, 0.999, 1e-8,
            1000, 10_000, 0.5, 1.0, 1, 500, 0);

    public TrainerConfig {
        if (optimizer == null) throw new ConfigException("optimizer is required");
        check(weightDecay >= 0 && Double.isFinite(weightDecay), "weight_decay must be >= 0, got " + weightDecay);
        check(beta1 >= 0 && beta1 < 1 && beta2 >= 0 && beta2 < 1, "beta1 and beta2 must be in [0, 1), got " + beta1 + ", " + beta2);
        check(epsilon > 0, "epsilon must be positive, got " + epsilon);
        check(clipNorm >= 0 && Double.isFinite(clipNorm), "clip_norm must be >= 0 (0 = off), got " + clipNorm);
        check(accumulationSteps >= 1, "accumulation_steps must be >= 1, got " + accumulationSteps);
        check(evalEvery >= 0, "eval_every must be >= 0, got " + evalEvery);
        try {
            new LearningRateSchedule(learningRate, warmupSteps, maxSteps, numCycles);
        } catch (IllegalArgumentException e) {
            throw new ConfigException(e.getMessage());
        }
    }

    private static void check(boolean ok, String message) {
        if (!ok) throw new ConfigException(message);
    }

    public LearningRateSchedule schedule() {
        return new LearningRateSchedule(learningRate, warmupSteps, maxSteps, numCycles);
    }

    public TrainerConfig withOptimizer(OptimizerType o) {
        return new TrainerConfig(o, learningRate, weightDecay, beta1, beta2, epsilon, warmupSteps, maxSteps, numCycles, clipNorm,
                accumulationSteps, evalEvery, seed);
    }

    public TrainerConfig withSchedule(double lr, long warmup, long steps) {
        return new TrainerConfig(optimizer, lr, weightDecay, beta1, beta2, epsilon, warmup, steps, numCycles, clipNorm,
                accumulationSteps, evalEvery, seed);
    }

    public TrainerConfig withNumCycles(double cycles) {
        return new TrainerConfig(optimizer, learningRate, weightDecay, beta1, beta2, epsilon, warmupSteps, maxSteps, cycles,
                clipNorm, accumulationSteps, evalEvery, seed);
    }

    public TrainerConfig withWeightDecay(double wd) {
        return new TrainerConfig(optimizer, learningRate, wd, beta1, beta2, epsilon, warmupSteps, maxSteps, numCycles, clipNorm,
                accumulationSteps, evalEvery, seed);
    }

    public TrainerConfig withClipNorm(double clip) {
        return new TrainerConfig(optimizer, learningRate, weightDecay, beta1, beta2, epsilon, warmupSteps, maxSteps, numCycles, clip,
                accumulationSteps, evalEvery, seed);
    }

    public TrainerConfig withAccumulation(int steps) {
        return new TrainerConfig(optimizer, learningRate, weightDecay, beta1, beta2, epsilon, warmupSteps, maxSteps, numCycles,
                clipNorm, steps, evalEvery, seed);
    }

    public TrainerConfig withEvalEvery(long every) {
        return new TrainerConfig(optimizer, learningRate, weightDecay, beta1, beta2, epsilon, warmupSteps, maxSteps, numCycles,
                clipNorm, accumulationSteps, every, seed);
    }

    public TrainerConfig withSeed(long s) {
        return new TrainerConfig(optimizer, learningRate, weightDecay, beta1, beta2, epsilon, warmupSteps, maxSteps, numCycles,
                clipNorm, accumulationSteps, evalEvery, s);
    }

    public ObjectNode toJson() {
        ObjectNode n = JSON.createObjectNode();
        n.put("optimizer", optimizer.name().toLowerCase(Locale.ROOT));
        n.put("learning_rate", learningRate);
        n.put("weight_decay", weightDecay);
        n.put("beta1", beta1);
        n.put("beta2", beta2);
        n.put("epsilon", epsilon);
        n.put("warmup_steps", warmupSteps);
        n.put("max_steps", maxSteps);
        n.put("num_cycles", numCycles);
        n.put("clip_norm", clipNorm);
        n.put("accumulation_steps", accumulationSteps);
        n.put("eval_every", evalEvery);
        n.put("seed", seed);
        return n;
    }

    /** Parses {@link #toJson()}'s object; unknown keys are refused, absent ones take {@link #DEFAULT}'s values. */
    public static TrainerConfig fromJson(String source, JsonNode root) {
        if (root == null || !root.isObject()) throw new ConfigException(source + ": trainer config is not a JSON object");
        for (Iterator<String> it = root.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            if (!KEYS.contains(key)) throw new ConfigException(source + ": unknown trainer key \"" + key + "\" (known keys: " + KEYS + ")");
        }
        ConfigJson f = ConfigJson.of(source, root);
        TrainerConfig d = DEFAULT;
        try {
            String opt = f.getString("optimizer", "adamw");
            OptimizerType type;
            try {
                type = OptimizerType.valueOf(opt.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new ConfigException("optimizer \"" + opt + "\" is not adamw or adagrad");
            }
            return new TrainerConfig(type, f.getDouble("learning_rate", d.learningRate), f.getDouble("weight_decay", d.weightDecay),
                    f.getDouble("beta1", d.beta1), f.getDouble("beta2", d.beta2), f.getDouble("epsilon", d.epsilon),
                    f.getLong("warmup_steps", d.warmupSteps), f.getLong("max_steps", d.maxSteps),
                    f.getDouble("num_cycles", d.numCycles), f.getDouble("clip_norm", d.clipNorm),
                    f.getInt("accumulation_steps", d.accumulationSteps), f.getLong("eval_every", d.evalEvery), f.getLong("seed", d.seed));
        } catch (ConfigException e) {
            throw f.withSource(e);
        }
    }
}
