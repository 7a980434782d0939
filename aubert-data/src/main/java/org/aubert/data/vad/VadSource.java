package org.aubert.data.vad;

/** Where the cutter takes voice activity from. */
public enum VadSource {
    /** The {@code voice_activity} list of libri-light's {@code <name>.json} beside each audio file. */
    META,
    /** {@link EnergyVad} on the audio itself (no JSON needed). */
    ENERGY
}
