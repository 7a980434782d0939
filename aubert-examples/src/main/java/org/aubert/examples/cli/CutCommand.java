package org.aubert.examples.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import org.aubert.data.vad.CutConfig;
import org.aubert.data.vad.CutSummary;
import org.aubert.data.vad.EnergyVadConfig;
import org.aubert.data.vad.FileResult;
import org.aubert.data.vad.VadCutter;
import org.aubert.data.vad.VadSource;

/** {@code aubert cut}: libri-light audio cut into pieces of at most the target length along voice activity. */
@Command(name = "cut", mixinStandardHelpOptions = true,
        description = {"Cut libri-light audio (<in>/<speaker>/<book>/<name>.flac + <name>.json) into pieces along voice activity,"
                + " grouped as libri-light's cut_by_vad.py does; writes <out>/<speaker>/<book>/<name>/<name>_NNNN.flac and a"
                + " <name>_NNNN.json per piece mapping piece time to source time.",
                "Exit status: 0 when every file was cut or skipped, 1 when some file failed (the others are still cut)."})
final class CutCommand implements Callable<Integer> {
    private static final Logger log = LoggerFactory.getLogger(CutCommand.class);

    @Spec CommandSpec spec;

    @Option(names = "--input-dir", required = true, description = "libri-light tree: <speaker>/<book>/<name>.flac (+ <name>.json).")
    Path inputDir;

    @Option(names = "--output-dir", required = true, description = "Where the pieces go (<speaker>/<book>/<name>/).")
    Path outputDir;

    @Option(names = "--target-len-sec", defaultValue = "30", description = "Maximum piece length in seconds; a longer VAD segment stands alone (default ${DEFAULT-VALUE}).")
    double targetLenSec;

    @Option(names = "--vad", defaultValue = "meta", description = "meta: the voice_activity list of <name>.json; energy: detect speech from the audio (default ${DEFAULT-VALUE}).")
    String vad;

    @Option(names = "--overwrite", description = "Re-cut files whose output folder exists (default: skip them).")
    boolean overwrite;

    @Option(names = "--threads", defaultValue = "1", description = "Files cut in parallel (default ${DEFAULT-VALUE}).")
    int threads;

    @Override
    public Integer call() throws Exception {
        VadSource source = switch (vad.toLowerCase(Locale.ROOT)) {
            case "meta" -> VadSource.META;
            case "energy" -> VadSource.ENERGY;
            default -> throw new IllegalArgumentException("--vad must be meta or energy, got '" + vad + "'");
        };
        VadCutter cutter = new VadCutter(new CutConfig(targetLenSec, source, EnergyVadConfig.defaults(), overwrite, threads));
        List<VadCutter.Source> sources = cutter.sources(inputDir);
        CutSummary summary;
        try (ProgressBar bar = new ProgressBarBuilder().setTaskName("cut").setInitialMax(sources.size())
                .setStyle(ProgressBarStyle.ASCII).setUpdateIntervalMillis(500).continuousUpdate().build()) {
            summary = cutter.cut(sources, outputDir, r -> bar.step());
        }
        for (FileResult f : summary.failures()) spec.commandLine().getErr().println("cut: error: " + f.error());
        spec.commandLine().getOut().println(summary.line());
        spec.commandLine().getOut().flush();
        log.debug("{}", summary.line());
        return summary.failures().isEmpty() ? 0 : ErrorHandler.EXIT_BAD_INPUT;
    }
}
