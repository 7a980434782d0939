import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.nd4j.linalg.api.buffer.DataType;

import org.aubert.core.audio.Audio;
import org.aubert.core.audio.AudioWriter;
import org.aubert.core.audio.FeatureExtractor;
import org.aubert.core.audio.FeatureExtractorConfig;
import org.aubert.core.audio.WavEncoding;
import org.aubert.core.tokenize.BertTokenizer;
import org.aubert.data.alignment.AlignmentFile;
import org.aubert.data.alignment.Utterance;
import org.aubert.data.alignment.WordTiming;
import org.aubert.data.batch.BatchLoader;
import org.aubert.data.batch.LoaderConfig;
import org.aubert.data.prepare.CollatorConfig;
import org.aubert.data.prepare.NgramCollator;
import org.aubert.nn.aubert.Batch;

/**
 * Batch loader throughput: batches of 32 instances with up to 5 s of audio (crop 80000) and ~1 kB text contexts,
 * read from shards written by the collator, at 1 and 2 loader threads. Prints batches/s; compare with a training
 * step's time (docs/BENCHMARKS.md).
 */
public final class LoaderBench {
    public static void main(String[] args) throws Exception {
        Path work = Files.createTempDirectory("loader-bench");
        Path vocab = Path.of(args[0]);
        int utterances = 120;
        Random r = new Random(1);
        String[] lexicon = {"the", "master", "key", "rob", "said", "electric", "demon", "and", "was", "of", "to", "a", "he",
                "in", "his", "it", "that", "boy", "had", "with"};
        StringBuilder raw = new StringBuilder();
        List<Utterance> us = new ArrayList<>();
        for (int u = 0; u < utterances; u++) {
            int start = raw.length();
            List<WordTiming> words = new ArrayList<>();
            long t = 100;
            for (int k = 0; k < 60; k++) {
                String w = lexicon[r.nextInt(lexicon.length)];
                if (raw.length() > 0) raw.append(' ');
                int cs = raw.length();
                raw.append(w);
                long dur = 200 + r.nextInt(300);
                words.add(new WordTiming(w, cs, cs + w.length(), t, t + dur));
                t += dur + r.nextInt(80);
            }
            float[] x = new float[(int) ((t + 200) * 16)];
            for (int i = 0; i < x.length; i++) x[i] = (float) (0.1 * r.nextGaussian());
            String fname = "spk/1/u" + u + ".wav";
            AudioWriter.writeWav(work.resolve("audio").resolve(fname), Audio.mono(x, 16000), WavEncoding.PCM_16);
            us.add(new Utterance(fname, "", "spk", start == 0 ? 0 : start + 1, raw.length(), 1.0, words, Map.of()));
        }
        AlignmentFile book = new AlignmentFile("bench", raw.toString(), us);
        long t0 = System.nanoTime();
        var s = new NgramCollator(new CollatorConfig(4, 32, 32, 400, 1, 0, 512, 64, 16000, 0))
                .run(List.of(book), work.resolve("audio"), work.resolve("shards"), true);
        double prepS = (System.nanoTime() - t0) / 1e9;
        System.out.printf("prepare: %d groups, %d instances, %.0f s audio in %.1f s%n", s.groups(), s.instances(), s.audioSeconds(), prepS);
        BertTokenizer tok = BertTokenizer.load(vocab);
        FeatureExtractor fe = new FeatureExtractor(FeatureExtractorConfig.DEFAULT);
        for (int threads : new int[]{1, 2}) {
            LoaderConfig cfg = LoaderConfig.DEFAULT.withThreads(threads, 2 * threads);
            try (BatchLoader l = new BatchLoader(BatchLoader.shardsIn(work.resolve("shards")), tok, fe, cfg, DataType.FLOAT)) {
                for (int rep = 0; rep < 2; rep++) {
                    l.reset(rep);
                    long a = System.nanoTime();
                    int n = 0;
                    long samples = 0;
                    while (l.hasNext()) {
                        Batch b = l.next();
                        n++;
                        samples += b.audioValues().length();
                    }
                    double sec = (System.nanoTime() - a) / 1e9;
                    if (rep == 1) {
                        System.out.printf("loader threads=%d: %d batches (B=32, padded audio %.1f s/instance) in %.2f s = %.1f batches/s%n",
                                threads, n, samples / (32.0 * 16000 * n), sec, n / sec);
                    }
                }
            }
        }
    }
}
