package org.aubert.core.audio;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads WAV and FLAC files into {@link Audio}. The format is recognised by its leading bytes, never by the
 * file name, because audiobook corpora often carry mislabelled files.
 */
public final class AudioReader {
    private static final Logger log = LoggerFactory.getLogger(AudioReader.class);

    private AudioReader() {}

    /** All channels at the file's own sample rate. */
    public static Audio read(Path file) throws IOException {
        if (!Files.isRegularFile(file)) throw new NoSuchFileException(file.toString(), null, "not a regular file");
        byte[] head;
        try (InputStream in = Files.newInputStream(file)) {
            head = in.readNBytes(12);
        }
        if (head.length == 0) throw new AudioFormatException(file, "file is empty");
        if (startsWith(head, 0, "RIFF") && startsWith(head, 8, "WAVE")) return WavDecoder.decode(file);
        if (startsWith(head, 0, "fLaC") || startsWith(head, 0, "ID3")) return FlacReader.decode(file);
        if (startsWith(head, 0, "RF64")) throw new AudioFormatException(file, "RF64 (64-bit WAV) is not supported");
        throw new AudioFormatException(file, "not a WAV or FLAC file (starts with bytes " + hex(head) + ")");
    }

    /**
     * Mono audio at the file's own rate. Multi-channel files are refused unless {@code downmix} is set,
     * in which case the channels are averaged: silently picking or mixing channels would hide a data problem.
     */
    public static Audio readMono(Path file, boolean downmix) throws IOException {
        Audio a = read(file);
        if (a.channelCount() == 1) return a;
        if (!downmix) {
            throw new AudioFormatException(file, "has " + a.channelCount() + " channels; pass downmix=true to average them");
        }
        return a.downmix();
    }

    /** Mono audio at {@code targetRate}, resampled with {@link Resampler} when the file's rate differs. */
    public static Audio load(Path file, int targetRate, boolean downmix) throws IOException {
        if (targetRate <= 0) throw new IllegalArgumentException("target rate must be positive, got " + targetRate);
        Audio a = readMono(file, downmix);
        if (a.sampleRate() == targetRate) return a;
        log.debug("{}: resampling {} Hz -> {} Hz", file, a.sampleRate(), targetRate);
        return Audio.mono(new Resampler(a.sampleRate(), targetRate).process(a.samples()), targetRate);
    }

    private static boolean startsWith(byte[] b, int off, String tag) {
        if (b.length < off + tag.length()) return false;
        for (int i = 0; i < tag.length(); i++) {
            if (b[off + i] != (byte) tag.charAt(i)) return false;
        }
        return true;
    }

    private static String hex(byte[] b) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < Math.min(b.length, 4); i++) {
            if (i > 0) sb.append(' ');
            sb.append(String.format("%02x", b[i] & 0xFF));
        }
        return sb.toString();
    }
}
