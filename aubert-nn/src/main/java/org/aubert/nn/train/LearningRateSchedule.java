package org.aubert.nn.train;

/**
 * Linear warm-up from 0 to the base rate over {@code warmupSteps}, then cosine decay over the remaining steps to
 * {@code maxSteps}: HF's {@code get_cosine_schedule_with_warmup}, which the original trainer used. {@code numCycles}
 * is the number of cosine waves (0.5 = one half-wave down to 0); the factor never goes below 0.
 */
public record LearningRateSchedule(double baseLearningRate, long warmupSteps, long maxSteps, double numCycles) {

    public LearningRateSchedule {
        if (!(baseLearningRate > 0) || Double.isInfinite(baseLearningRate)) {
            throw new IllegalArgumentException("learning rate must be positive, got " + baseLearningRate);
        }
        if (warmupSteps < 0 || maxSteps <= 0) {
            throw new IllegalArgumentException("need warmup_steps >= 0 and max_steps > 0, got " + warmupSteps + " and " + maxSteps);
        }
        if (!(numCycles >= 0)) throw new IllegalArgumentException("num_cycles must be >= 0, got " + numCycles);
    }

    /** The rate used for the update made at {@code step} (0-based, as the scheduler's counter before stepping). */
    public double at(long step) {
        if (step < warmupSteps) return baseLearningRate * step / Math.max(1, warmupSteps);
        double progress = (double) (step - warmupSteps) / Math.max(1, maxSteps - warmupSteps);
        return baseLearningRate * Math.max(0, 0.5 * (1 + Math.cos(Math.PI * numCycles * 2 * progress)));
    }
}
