package org.aubert.examples.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringWriter;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;

import org.aubert.core.audio.Audio;
import org.aubert.core.audio.AudioWriter;
import org.aubert.core.audio.WavEncoding;
import org.aubert.core.tensor.Npy;
import org.aubert.nn.aubert.AubertConfig;
import org.aubert.nn.aubert.AubertModel;
import org.aubert.nn.embed.AubertEmbedder;
import org.aubert.nn.train.Checkpoint;

/** {@code aubert embed} on a checkpoint made from the oracle BERT and HuBERT folders. */
class EmbedCommandTest {
    @TempDir Path tmp;
    final StringWriter err = new StringWriter();

    private int run(String... args) {
        return CliRun.run(new StringWriter(), err, args);
    }

    @Test
    void embedsTextSpansAndAudioFiles() throws Exception {
        Path models = Path.of(getClass().getResource("/testdata/oracles/models/bert_tiny").toURI()).getParent();
        AubertConfig c = AubertConfig.forPretrained(models.resolve("bert_tiny"), models.resolve("hubert_base_tiny")).withProjection(
                AubertConfig.ProjectionHeadType.MLP, 32, 0.1);
        Path ck = tmp.resolve("ck");
        Checkpoint.write(ck, AubertModel.fromPretrained(c, DataType.FLOAT, false), null);
        AubertEmbedder direct = AubertEmbedder.load(ck);

        Path out = tmp.resolve("t.npy");
        String text = "the dog sat on the mat";
        assertEquals(0, run("embed", "--checkpoint", ck.toString(), "--text", text, "--span", "4:7", "--output", out.toString()), err.toString());
        assertArrayEquals(direct.embedText(text, 4, 7), Npy.read(out).toFloatArray(), 0f);

        float[] wave = new float[16000];
        for (int i = 0; i < wave.length; i++) wave[i] = (float) (0.3 * Math.sin(i * 0.05));
        Path wav = tmp.resolve("a.wav");
        AudioWriter.writeWav(wav, Audio.mono(wave, 16000), WavEncoding.PCM_16);
        Path aout = tmp.resolve("a.npy");
        assertEquals(0, run("embed", "--checkpoint", ck.toString(), "--audio", wav.toString(), "--output", aout.toString()), err.toString());
        assertEquals(32, Npy.read(aout).toFloatArray().length);

        Path bad = tmp.resolve("bad.npy");
        assertEquals(1, run("embed", "--checkpoint", ck.toString(), "--text", text, "--span", "4-7", "--output", bad.toString()));
        assertTrue(err.toString().contains("--span must be a:b"), err.toString());
        assertFalse(bad.toFile().exists());
    }
}
