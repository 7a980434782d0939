package org.aubert.nn.aubert;

import org.aubert.nn.train.BatchStream;

/**
 * A stream of {@link Batch}es for one pass over a data set (an epoch): {@link #hasNext()} / {@link #next()}, then
 * {@link #reset(long)} to start the next pass in an order drawn from the seed. Implementations that hold files
 * release them in {@link #close()}.
 */
public interface BatchSource extends BatchStream<Batch> {
}
