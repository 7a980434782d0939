package org.aubert.data.vad;

/**
 * Settings of {@link EnergyVad}. Levels are in dB relative to the adaptive noise floor.
 *
 * @param frameMs          analysis window length
 * @param hopMs            step between frames (the time resolution of the segments)
 * @param preEmphasis      first-order pre-emphasis {@code y[n] = x[n] - a x[n-1]} before the energy (0 = none); it
 *                         tilts pink/brown background noise down relative to speech
 * @param noiseWindowSec   length of the centred window over which the noise floor is estimated
 * @param noisePercentile  the floor is this quantile (0..1) of the frame energies in that window
 * @param onsetDb          a frame starts speech when its energy exceeds the floor by this much
 * @param offsetDb         speech continues while frames exceed the floor by this much (hysteresis, below onset)
 * @param hangoverMs       speech is held this long after the last frame above the offset level
 * @param preRollMs        each segment is started this much earlier (weak onsets precede the first loud frame)
 * @param minSpeechMs      shorter segments are dropped (clicks, breaths)
 * @param minSilenceMs     shorter gaps between segments are bridged
 */
public record EnergyVadConfig(double frameMs, double hopMs, double preEmphasis, double noiseWindowSec, double noisePercentile,
                              double onsetDb, double offsetDb, double hangoverMs, double preRollMs, double minSpeechMs,
                              double minSilenceMs) {

    public EnergyVadConfig {
        if (!(frameMs > 0) || !(hopMs > 0)) throw new IllegalArgumentException("frameMs and hopMs must be positive");
        if (!(preEmphasis >= 0 && preEmphasis < 1)) throw new IllegalArgumentException("preEmphasis must be in [0, 1), got " + preEmphasis);
        if (!(noiseWindowSec > 0)) throw new IllegalArgumentException("noiseWindowSec must be positive");
        if (!(noisePercentile >= 0 && noisePercentile <= 1)) throw new IllegalArgumentException("noisePercentile must be in [0, 1]");
        if (!(offsetDb <= onsetDb)) throw new IllegalArgumentException("offsetDb (" + offsetDb + ") must not exceed onsetDb (" + onsetDb + ")");
        if (hangoverMs < 0 || preRollMs < 0 || minSpeechMs < 0 || minSilenceMs < 0) {
            throw new IllegalArgumentException("durations must be >= 0");
        }
    }

    /** Defaults tuned on the synthetic fixture (speech ~ -20 dBFS RMS, pink noise at -45 dBFS). */
    public static EnergyVadConfig defaults() {
        return new EnergyVadConfig(25, 10, 0.7, 8.0, 0.10, 9.0, 5.0, 50, 20, 120, 300);
    }
}
