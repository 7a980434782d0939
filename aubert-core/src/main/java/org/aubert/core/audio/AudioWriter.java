package org.aubert.core.audio;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;

import org.aubert.core.io.AtomicFiles;

/**
 * Writes {@link Audio} as WAV (16-bit PCM or 32-bit float) or as 16-bit FLAC. Every file is written through
 * {@link AtomicFiles}, so a crash never leaves a half-written file under the target name.
 */
public final class AudioWriter {
    private static final long MAX_RIFF_DATA = 0xFFFFFFFFL - 64; // RIFF sizes are 32-bit

    private AudioWriter() {}

    public static void writeWav(Path file, Audio audio, WavEncoding encoding) throws IOException {
        int nch = audio.channelCount();
        int bytesPerSample = encoding == WavEncoding.PCM_16 ? 2 : 4;
        int blockAlign = nch * bytesPerSample;
        long dataBytes = (long) audio.frameCount() * blockAlign;
        if (dataBytes > MAX_RIFF_DATA) throw new IllegalArgumentException("audio of " + dataBytes + " bytes does not fit in a WAV file");
        if (nch > 0xFFFF) throw new IllegalArgumentException("WAV cannot hold " + nch + " channels");
        // Checked before the file is opened, so invalid audio never touches the target.
        short[][] pcm = encoding == WavEncoding.PCM_16 ? Pcm.toInt16(audio) : null;
        AtomicFiles.write(file, out -> {
            boolean pcm16 = encoding == WavEncoding.PCM_16;
            int fmtLen = pcm16 ? 16 : 18;               // non-PCM formats carry a cbSize field...
            int factLen = pcm16 ? 0 : 12;               // ...and a fact chunk with the frame count
            ByteBuffer h = ByteBuffer.allocate(20 + fmtLen + factLen + 8).order(ByteOrder.LITTLE_ENDIAN);
            h.put(ascii("RIFF")).putInt((int) (4 + 8 + fmtLen + factLen + 8 + dataBytes)).put(ascii("WAVE"));
            h.put(ascii("fmt ")).putInt(fmtLen).putShort((short) (pcm16 ? 1 : 3)).putShort((short) nch)
                    .putInt(audio.sampleRate()).putInt(Math.multiplyExact(audio.sampleRate(), blockAlign)).putShort((short) blockAlign)
                    .putShort((short) (bytesPerSample * 8));
            if (!pcm16) h.putShort((short) 0).put(ascii("fact")).putInt(4).putInt(audio.frameCount());
            h.put(ascii("data")).putInt((int) dataBytes);
            out.write(h.array(), 0, h.position());
            writeInterleaved(out, audio, pcm); // 2- and 4-byte samples: the data chunk never needs a pad byte
        });
    }

    /** 16-bit FLAC, mono or up to 8 channels; see {@link FlacEncoder} for the encoder's design. */
    public static void writeFlac(Path file, Audio audio) throws IOException {
        short[][] pcm = Pcm.toInt16(audio);
        AtomicFiles.write(file, out -> FlacEncoder.encode(pcm, audio.sampleRate(), out));
    }

    private static void writeInterleaved(OutputStream out, Audio audio, short[][] pcm) throws IOException {
        float[][] ch = audio.channels();
        int n = audio.frameCount();
        ByteBuffer b = ByteBuffer.allocate(1 << 16).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < n; i++) {
            if (b.remaining() < ch.length * 4) {
                out.write(b.array(), 0, b.position());
                b.clear();
            }
            for (int c = 0; c < ch.length; c++) {
                if (pcm != null) b.putShort(pcm[c][i]);
                else b.putFloat(ch[c][i]);
            }
        }
        out.write(b.array(), 0, b.position());
    }

    private static byte[] ascii(String s) {
        return s.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    }
}
