package org.aubert.core.audio;

import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Arrays;

import org.jflac.ChannelData;
import org.jflac.FLACDecoder;
import org.jflac.FrameListener;
import org.jflac.frame.Frame;
import org.jflac.metadata.Metadata;

/**
 * Decodes FLAC with JFLAC, wrapped so that damaged input fails loudly instead of silently.
 *
 * <p>JFLAC reports a bad frame CRC only to listeners (and zeroes the frame), skips frames it cannot parse,
 * treats a truncated file as a clean end of stream and can throw arbitrary runtime exceptions on garbage.
 * So this class parses the metadata itself and hands JFLAC only the validated STREAMINFO, turns every
 * reported error into an exception, checks the sample count against STREAMINFO and verifies the MD5.
 */
final class FlacReader {

    private FlacReader() {}

    /** The fields of STREAMINFO that decoding checks against, plus its raw 34 bytes. */
    private record StreamInfo(int sampleRate, int channels, int bitsPerSample, long totalSamples, byte[] md5, byte[] raw) {}

    /** Collects the errors JFLAC reports only through its listener interface. */
    private static final class Errors implements FrameListener {
        String first;
        @Override public void processMetadata(Metadata metadata) {}
        @Override public void processFrame(Frame frame) {}
        @Override public void processError(String msg) { if (first == null) first = msg; }
    }

    static Audio decode(Path file) throws IOException {
        try (InputStream raw = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
            boolean tagged = skipId3v2(raw, file);
            byte[] magic = raw.readNBytes(4);
            if (magic.length < 4 || magic[0] != 'f' || magic[1] != 'L' || magic[2] != 'a' || magic[3] != 'C') {
                throw new AudioFormatException(file, tagged ? "has an ID3v2 tag but no FLAC stream after it (an MP3 file?)"
                        : "not a FLAC file (no fLaC signature)");
            }
            StreamInfo si = readMetadata(raw, file);
            byte[] head = new byte[4 + 4 + 34];
            head[0] = 'f'; head[1] = 'L'; head[2] = 'a'; head[3] = 'C';
            head[4] = (byte) 0x80; // STREAMINFO, marked as the last metadata block
            head[7] = 34;
            System.arraycopy(si.raw(), 0, head, 8, 34);
            return decodeFrames(new SequenceInputStream(new ByteArrayInputStream(head), raw), si, file);
        }
    }

    private static Audio decodeFrames(InputStream in, StreamInfo si, Path file) throws IOException {
        FLACDecoder dec = new FLACDecoder(in);
        Errors errors = new Errors();
        dec.addFrameListener(errors);
        int nch = si.channels();
        long total = si.totalSamples(); // 0 means "unknown" in FLAC
        float[][] out = new float[nch][(int) Math.min(Math.max(total, 4096), 1 << 20)];
        float scale = 1f / (1 << (si.bitsPerSample() - 1));
        MessageDigest md5 = md5();
        int bytesPerSample = (si.bitsPerSample() + 7) / 8;
        byte[] pcm = new byte[0];
        long decoded = 0;
        try {
            dec.readMetadata();
            while (total == 0 || decoded < total) {
                Frame frame = dec.readNextFrame();
                // JFLAC ends a truncated stream like a complete one, at most reporting the EOF it hit inside a
                // subframe; the sample count check after the loop turns that into a "truncated" error.
                boolean endOfData = frame == null && dec.getBadFrames() == 0
                        && (errors.first == null || errors.first.contains("EOFException"));
                if (endOfData) break;
                if (errors.first != null || dec.getBadFrames() > 0) {
                    String why = errors.first != null ? errors.first : "unparseable frame";
                    throw new AudioFormatException(file, "corrupt FLAC data after sample " + decoded + " (" + why + ")");
                }
                int bs = frame.header.blockSize;
                if (frame.header.channels != nch || frame.header.bitsPerSample != si.bitsPerSample()) {
                    throw new AudioFormatException(file, "FLAC frame after sample " + decoded + " has " + frame.header.channels
                            + " channels of " + frame.header.bitsPerSample + " bits, STREAMINFO says " + nch + " of " + si.bitsPerSample());
                }
                if (total > 0 && decoded + bs > total) {
                    throw new AudioFormatException(file, "FLAC frames hold more samples than the " + total + " in STREAMINFO");
                }
                if (decoded + bs > Integer.MAX_VALUE - 8) throw new AudioFormatException(file, "FLAC stream too long for one array");
                int at = (int) decoded;
                if (at + bs > out[0].length) out = grow(out, at + bs, total);
                if (pcm.length < bs * nch * bytesPerSample) pcm = new byte[bs * nch * bytesPerSample];
                ChannelData[] data = dec.getChannelData();
                int p = 0;
                for (int i = 0; i < bs; i++) {
                    for (int c = 0; c < nch; c++) {
                        int v = data[c].getOutput()[i];
                        out[c][at + i] = v * scale;
                        for (int b = 0; b < bytesPerSample; b++) pcm[p++] = (byte) (v >> (8 * b));
                    }
                }
                md5.update(pcm, 0, p);
                decoded += bs;
            }
        } catch (AudioFormatException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            // JFLAC signals malformed input with bare IOExceptions and index or arithmetic exceptions.
            throw new AudioFormatException(file, "corrupt FLAC data after sample " + decoded + " (decoder failed: " + e + ")", e);
        }
        if (total > 0 && decoded != total) {
            throw new AudioFormatException(file, "truncated FLAC: decoded " + decoded + " of " + total + " samples");
        }
        boolean md5Set = false;
        for (byte b : si.md5()) md5Set |= b != 0;
        if (md5Set && !Arrays.equals(md5.digest(), si.md5())) {
            throw new AudioFormatException(file, "FLAC MD5 mismatch: the decoded samples differ from the encoded ones");
        }
        for (int c = 0; c < nch; c++) out[c] = Arrays.copyOf(out[c], (int) decoded);
        return new Audio(out, si.sampleRate());
    }

