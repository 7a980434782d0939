package org.aubert.nn.train;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.aubert.core.config.ConfigException;

/**
 * Where a run stands, saved in {@code trainer.json} beside the config: enough to continue exactly. Dropout masks are
 * derived from (seed, step), and an epoch's batch order from (seed, epoch), so no generator state needs saving.
 *
 * @param step         optimiser updates done (skipped non-finite steps included)
 * @param epoch        passes over the training source started, minus one
 * @param batchInEpoch batches of the current epoch already consumed
 * @param skippedSteps updates skipped because the loss or a gradient was not finite
 * @param bestValLoss  lowest validation loss seen, +∞ before the first evaluation
 * @param bestStep     the step it was seen at, -1 before
 */
public record TrainerState(long step, long epoch, long batchInEpoch, long skippedSteps, double bestValLoss, long bestStep) {

    private static final ObjectMapper JSON = new ObjectMapper();

    public static final TrainerState START = new TrainerState(0, 0, 0, 0, Double.POSITIVE_INFINITY, -1);

    public ObjectNode toJson() {
        ObjectNode n = JSON.createObjectNode();
        n.put("step", step);
        n.put("epoch", epoch);
        n.put("batch_in_epoch", batchInEpoch);
        n.put("skipped_steps", skippedSteps);
        // JSON has no infinity: "no best yet" is written as null.
        if (Double.isFinite(bestValLoss)) n.put("best_val_loss", bestValLoss); else n.putNull("best_val_loss");
        n.put("best_step", bestStep);
        return n;
    }

    public static TrainerState fromJson(String source, JsonNode n) {
        if (n == null || !n.isObject()) throw new ConfigException(source + ": \"state\" is not a JSON object");
        for (String key : new String[]{"step", "epoch", "batch_in_epoch", "skipped_steps", "best_step"}) {
            if (!n.has(key) || !n.get(key).canConvertToLong()) throw new ConfigException(source + ": state \"" + key + "\" missing or not an integer");
        }
        JsonNode best = n.get("best_val_loss");
        if (best != null && !best.isNull() && !best.isNumber()) throw new ConfigException(source + ": state \"best_val_loss\" is not a number");
        return new TrainerState(n.get("step").asLong(), n.get("epoch").asLong(), n.get("batch_in_epoch").asLong(),
                n.get("skipped_steps").asLong(), best == null || best.isNull() ? Double.POSITIVE_INFINITY : best.asDouble(),
                n.get("best_step").asLong());
    }
}
