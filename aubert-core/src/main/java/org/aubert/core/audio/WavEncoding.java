package org.aubert.core.audio;

/** Sample encodings {@link AudioWriter#writeWav} can produce. */
public enum WavEncoding {
    /** 16-bit signed integer PCM; samples are rounded as {@code rint(x * 32768)} and clamped. */
    PCM_16,
    /** 32-bit IEEE float, stored exactly. */
    FLOAT_32
}
