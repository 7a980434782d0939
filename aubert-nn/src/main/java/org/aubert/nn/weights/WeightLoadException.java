package org.aubert.nn.weights;

import java.io.IOException;

/** The checkpoint's keys do not fit the model: the message lists missing, unexpected and mis-shaped keys. */
public class WeightLoadException extends IOException {
    private static final long serialVersionUID = 1L;

    public WeightLoadException(String message) { super(message); }
}
