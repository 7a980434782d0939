package org.aubert.examples.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.MalformedInputException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.Callable;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import org.aubert.data.lm.KneserNeyBuilder;

/** {@code aubert build-lm}: a modified Kneser-Ney word n-gram LM (ARPA) from a text file, one sentence per line. */
@Command(name = "build-lm", mixinStandardHelpOptions = true,
        description = "Estimate an interpolated modified Kneser-Ney word n-gram LM from text (one sentence per line; "
                + "lower-cased, split on anything but letters, digits and apostrophes) and write it as ARPA.")
final class BuildLmCommand implements Callable<Integer> {
    private static final Logger log = LoggerFactory.getLogger(BuildLmCommand.class);

    @Option(names = "--text", required = true, description = "UTF-8 text, one sentence per line.")
    Path text;

    @Option(names = "--order", defaultValue = "3", description = "n-gram order (default: ${DEFAULT-VALUE}).")
    int order;

    @Option(names = "--output", required = true, description = "ARPA file to write (atomically).")
    Path output;

    @Option(names = "--overwrite", description = "Replace an existing output.")
    boolean overwrite;

    @Override
    public Integer call() throws Exception {
        if (Files.exists(output) && !overwrite) {
            log.info("build-lm: {} exists, skipping (use --overwrite to rebuild)", output);
            return 0;
        }
        long t0 = System.nanoTime();
        KneserNeyBuilder b = new KneserNeyBuilder(order);
        long lineNo = 0;
        try (BufferedReader r = Files.newBufferedReader(text, StandardCharsets.UTF_8)) {
            String line;
            while (true) {
                try {
                    line = r.readLine();
                } catch (MalformedInputException e) {
                    throw new IOException(text + ":" + (lineNo + 1) + ": not valid UTF-8", e);
                }
                if (line == null) break;
                lineNo++;
                b.add(KneserNeyBuilder.normalize(line));
            }
        }
        KneserNeyBuilder.Stats s = b.write(output);
        log.info("build-lm: {} sentences, {} words -> {}-gram LM {} (n-grams per order {}) in {} ms", s.sentences(), s.words(), order,
                output, Arrays.toString(s.ngramCounts()), (System.nanoTime() - t0) / 1_000_000);
        return 0;
    }
}
