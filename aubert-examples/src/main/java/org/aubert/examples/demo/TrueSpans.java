package org.aubert.examples.demo;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.aubert.data.alignment.AlignmentFile;
import org.aubert.data.alignment.Utterance;
import org.aubert.data.alignment.WordTiming;

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
        return write(truth, corpus, cut, outDir, false);
    }

    /**
     * Like {@link #write}, for the training recordings only, each utterance with its true words and their times in the
     * piece's audio (words the piece holds whole): the reference {@code aubert calibrate-boundaries} learns from.
     */
    public static int writeTrainingReference(DemoTruth truth, Path corpus, Path cut, Path outDir) throws IOException {
        return write(truth, corpus, cut, outDir, true);
    }

    private static int write(DemoTruth truth, Path corpus, Path cut, Path outDir, boolean trainingReference) throws IOException {
        DemoScorer scorer = new DemoScorer(truth, cut);
        String raw = Files.readString(corpus.resolve("books").resolve(truth.bookName()), StandardCharsets.UTF_8);
        List<Utterance> utterances = new ArrayList<>();
        for (String rel : DemoScorer.pieces(cut)) {
            DemoScorer.Piece p = scorer.piece(rel);
            if (trainingReference && p.recording().heldOut()) continue;
            int[] span = DemoScorer.trueSpan(p);
            if (span == null) continue;
            String text = raw.substring(span[0], span[1]);
            Utterance u = new Utterance(cut.resolve(rel).toString(), text, p.recording().speaker(), span[0], span[1], 1.0);
            if (trainingReference) {
                List<WordTiming> words = new ArrayList<>();
                for (WordTiming w : p.recording().words()) {
                    double s = p.map().toPieceMs(w.startMs());
                    double e = p.map().toPieceMs(w.endMs());
                    if (w.charStart() >= span[0] && w.charEnd() <= span[1] && !Double.isNaN(s) && !Double.isNaN(e) && e >= s) {
                        words.add(new WordTiming(w.word(), w.charStart(), w.charEnd(), Math.round(s), Math.round(e)));
                    }
                }
                if (words.isEmpty()) continue;
                u = u.withWords(words);
            }
            utterances.add(u);
        }
        Files.createDirectories(outDir);
        new AlignmentFile(truth.bookName(), raw, utterances).write(outDir.resolve(AlignmentFile.fileNameFor(truth.bookName())));
        return utterances.size();
    }
}
