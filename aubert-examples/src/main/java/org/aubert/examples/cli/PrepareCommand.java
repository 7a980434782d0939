package org.aubert.examples.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import org.aubert.data.alignment.AlignmentFile;
import org.aubert.data.prepare.CollationSummary;
import org.aubert.data.prepare.CollatorConfig;
import org.aubert.data.prepare.NgramCollator;

/** {@code aubert prepare}: word-aligned alignment files to per-speaker training shards. */
@Command(name = "prepare", mixinStandardHelpOptions = true,
        description = "Collate the n-grams of word-aligned utterances into per-speaker training shards.")
final class PrepareCommand implements Callable<Integer> {
    private static final Logger log = LoggerFactory.getLogger(PrepareCommand.class);
    private static final CollatorConfig D = CollatorConfig.DEFAULT;

    @Option(names = "--alignments", required = true, description = "An alignment JSON with words, or a folder of *.align.json files.")
    Path alignments;

    @Option(names = "--audio-root", required = true, description = "Root the utterances' audio paths are found under.")
    Path audioRoot;

    @Option(names = "--output-dir", required = true, description = "Folder for <speaker>-NNNN.shard files.")
    Path outputDir;

    @Option(names = "--max-ngram-size", description = "n-grams of 1..N words (default ${DEFAULT-VALUE}).")
    int maxNgramSize = D.maxNgramSize();

    @Option(names = "--min-ngram-occurrences", description = "Keep n-grams with at least this many occurrences per speaker (default ${DEFAULT-VALUE}).")
    int minOccurrences = D.minNgramOccurrences();

    @Option(names = "--max-samples-per-ngram", description = "Keep at most this many occurrences per n-gram (default ${DEFAULT-VALUE}).")
    int maxSamples = D.maxSamplesPerNgram();

    @Option(names = "--max-ngrams-per-speaker", description = "Keep at most this many n-grams per speaker (default ${DEFAULT-VALUE}).")
    int maxNgrams = D.maxNgramsPerSpeaker();

    @Option(names = "--min-utter-per-speaker", description = "Skip speakers with fewer aligned utterances (default ${DEFAULT-VALUE}).")
    int minUtterances = D.minUtterancesPerSpeaker();

    @Option(names = "--min-audio-length", description = "Skip occurrences with less audio, in ms (default ${DEFAULT-VALUE}).")
    long minAudioMs = D.minAudioLengthMs();

    @Option(names = "--context-chars", description = "Characters of book text each side of the n-gram (default ${DEFAULT-VALUE}).")
    int contextChars = D.contextChars();

    @Option(names = "--groups-per-shard", description = "n-gram groups per shard file (default ${DEFAULT-VALUE}).")
    int groupsPerShard = D.groupsPerShard();

    @Option(names = "--seed", description = "Seed of the random caps (default ${DEFAULT-VALUE}).")
    long seed = D.seed();

    @Option(names = "--overwrite", description = "Rewrite speakers whose shards exist (default: skip them, so a rerun resumes).")
    boolean overwrite;

    @Override
    public Integer call() throws Exception {
        CollatorConfig cfg = new CollatorConfig(maxNgramSize, minOccurrences, maxSamples, maxNgrams, minUtterances, minAudioMs,
                contextChars, groupsPerShard, D.sampleRate(), seed);
        List<Path> files = AlignmentFile.filesAt(alignments);
        List<AlignmentFile> books = new ArrayList<>();
        int bad = 0;
        for (Path f : files) {
            try {
                books.add(AlignmentFile.read(f));
            } catch (IOException e) {
                bad++;
                log.error("skipped {}", e.getMessage());
            }
        }
        if (books.isEmpty()) throw new IOException(alignments + ": no readable alignment file (" + bad + " unreadable)");
        CollationSummary s = new NgramCollator(cfg).run(books, audioRoot, outputDir, overwrite);
        log.info("{}; {} alignment files read, {} unreadable", s.line(), books.size(), bad);
        return 0;
    }
}
