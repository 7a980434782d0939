package org.aubert.examples.demo;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.aubert.data.alignment.AlignmentFile;
import org.aubert.data.alignment.Utterance;

/**
 * An alignment file whose spans are the true ones: every cut piece paired with the book words it really holds. Aligning
 * it measures the forced aligner on its own, given the right text, apart from transcription and matching errors.
 */
public final class TrueSpans {
    private TrueSpans() {}

    /**
     * Writes {@code <book>.align.json} into {@code outDir} with one utterance per piece under {@code cut} that holds at
     * least one whole true word; returns how many.
     */
    public static int write(DemoTruth truth, Path corpus, Path cut, Path outDir) throws IOException {
        DemoScorer scorer = new DemoScorer(truth, cut);
        String raw = Files.readString(corpus.resolve("books").resolve(truth.bookName()), StandardCharsets.UTF_8);
        List<Utterance> utterances = new ArrayList<>();
        for (String rel : DemoScorer.pieces(cut)) {
            DemoScorer.Piece p = scorer.piece(rel);
            int[] span = DemoScorer.trueSpan(p);
            if (span == null) continue;
            String text = raw.substring(span[0], span[1]);
            utterances.add(new Utterance(cut.resolve(rel).toString(), text, p.recording().speaker(), span[0], span[1], 1.0));
        }
        Files.createDirectories(outDir);
        new AlignmentFile(truth.bookName(), raw, utterances).write(outDir.resolve(AlignmentFile.fileNameFor(truth.bookName())));
        return utterances.size();
    }
}
