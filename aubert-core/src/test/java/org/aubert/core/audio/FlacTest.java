package org.aubert.core.audio;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FlacTest {
    @TempDir Path tmp;

    /** A test signal in int16 that mixes the cases an encoder must get right, segment by segment. */
    static short[] signal(int n, long seed) {
        Random r = new Random(seed);
        short[] s = new short[n];
        for (int i = 0; i < n; i++) {
            double v = switch ((i / 1500) % 5) {
                case 0 -> 12000 * Math.sin(i * 0.07 + seed) + r.nextGaussian() * 30; // tone plus noise
                case 1 -> r.nextInt(65536) - 32768;                                   // full-scale white noise
                case 2 -> 0;                                                          // digital silence
                case 3 -> (i & 1) == 0 ? 32767 : -32768;                              // full-scale square at Nyquist
                default -> 3000 * Math.sin(i * 0.001) + r.nextInt(5);                 // slow, nearly constant
            };
            s[i] = (short) Math.max(-32768, Math.min(32767, Math.round(v)));
        }
        return s;
    }

    static float[] toFloat(short[] s) {
        float[] f = new float[s.length];
        for (int i = 0; i < s.length; i++) f[i] = s[i] / 32768f;
        return f;
    }

    static short[] toShort(float[] f) {
        short[] s = new short[f.length];
        for (int i = 0; i < f.length; i++) s[i] = Pcm.toInt16(f[i]);
        return s;
    }

    private Path writeFlac(String name, int channels, int n, int rate) throws IOException {
        float[][] ch = new float[channels][];
        for (int c = 0; c < channels; c++) ch[c] = toFloat(signal(n, 31L * c + n));
        Path p = tmp.resolve(name);
        AudioWriter.writeFlac(p, new Audio(ch, rate));
        return p;
    }

    @Test
    void roundTripIsBitExactForAwkwardLengthsAndChannelCounts() throws IOException {
        int[] lengths = {0, 1, 2, 15, 17, 4095, 4096, 4097, 3 * 4096 + 123};
        for (int channels = 1; channels <= 3; channels++) {
            for (int n : lengths) {
                short[][] want = new short[channels][];
                float[][] ch = new float[channels][];
                for (int c = 0; c < channels; c++) {
                    want[c] = signal(n, 31L * c + n);
                    ch[c] = toFloat(want[c]);
                }
                Path p = tmp.resolve("rt_" + channels + "_" + n + ".flac");
                AudioWriter.writeFlac(p, new Audio(ch, 16000));
                Audio back = AudioReader.read(p);
                assertEquals(16000, back.sampleRate());
                assertEquals(channels, back.channelCount());
                for (int c = 0; c < channels; c++) {
                    assertArrayEquals(want[c], toShort(back.channels()[c]), channels + " channels, length " + n + ", channel " + c);
                }
            }
        }
    }

    @Test
    void roundTripKeepsUncommonSampleRates() throws IOException {
        // Each rate takes a different frame-header coding: table, kHz, Hz, tens of Hz, STREAMINFO only.
        for (int rate : new int[] {44100, 12000, 11025, 100000, 700001}) {
            Path p = writeFlac("rate" + rate + ".flac", 1, 5000, rate);
            Audio a = AudioReader.read(p);
            assertEquals(rate, a.sampleRate());
            assertArrayEquals(signal(5000, 5000), toShort(a.samples()));
        }
    }

    @Test
    void compressesSpeechLikeSignalsAndFallsBackToVerbatimOnNoise() throws IOException {
        int n = 48000;
        float[] tone = new float[n];
        for (int i = 0; i < n; i++) tone[i] = (float) (0.3 * Math.sin(2 * Math.PI * 220 * i / 16000.0));
        Path p = tmp.resolve("tone.flac");
        AudioWriter.writeFlac(p, Audio.mono(tone, 16000));
        assertTrue(Files.size(p) < n * 2 / 3, "a pure tone should compress well, got " + Files.size(p) + " bytes");
        Random r = new Random(3);
        float[] noise = new float[n];
        for (int i = 0; i < n; i++) noise[i] = (r.nextInt(65536) - 32768) / 32768f;
        Path q = tmp.resolve("noise.flac");
        AudioWriter.writeFlac(q, Audio.mono(noise, 16000));
        // Verbatim subframes bound the worst case to the raw size plus frame overhead.
        assertTrue(Files.size(q) < n * 2 + 400, "white noise must not expand, got " + Files.size(q) + " bytes");
    }

    @Test
    void referenceEncoderOutputDecodesLikeItsWavSource() throws IOException {
        // Made with sox and `flac -8` (LPC subframes, right-side stereo, seek table, Vorbis comment; 24-bit mono).
        for (String name : new String[] {"ref_stereo16", "ref_mono24"}) {
            Audio flac = AudioReader.read(resource(name + ".flac"));
            Audio wav = AudioReader.read(resource(name + ".wav"));
            assertEquals(wav.sampleRate(), flac.sampleRate(), name);
            assertEquals(wav.channelCount(), flac.channelCount(), name);
            assertTrue(wav.frameCount() > 2000, name);
            for (int c = 0; c < wav.channelCount(); c++) assertArrayEquals(wav.channels()[c], flac.channels()[c], name + " channel " + c);
        }
    }

    @Test
    void validHeaderFollowedByGarbageIsCorrupt() throws IOException {
        byte[] good = Files.readAllBytes(writeFlac("good.flac", 1, 9000, 16000));
        byte[] bad = Arrays.copyOf(good, 42 + 3000);
        Random r = new Random(11);
        for (int i = 42; i < bad.length; i++) bad[i] = (byte) r.nextInt(256);
        Path p = tmp.resolve("garbage.flac");
        Files.write(p, bad);
        AudioFormatException e = assertThrows(AudioFormatException.class, () -> AudioReader.read(p));
        assertTrue(e.getMessage().startsWith(p + ": corrupt FLAC data after sample 0"), e.getMessage());
    }

    @Test
    void truncatedFileIsReported() throws IOException {
        byte[] good = Files.readAllBytes(writeFlac("good.flac", 2, 9000, 16000));
        Path p = tmp.resolve("cut.flac");
        Files.write(p, Arrays.copyOf(good, good.length / 2));
        AudioFormatException e = assertThrows(AudioFormatException.class, () -> AudioReader.read(p));
        assertTrue(e.getMessage().matches(java.util.regex.Pattern.quote(p + ": truncated FLAC: decoded ") + "(0|4096|8192) of 9000 samples"),
                e.getMessage());

        Files.write(p, Arrays.copyOf(good, 20));
        e = assertThrows(AudioFormatException.class, () -> AudioReader.read(p));
        assertEquals(p + ": unexpected end of file reading the STREAMINFO", e.getMessage());
    }

    @Test
    void damagedFrameFailsItsChecksum() throws IOException {
        byte[] b = Files.readAllBytes(writeFlac("good.flac", 1, 9000, 16000));
        b[b.length - 100] ^= 0x10;
        Path p = tmp.resolve("flipped.flac");
        Files.write(p, b);
        AudioFormatException e = assertThrows(AudioFormatException.class, () -> AudioReader.read(p));
        assertTrue(e.getMessage().contains("corrupt FLAC data after sample 8192"), e.getMessage());
    }

    @Test
    void md5MismatchIsReported() throws IOException {
        byte[] b = Files.readAllBytes(writeFlac("good.flac", 1, 5000, 16000));
        b[8 + 18] ^= 1; // first byte of the MD5 in STREAMINFO
        Path p = tmp.resolve("md5.flac");
        Files.write(p, b);
        AudioFormatException e = assertThrows(AudioFormatException.class, () -> AudioReader.read(p));
        assertEquals(p + ": FLAC MD5 mismatch: the decoded samples differ from the encoded ones", e.getMessage());
    }

    @Test
    void skipsAnId3v2TagInFront() throws IOException {
        byte[] flac = Files.readAllBytes(writeFlac("good.flac", 1, 3000, 16000));
        byte[] tag = {'I', 'D', '3', 4, 0, 0, 0, 0, 0, 5, 1, 2, 3, 4, 5};
        byte[] both = new byte[tag.length + flac.length];
        System.arraycopy(tag, 0, both, 0, tag.length);
        System.arraycopy(flac, 0, both, tag.length, flac.length);
        Path p = tmp.resolve("id3.flac");
        Files.write(p, both);
        assertArrayEquals(signal(3000, 3000), toShort(AudioReader.read(p).samples()));

        byte[] mp3 = {'I', 'D', '3', 4, 0, 0, 0, 0, 0, 2, 0, 0, (byte) 0xFF, (byte) 0xFB, (byte) 0x90, 0x64};
        Path q = tmp.resolve("song.flac");
        Files.write(q, mp3);
        AudioFormatException e = assertThrows(AudioFormatException.class, () -> AudioReader.read(q));
        assertEquals(q + ": has an ID3v2 tag but no FLAC stream after it (an MP3 file?)", e.getMessage());
    }

    /** Random damage after STREAMINFO must give either the exact samples or an AudioFormatException, quickly. */
    @Test
    void randomDamageNeverEscapesAsAnotherException() throws IOException {
        byte[] good = Files.readAllBytes(writeFlac("good.flac", 2, 9000, 16000));
        short[] want = signal(9000, 9000);
        Random r = new Random(2024);
        Path p = tmp.resolve("fuzz.flac");
        int failures = 0;
        for (int trial = 0; trial < 300; trial++) {
            byte[] b = good.clone();
            switch (trial % 3) {
                case 0 -> b[42 + r.nextInt(b.length - 42)] = (byte) r.nextInt(256);
                case 1 -> {
                    int at = 42 + r.nextInt(b.length - 42);
                    for (int i = at; i < Math.min(b.length, at + 1 + r.nextInt(64)); i++) b[i] = (byte) r.nextInt(256);
                }
                default -> b = Arrays.copyOf(b, 42 + r.nextInt(b.length - 42));
            }
            Files.write(p, b);
            Object result = assertTimeoutPreemptively(Duration.ofSeconds(10), () -> {
                try {
                    return AudioReader.read(p);
                } catch (Throwable t) {
                    return t;
                }
            });
            if (result instanceof Audio a) {
                assertArrayEquals(want, toShort(a.channels()[0]), "trial " + trial + " decoded without error but wrongly");
            } else if (result instanceof AudioFormatException e) {
                assertTrue(e.getMessage().startsWith(p.toString()), e.getMessage());
                failures++;
            } else {
                fail("trial " + trial + " escaped as " + result);
            }
        }
        assertTrue(failures > 250, "most damage must be detected, got " + failures);
    }

    private Path resource(String name) throws IOException {
        Path p = tmp.resolve(name);
        try (InputStream in = getClass().getResourceAsStream("/audio/" + name)) {
            if (in == null) throw new IOException("missing test resource " + name);
            Files.copy(in, p);
        }
        return p;
    }
}
