package org.aubert.examples.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import org.aubert.data.match.BoundaryRefiner;
import org.aubert.data.match.RefineRunner;

/** {@code aubert refine}: the original's Levenshtein boundary refinement of matched spans. */
@Command(name = "refine", mixinStandardHelpOptions = true,
        description = "Refine matched span boundaries by Levenshtein distance (--input-dir I --output-dir O [--ratio 0.4 --max-length 5000]).")
final class RefineCommand implements Callable<Integer> {
    private static final Logger log = LoggerFactory.getLogger(RefineCommand.class);

    @Option(names = "--input-dir", required = true, description = "Folder of *.align.json from 'aubert match'.")
    Path inputDir;

    @Option(names = "--output-dir", required = true, description = "Where the refined *.align.json files are written (same names).")
    Path outputDir;

    @Option(names = "--ratio", defaultValue = "0.4", description = "How far each boundary may move, as a fraction of the span length (default ${DEFAULT-VALUE}).")
    double ratio;

    @Option(names = "--max-length", defaultValue = "5000", description = "Spans longer than this many characters are dropped (default ${DEFAULT-VALUE}).")
    int maxLength;

    @Option(names = "--rank", defaultValue = "0", description = "This worker's chunk of the sorted file list (default ${DEFAULT-VALUE}).")
    int rank;

    @Option(names = "--world-size", defaultValue = "1", description = "Number of chunks (default ${DEFAULT-VALUE}).")
    int worldSize;

    @Option(names = "--overwrite", description = "Redo files whose output exists (default: skip them).")
    boolean overwrite;

    @Option(names = "--no-progress", negatable = false, description = "No progress bar.")
    boolean noProgress;

    @Override
    public Integer call() throws Exception {
        RefineRunner.Summary s = RefineRunner.run(new RefineRunner.Options(inputDir, outputDir, new BoundaryRefiner.Config(ratio, maxLength),
                overwrite, rank, worldSize, !noProgress));
        log.info("{}", s.line());
        return 0;
    }
}
