package org.aubert.examples.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import org.aubert.data.match.MatchRunner;

/** {@code aubert match}: each transcript's best matching span of its book, one alignment JSON per book. */
@Command(name = "match", mixinStandardHelpOptions = true,
        description = "Find each transcript's best matching span in its book (--utterances F.tsv --books-dir B --book-meta meta.json --output-dir O).")
final class MatchCommand implements Callable<Integer> {
    private static final Logger log = LoggerFactory.getLogger(MatchCommand.class);

    @Option(names = "--utterances", required = true, description = "Transcription TSV: <audio path>\\t<transcript> per line.")
    Path utterances;

    @Option(names = "--books-dir", required = true, description = "Folder of book text files.")
    Path booksDir;

    @Option(names = "--book-meta", required = true, description = "book_meta.json: {book_id: {\"url\", \"name\"}}; the book id is the audio path's parent folder.")
    Path bookMeta;

    @Option(names = "--output-dir", required = true, description = "Where <book name>.align.json files are written.")
    Path outputDir;

    @Option(names = "--overwrite", description = "Redo books whose output exists (default: skip them).")
    boolean overwrite;

    @Option(names = "--no-progress", negatable = false, description = "No progress bar.")
    boolean noProgress;

    @Override
    public Integer call() throws Exception {
        MatchRunner.Summary s = MatchRunner.run(new MatchRunner.Options(utterances, booksDir, bookMeta, outputDir, overwrite, !noProgress));
        log.info("{}", s.line());
        return 0;
    }
}
