package org.aubert.nn.train;

import java.util.Iterator;

/**
 * Batches of one pass over a data set (an epoch): {@link #hasNext()} / {@link #next()}, then {@link #reset(long)} to
 * start the next pass in an order drawn from the seed. Implementations that hold files release them in {@link #close()}.
 *
 * @param <B> the batch type of the model being trained
 */
public interface BatchStream<B> extends Iterator<B>, AutoCloseable {
    /** Restarts from the first batch; {@code seed} fixes the order (same seed, same batches). */
    void reset(long seed);

    @Override
    default void close() {}
}