    /** Grows the per-channel arrays geometrically, never past the STREAMINFO total when it is known. */
    private static float[][] grow(float[][] out, int need, long total) {
        long cap = Math.max(need, (long) out[0].length * 2);
        if (total > 0) cap = Math.max(need, Math.min(cap, total));
        cap = Math.min(cap, Integer.MAX_VALUE - 8);
        for (int c = 0; c < out.length; c++) out[c] = Arrays.copyOf(out[c], (int) cap);
        return out;
    }

    private static StreamInfo readMetadata(InputStream in, Path file) throws IOException {
        StreamInfo si = null;
        boolean last = false;
        while (!last) {
            byte[] h = readFully(in, 4, file, "metadata block header");
            last = (h[0] & 0x80) != 0;
            int type = h[0] & 0x7F;
            int len = ((h[1] & 0xFF) << 16) | ((h[2] & 0xFF) << 8) | (h[3] & 0xFF);
            if (si == null) {
                if (type != 0 || len != 34) throw new AudioFormatException(file, "FLAC does not start with a 34-byte STREAMINFO block");
                si = parseStreamInfo(readFully(in, 34, file, "STREAMINFO"), file);
            } else if (type == 127) {
                throw new AudioFormatException(file, "invalid FLAC metadata block type 127");
            } else {
                if (skip(in, len) < len) throw new AudioFormatException(file, "truncated FLAC metadata block of type " + type);
            }
        }
        return si;
    }

    private static StreamInfo parseStreamInfo(byte[] b, Path file) throws AudioFormatException {
        int rate = ((b[10] & 0xFF) << 12) | ((b[11] & 0xFF) << 4) | ((b[12] & 0xFF) >> 4);
        int channels = ((b[12] >> 1) & 7) + 1;
        int bps = (((b[12] & 1) << 4) | ((b[13] & 0xFF) >> 4)) + 1;
        long total = ((long) (b[13] & 0x0F) << 32) | ((b[14] & 0xFFL) << 24) | ((b[15] & 0xFFL) << 16)
                | ((b[16] & 0xFFL) << 8) | (b[17] & 0xFFL);
        if (rate == 0) throw new AudioFormatException(file, "FLAC STREAMINFO has sample rate 0");
        if (bps < 4 || bps > 24) throw new AudioFormatException(file, "unsupported FLAC bit depth " + bps + " (4 to 24 are read)");
        if (total > Integer.MAX_VALUE - 8) throw new AudioFormatException(file, "FLAC stream of " + total + " samples is too long for one array");
        return new StreamInfo(rate, channels, bps, total, Arrays.copyOfRange(b, 18, 34), b);
    }

    /** Skips an ID3v2 tag, which some taggers put in front of the fLaC signature; true if there was one. */
    private static boolean skipId3v2(InputStream in, Path file) throws IOException {
        in.mark(10);
        byte[] h = in.readNBytes(10);
        if (h.length < 10 || h[0] != 'I' || h[1] != 'D' || h[2] != '3') {
            in.reset();
            return false;
        }
        long size = ((h[6] & 0x7FL) << 21) | ((h[7] & 0x7FL) << 14) | ((h[8] & 0x7FL) << 7) | (h[9] & 0x7FL);
        if ((h[5] & 0x10) != 0) size += 10; // footer present
        if (skip(in, size) < size) throw new AudioFormatException(file, "truncated ID3v2 tag before the FLAC stream");
        return true;
    }

    /** Skips up to {@code n} bytes and returns how many were there (fewer only at end of file). */
    private static long skip(InputStream in, long n) throws IOException {
        long done = 0;
        while (done < n) {
            long s = in.skip(n - done);
            if (s <= 0) {
                if (in.read() < 0) break;
                s = 1;
            }
            done += s;
        }
        return done;
    }

    private static byte[] readFully(InputStream in, int n, Path file, String what) throws IOException {
        byte[] b = in.readNBytes(n);
        if (b.length < n) throw new AudioFormatException(file, "unexpected end of file reading the " + what);
        return b;
    }

    private static MessageDigest md5() {
        try {
            return MessageDigest.getInstance("MD5");
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform must provide MD5", e);
        }
    }
}
