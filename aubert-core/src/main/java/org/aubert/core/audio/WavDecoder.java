package org.aubert.core.audio;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads RIFF/WAVE files: integer PCM of 8 (unsigned), 16, 24 and 32 bits, IEEE float of 32 and 64 bits,
 * plain or WAVE_FORMAT_EXTENSIBLE. Unknown chunks are skipped, honouring the pad byte after odd-sized chunks.
 */
final class WavDecoder {
    private static final Logger log = LoggerFactory.getLogger(WavDecoder.class);

    private static final int TAG_PCM = 1;
    private static final int TAG_FLOAT = 3;
    private static final int TAG_EXTENSIBLE = 0xFFFE;
    /** Bytes 2..15 of the KSDATAFORMAT_SUBTYPE_* GUIDs; bytes 0..1 hold the plain format tag. */
    private static final byte[] GUID_TAIL = {0x00, 0x00, 0x00, 0x00, 0x10, 0x00, (byte) 0x80, 0x00,
            0x00, (byte) 0xAA, 0x00, 0x38, (byte) 0x9B, 0x71};

    private WavDecoder() {}

    /** The "fmt " chunk reduced to what decoding needs. */
    private record Format(int tag, int channels, int sampleRate, int blockAlign, int bytesPerSample) {}

    static Audio decode(Path file) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = ch.size();
            ByteBuffer riff = readAt(ch, 0, 12, file, "RIFF header");
            if (!fourcc(riff, 0).equals("RIFF") || !fourcc(riff, 8).equals("WAVE")) {
                throw new AudioFormatException(file, "not a RIFF/WAVE file");
            }
            Format fmt = null;
            long dataStart = -1;
            long dataSize = 0;
            long pos = 12;
            while (pos + 8 <= size) {
                ByteBuffer h = readAt(ch, pos, 8, file, "chunk header");
                String id = fourcc(h, 0);
                long len = h.getInt(4) & 0xFFFFFFFFL;
                long body = pos + 8;
                if (body + len > size) {
                    if (id.equals("data")) {
                        throw new AudioFormatException(file, "data chunk claims " + len + " bytes but only "
                                + (size - body) + " remain in the file (truncated?)");
                    }
                    if (fmt != null && dataStart >= 0) {
                        // A damaged trailing chunk (tags, cue points) cannot affect the samples already located.
                        log.warn("{}: ignoring truncated '{}' chunk after the audio data", file, id);
                        break;
                    }
                    throw new AudioFormatException(file, "'" + id + "' chunk claims " + len + " bytes but only "
                            + (size - body) + " remain in the file (truncated?)");
                }
                if (id.equals("fmt ")) {
                    fmt = parseFormat(readAt(ch, body, (int) Math.min(len, 40), file, "fmt chunk"), (int) len, file);
                } else if (id.equals("data") && dataStart < 0) {
                    dataStart = body;
                    dataSize = len;
                }
                pos = body + len + (len & 1); // RIFF pads odd-sized chunks to an even length
            }
            if (fmt == null) throw new AudioFormatException(file, "WAV file has no 'fmt ' chunk");
            if (dataStart < 0) throw new AudioFormatException(file, "WAV file has no 'data' chunk");
            return readSamples(ch, file, fmt, dataStart, dataSize);
        }
    }

    private static Format parseFormat(ByteBuffer b, int len, Path file) throws AudioFormatException {
        if (len < 16) throw new AudioFormatException(file, "'fmt ' chunk is " + len + " bytes, needs at least 16");
        int tag = b.getShort(0) & 0xFFFF;
        int channels = b.getShort(2) & 0xFFFF;
        long rate = b.getInt(4) & 0xFFFFFFFFL;
        int blockAlign = b.getShort(12) & 0xFFFF;
        int bits = b.getShort(14) & 0xFFFF;
        if (tag == TAG_EXTENSIBLE) {
            if (len < 40) throw new AudioFormatException(file, "WAVE_FORMAT_EXTENSIBLE 'fmt ' chunk is " + len + " bytes, needs 40");
            for (int i = 0; i < GUID_TAIL.length; i++) {
                if (b.get(26 + i) != GUID_TAIL[i]) throw new AudioFormatException(file, "WAVE_FORMAT_EXTENSIBLE with an unknown sub-format GUID");
            }
            tag = b.getShort(24) & 0xFFFF;
        }
        if (channels == 0) throw new AudioFormatException(file, "WAV header says 0 channels");
        if (rate == 0 || rate > Integer.MAX_VALUE) throw new AudioFormatException(file, "WAV header has invalid sample rate " + rate);
        if (blockAlign == 0 || blockAlign % channels != 0) {
            throw new AudioFormatException(file, "WAV block align " + blockAlign + " does not fit " + channels + " channels");
        }
        int bytesPerSample = blockAlign / channels;
        // The container size decides the layout; bitsPerSample may be smaller (e.g. 20 valid bits in 24).
        if (bits == 0 || bits > bytesPerSample * 8) {
            throw new AudioFormatException(file, "WAV says " + bits + " bits per sample in " + bytesPerSample + "-byte containers");
        }
        if (tag == TAG_PCM) {
            if (bytesPerSample > 4) throw new AudioFormatException(file, "unsupported WAV integer PCM of " + bytesPerSample * 8 + " bits");
        } else if (tag == TAG_FLOAT) {
            if (bytesPerSample != 4 && bytesPerSample != 8) {
                throw new AudioFormatException(file, "unsupported WAV float of " + bytesPerSample * 8 + " bits");
            }
        } else {
            throw new AudioFormatException(file, "unsupported WAV format tag 0x" + Integer.toHexString(tag)
                    + " (only integer PCM and IEEE float are read)");
        }
        return new Format(tag, channels, (int) rate, blockAlign, bytesPerSample);
    }

    private static Audio readSamples(FileChannel ch, Path file, Format f, long start, long size) throws IOException {
        long frames = size / f.blockAlign();
        if (size % f.blockAlign() != 0) {
            log.warn("{}: data chunk of {} bytes ends in a partial frame; ignoring its last {} bytes",
                    file, size, size % f.blockAlign());
        }
        if (frames > Integer.MAX_VALUE - 8) throw new AudioFormatException(file, "WAV file has " + frames + " frames, too many for one array");
        int n = (int) frames;
        float[][] out = new float[f.channels()][n];
        int framesPerRead = Math.max(1, (1 << 16) / f.blockAlign());
        ByteBuffer buf = ByteBuffer.allocate(framesPerRead * f.blockAlign()).order(ByteOrder.LITTLE_ENDIAN);
        long pos = start;
        for (int done = 0; done < n; ) {
            int count = Math.min(framesPerRead, n - done);
            buf.clear().limit(count * f.blockAlign());
            fill(ch, buf, pos, file, "samples");
            pos += buf.limit();
            buf.flip();
            for (int i = 0; i < count; i++) {
                for (int c = 0; c < f.channels(); c++) out[c][done + i] = sample(buf, f);
            }
            done += count;
        }
        return new Audio(out, f.sampleRate());
    }

    /** Reads one sample at the buffer position, scaled so integer full scale maps to [-1, 1). */
    private static float sample(ByteBuffer b, Format f) {
        if (f.tag() == TAG_FLOAT) return f.bytesPerSample() == 4 ? b.getFloat() : (float) b.getDouble();
        return switch (f.bytesPerSample()) {
            case 1 -> ((b.get() & 0xFF) - 128) / 128f; // 8-bit WAV is unsigned
            case 2 -> b.getShort() / 32768f;
            case 3 -> {
                int v = (b.get() & 0xFF) | ((b.get() & 0xFF) << 8) | (b.get() << 16);
                yield v / 8388608f;
            }
            default -> (float) (b.getInt() / 2147483648.0);
        };
    }

    private static ByteBuffer readAt(FileChannel ch, long pos, int len, Path file, String what) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(len).order(ByteOrder.LITTLE_ENDIAN);
        fill(ch, b, pos, file, what);
        return b.flip();
    }

    private static void fill(FileChannel ch, ByteBuffer b, long pos, Path file, String what) throws IOException {
        while (b.hasRemaining()) {
            int r = ch.read(b, pos);
            if (r < 0) throw new AudioFormatException(file, "unexpected end of file at byte " + pos + " reading the " + what, new EOFException());
            pos += r;
        }
    }

    private static String fourcc(ByteBuffer b, int off) {
        char[] c = new char[4];
        for (int i = 0; i < 4; i++) c[i] = (char) (b.get(off + i) & 0xFF);
        return new String(c);
    }
}
