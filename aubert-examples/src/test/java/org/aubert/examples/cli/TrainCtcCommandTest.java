package org.aubert.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

import org.aubert.core.audio.Audio;
import org.aubert.core.audio.AudioWriter;
import org.aubert.core.audio.WavEncoding;
import org.aubert.core.tensor.Npy;
import org.aubert.core.tensor.Tensor;
import org.aubert.nn.NdArrays;
import org.aubert.nn.ctc.CtcBatch;
import org.aubert.nn.ctc.CtcModel;
import org.aubert.nn.wav2vec2.AudioEncoder;

/**
 * {@code aubert train-ctc} on a few tone "words": a fresh model from a tiny config (vocabulary from the transcripts,
 * bad lines and missing files skipped and counted, CER/WER logged), a saved folder that {@code aubert encode --head ctc}
 * loads with the trainer's logits, fine-tuning an HF *ForCTC folder, and refusing to overwrite a run.
 */
class TrainCtcCommandTest {
    @TempDir Path tmp;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        return CliRun.run(out, err, args);
    }

    static float[] tones(String text) {
        int n = 200 + text.length() * 600;
        float[] x = new float[n];
        int pos = 160;
        for (char c : text.toCharArray()) {
            double hz = c == ' ' ? 0 : 400 + 150 * (c - 'a');
            for (int i = 0; i < 400 && pos + i < n; i++) x[pos + i] = (float) (0.5 * Math.sin(2 * Math.PI * hz * i / 16000));
            pos += 600;
        }
        return x;
    }

    private Path corpus(String... texts) throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("data"));
        StringBuilder tsv = new StringBuilder("# path<TAB>transcript\n");
        for (int i = 0; i < texts.length; i++) {
            AudioWriter.writeWav(dir.resolve("u" + i + ".wav"), Audio.mono(tones(texts[i]), 16000), WavEncoding.PCM_16);
            tsv.append("u").append(i).append(".wav\t").append(texts[i].toUpperCase()).append('\n');
        }
        return Files.writeString(dir.resolve("train.tsv"), tsv + "no tab on this line\nabsent.wav\tab\n");
    }

    @Test
    void trainsAFreshModelThatEncodeLoads() throws Exception {
        Path train = corpus("ab ba", "abc", "ca b", "bca");
        Path val = Files.writeString(train.resolveSibling("val.tsv"), "u0.wav\tab ba\nu2.wav\tca bz\n");
        Path config = Files.writeString(tmp.resolve("tiny.json"), """
                {"model_type": "hubert", "hidden_size": 16, "num_hidden_layers": 1, "num_attention_heads": 2,
                 "intermediate_size": 32, "conv_dim": [16, 16], "conv_stride": [5, 4], "conv_kernel": [10, 8],
                 "num_conv_pos_embeddings": 4, "num_conv_pos_embedding_groups": 2, "hidden_dropout": 0.1}
                """);
        Path output = tmp.resolve("run");
        int rc = run("train-ctc", "--train", train.toString(), "--val", val.toString(), "--config", config.toString(),
                "--output", output.toString(), "--max-steps", "4", "--eval-every", "2", "--batch-size", "2", "--lr", "1e-3",
                "--warmup-steps", "1", "--seed", "3");
        assertEquals(0, rc, err.toString());
        Path best = output.resolve("best");
        for (String f : List.of("config.json", "model.safetensors", "vocab.json", "tokenizer_config.json", "preprocessor_config.json",
                "trainer.json")) {
            assertTrue(Files.isRegularFile(best.resolve(f)), f);
        }
        String cfg = Files.readString(best.resolve("config.json"));
        assertTrue(cfg.contains("\"vocab_size\" : 8") && cfg.contains("\"ctc_loss_reduction\" : \"mean\"") && cfg.contains("HubertForCTC"), cfg);
        List<String> log = Files.readAllLines(output.resolve("metrics.jsonl"));
        assertEquals(2, log.stream().filter(l -> l.contains("\"type\":\"eval\"") && l.contains("\"cer\"")).count(), String.join("\n", log));
        assertEquals(4, log.stream().filter(l -> l.contains("\"type\":\"train\"")).count());

        // aubert encode --head ctc reads the saved folder and gives the trainer's logits.
        float[] x = tones("abc");
        Path in = tmp.resolve("x.npy");
        float[] norm = new org.aubert.core.audio.FeatureExtractor(org.aubert.core.audio.FeatureExtractorConfig.DEFAULT).normalize(x);
        Npy.write(in, Tensor.ofFloats(new long[]{1, norm.length}, norm));
        Path y = tmp.resolve("y.npy");
        assertEquals(0, run("encode", "--model", best.toString(), "--input", in.toString(), "--output", y.toString(), "--head", "ctc"),
                err.toString());
        CtcModel reloaded = CtcModel.load(best, AudioEncoder.Options.inference());
        INDArray values = NdArrays.toArray(Npy.read(in), DataType.FLOAT);
        INDArray expected = reloaded.logits(new CtcBatch(values, null, new int[][]{{5}}, List.of("a")), null);
        assertTrue(expected.equalsWithEps(NdArrays.toArray(Npy.read(y), DataType.FLOAT), 1e-5));

        // An existing run is not overwritten.
        assertNotEquals(0, run("train-ctc", "--train", train.toString(), "--config", config.toString(), "--output", output.toString(),
                "--max-steps", "1"));
        assertTrue(err.toString().contains("--resume"), err.toString());
    }

    @Test
    void trainsOnRandomSpansOfTheDemoCorpusLayout() throws Exception {
        // two recordings of tone words with their times: every tone is 400 samples (25 ms) every 600 (37.5 ms) from sample 160
        Path corpus = Files.createDirectories(tmp.resolve("corpus"));
        StringBuilder truth = new StringBuilder("{\"utterances\": [");
        List<String> texts = List.of("ab ba abc ca b", "bca ab c ba");
        for (int f = 0; f < texts.size(); f++) {
            String text = texts.get(f);
            Path audio = Files.createDirectories(corpus.resolve("audio/900" + f + "/1")).resolve("r.wav");
            AudioWriter.writeWav(audio, Audio.mono(tones(text), 16000), WavEncoding.PCM_16);
            StringBuilder words = new StringBuilder();
            int pos = 0;
            for (String w : text.split(" ")) {
                double start = (160 + 600.0 * pos) / 16;
                double end = (160 + 600.0 * (pos + w.length() - 1) + 400) / 16;
                words.append(words.length() == 0 ? "" : ", ").append(String.format(java.util.Locale.ROOT, "[\"%s\", 0, 0, %d, %d]", w,
                        (long) start, (long) Math.ceil(end)));
                pos += w.length() + 1;
            }
            truth.append(f == 0 ? "" : ", ").append("{\"fname\": \"900").append(f).append("/1/r.wav\", \"utterance\": \"").append(text)
                    .append("\", \"words\": [").append(words).append("]}");
        }
        Files.writeString(corpus.resolve("truth.json"), truth + "]}");
        Files.writeString(corpus.resolve("split.json"), "{\"train\": [\"9000/1/r.wav\"], \"held_out\": [\"9001/1/r.wav\"]}");
        Path config = Files.writeString(tmp.resolve("tiny.json"), """
                {"model_type": "hubert", "hidden_size": 16, "num_hidden_layers": 1, "num_attention_heads": 2,
                 "intermediate_size": 32, "conv_dim": [16, 16], "conv_stride": [5, 4], "conv_kernel": [10, 8],
                 "num_conv_pos_embeddings": 4, "num_conv_pos_embedding_groups": 2}
                """);
        Path output = tmp.resolve("spans");
        int rc = run("train-ctc", "--corpus", corpus.toString(), "--segments", "SPANS", "--span-words", "1:2", "--speed", "0.9:1.1",
                "--config", config.toString(), "--output", output.toString(), "--max-steps", "3", "--eval-every", "3",
                "--batch-size", "2", "--lr", "1e-3", "--warmup-steps", "1", "--seed", "3");
        assertEquals(0, rc, err.toString());
        List<String> log = Files.readAllLines(output.resolve("metrics.jsonl"));
        assertEquals(3, log.stream().filter(l -> l.contains("\"type\":\"train\"")).count(), String.join("\n", log));
        assertEquals(1, log.stream().filter(l -> l.contains("\"type\":\"eval\"") && l.contains("\"cer\"")).count(), String.join("\n", log));

        assertNotEquals(0, run("train-ctc", "--corpus", corpus.toString(), "--segments", "SPANS", "--speed", "1.2:0.8",
                "--config", config.toString(), "--output", tmp.resolve("bad").toString()));
        assertTrue(err.toString().contains("--speed") && err.toString().contains("1.2:0.8"), err.toString());
    }

    @Test
    void fineTunesAnHfCtcFolder() throws Exception {
        Path model = Path.of(getClass().getResource("/testdata/oracles/models/wav2vec2_base_ctc_tiny").toURI());
        Path train = corpus("ab ba", "abc");
        Path output = tmp.resolve("ft");
        assertEquals(0, run("train-ctc", "--train", train.toString(), "--model", model.toString(), "--output", output.toString(),
                "--max-steps", "2", "--eval-every", "0", "--batch-size", "2", "--lr", "1e-2", "--warmup-steps", "0", "--freeze-feature-encoder"), err.toString());
        CtcModel tuned = CtcModel.load(output.resolve("last"), AudioEncoder.Options.inference());
        CtcModel original = CtcModel.load(model, AudioEncoder.Options.inference());
        String conv = "feature_extractor.conv_layers.0.conv.weight";
        assertEquals(original.graph().parameter(conv), tuned.graph().parameter(conv), "the frozen conv stack is unchanged");
        assertNotEquals(original.graph().parameter("lm_head.weight"), tuned.graph().parameter("lm_head.weight"), "the head trained");
    }
}
