package org.aubert.examples.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import org.aubert.core.audio.AudioReader;
import org.aubert.core.tensor.Npy;
import org.aubert.core.tensor.Tensor;
import org.aubert.nn.embed.AubertEmbedder;

/** {@code aubert embed}: the projected embedding of a text span in its context, or of an audio file, as float32 .npy. */
@Command(name = "embed", mixinStandardHelpOptions = true,
        description = "Embed a text span in its context or an audio file with a trained AuBERT checkpoint; writes a float32 [P] .npy.")
final class EmbedCommand implements Callable<Integer> {
    private static final Logger log = LoggerFactory.getLogger(EmbedCommand.class);

    @Option(names = "--checkpoint", required = true, description = "Checkpoint folder (or a pretrain output folder: its best/ or last/).")
    Path checkpoint;

    @ArgGroup(exclusive = true, multiplicity = "1")
    Input input;

    static final class Input {
        @ArgGroup(exclusive = false)
        TextInput text;

        @Option(names = "--audio", required = true, description = "Audio file (WAV or FLAC, mono; resampled to 16 kHz).")
        Path audio;
    }

    static final class TextInput {
        @Option(names = "--text", required = true, description = "The text context.")
        String text;

        @Option(names = "--span", required = true, description = "Character range a:b of the word or n-gram in --text (end exclusive).")
        String span;
    }

    @Option(names = "--output", required = true, description = ".npy file to write (atomically).")
    Path output;

    @Override
    public Integer call() throws Exception {
        long start = System.nanoTime();
        AubertEmbedder embedder = AubertEmbedder.load(checkpoint);
        float[] v;
        String what;
        if (input.audio != null) {
            v = embedder.embedAudio(AudioReader.load(input.audio, 16000, false).samples());
            what = input.audio.toString();
        } else {
            int[] ab = parseSpan(input.text.span);
            v = embedder.embedText(input.text.text, ab[0], ab[1]);
            what = "\"" + input.text.text.substring(ab[0], ab[1]) + "\"";
        }
        Npy.write(output, Tensor.ofFloats(new long[]{v.length}, v));
        log.info("embed: {} -> {} [{}] in {} ms", what, output, v.length, (System.nanoTime() - start) / 1_000_000);
        return 0;
    }

    static int[] parseSpan(String s) {
        String[] p = s.split(":", -1);
        try {
            if (p.length == 2) return new int[]{Integer.parseInt(p[0].trim()), Integer.parseInt(p[1].trim())};
        } catch (NumberFormatException e) {
            // fall through to the error below
        }
        throw new IllegalArgumentException("--span must be a:b (character offsets), got '" + s + "'");
    }
}
