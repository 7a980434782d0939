package org.aubert.data.alignment;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The file loop of a stage that turns each {@code *.align.json} of a folder into one of the same name in another:
 * an output that exists is kept unless {@code overwrite} (so a rerun resumes), an unreadable input is reported and
 * counted, and each result is written atomically ({@link AlignmentFile#write}).
 */
public final class AlignmentFileStage {
    private static final Logger LOG = LoggerFactory.getLogger(AlignmentFileStage.class);

    /** What the loop did with the input files. */
    public record Counts(int written, int skipped, int bad) {}

    /** The stage's work on one readable book; {@code name} is the input's file name. */
    @FunctionalInterface
    public interface Transform {
        AlignmentFile apply(String name, AlignmentFile book) throws IOException;
    }

    private AlignmentFileStage() {}

    public static Counts run(List<Path> inputs, Path outputDir, boolean overwrite, Transform transform) throws IOException {
        Files.createDirectories(outputDir);
        int written = 0;
        int skipped = 0;
        int bad = 0;
        for (Path in : inputs) {
            Path out = outputDir.resolve(in.getFileName());
            if (Files.exists(out) && !overwrite) {
                skipped++;
                LOG.info("{}: exists, skipped (use --overwrite to replace it)", out);
                continue;
            }
            AlignmentFile book;
            try {
                book = AlignmentFile.read(in);
            } catch (IOException e) {
                bad++;
                LOG.error("{}", e.getMessage());
                continue;
            }
            transform.apply(in.getFileName().toString(), book).write(out);
            written++;
        }
        return new Counts(written, skipped, bad);
    }
}
