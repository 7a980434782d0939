package org.aubert.data.vad;

/**
 * Settings of {@link VadCutter}.
 *
 * @param targetLenSec maximum piece length in seconds (libri-light's {@code target_len_sec}); a longer segment stands alone
 * @param source       where voice activity comes from
 * @param energy       settings of the energy VAD (used with {@link VadSource#ENERGY})
 * @param overwrite    replace a file's existing output folder instead of skipping the file
 * @param threads      files cut in parallel
 */
public record CutConfig(double targetLenSec, VadSource source, EnergyVadConfig energy, boolean overwrite, int threads) {

    public CutConfig {
        if (!(targetLenSec > 0)) throw new IllegalArgumentException("target length must be positive, got " + targetLenSec);
        if (source == null) throw new IllegalArgumentException("source must be given");
        if (energy == null) energy = EnergyVadConfig.defaults();
        if (threads < 1) throw new IllegalArgumentException("threads must be >= 1, got " + threads);
    }

    /** 30 s pieces from the libri-light metadata, one thread, existing outputs kept. */
    public static CutConfig defaults() {
        return new CutConfig(30, VadSource.META, EnergyVadConfig.defaults(), false, 1);
    }

    public CutConfig withSource(VadSource s) { return new CutConfig(targetLenSec, s, energy, overwrite, threads); }

    public CutConfig withTargetLenSec(double t) { return new CutConfig(t, source, energy, overwrite, threads); }

    public CutConfig withOverwrite(boolean o) { return new CutConfig(targetLenSec, source, energy, o, threads); }

    public CutConfig withThreads(int n) { return new CutConfig(targetLenSec, source, energy, overwrite, n); }
}
