package org.aubert.examples.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import org.aubert.data.lm.LmBuilder;
import org.aubert.data.lm.LmConfig;
import org.aubert.data.lm.LmSummary;

/** {@code aubert build-lm}: an interpolated modified Kneser-Ney word n-gram model of some texts, written as ARPA. */
@Command(name = "build-lm", mixinStandardHelpOptions = true,
        description = {"Estimate a word n-gram LM with interpolated modified Kneser-Ney smoothing (as KenLM's lmplz) and write it"
                + " as an ARPA file, atomically.",
                "Text: UTF-8; a sentence ends at . ! ? and at each line end; lower-cased; letters, digits and apostrophes inside"
                + " words are kept, every other character separates words; lines that are not UTF-8 are skipped and counted.",
                "Exit status: 0 on success or when the output exists (skipped), 1 on bad input."})
final class BuildLmCommand implements Callable<Integer> {

    @Spec CommandSpec spec;

    @Option(names = "--text", required = true, description = "A text file (repeat the option for several).")
    List<Path> texts;

    @Option(names = "--order", defaultValue = "3", description = "N-gram order (default ${DEFAULT-VALUE}).")
    int order;

    @Option(names = "--output", required = true, description = "The ARPA file to write.")
    Path output;

    @Option(names = "--min-count", defaultValue = "1",
            description = "Leave out n-grams of order 2 and more seen fewer times; their mass goes to the back-off (default ${DEFAULT-VALUE}: keep all).")
    int minCount;

    @Option(names = "--overwrite", description = "Rebuild the output if it exists (default: skip).")
    boolean overwrite;

    @Override
    public Integer call() throws Exception {
        LmBuilder builder = new LmBuilder(new LmConfig(order, minCount, overwrite));
        long bytes = LmBuilder.totalBytes(texts);
        LmSummary summary;
        try (ProgressBar bar = new ProgressBarBuilder().setTaskName("build-lm").setInitialMax(bytes).setUnit(" MB", 1 << 20)
                .setStyle(ProgressBarStyle.ASCII).setUpdateIntervalMillis(500).continuousUpdate().build()) {
            summary = builder.build(texts, output, bar::stepBy);
        }
        spec.commandLine().getOut().println(summary.line());
        spec.commandLine().getOut().flush();
        return 0;
    }
}
