package org.aubert.core.audio;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WavTest {
    @TempDir Path tmp;

    private Path file(String name, byte[] bytes) throws IOException {
        Path p = tmp.resolve(name);
        Files.write(p, bytes);
        return p;
    }

    private static String messageOf(Path p) {
        return assertThrows(AudioFormatException.class, () -> AudioReader.read(p)).getMessage();
    }

    @Test
    void pcm16RoundTripIsBitExact() throws IOException {
        Random r = new Random(7);
        int n = 10_001;
        short[][] ints = new short[2][n];
        float[][] ch = new float[2][n];
        for (int c = 0; c < 2; c++) {
            for (int i = 0; i < n; i++) {
                ints[c][i] = (short) (i < 4 ? new int[] {-32768, 32767, 0, -1}[i] : r.nextInt(65536) - 32768);
                ch[c][i] = ints[c][i] / 32768f;
            }
        }
        Path p = tmp.resolve("pcm16.wav");
        AudioWriter.writeWav(p, new Audio(ch, 22050), WavEncoding.PCM_16);
        assertEquals(44 + 4L * n, Files.size(p));
        Audio back = AudioReader.read(p);
        assertEquals(22050, back.sampleRate());
        assertEquals(2, back.channelCount());
        for (int c = 0; c < 2; c++) {
            short[] got = new short[n];
            for (int i = 0; i < n; i++) got[i] = Pcm.toInt16(back.channels()[c][i]);
            assertArrayEquals(ints[c], got, "channel " + c);
            assertArrayEquals(ch[c], back.channels()[c], "channel " + c + " as float");
        }
        try (Stream<Path> s = Files.list(tmp)) {
            assertEquals(List.of(p), s.toList(), "no temporary file left behind");
        }
    }

    @Test
    void float32RoundTripIsExact() throws IOException {
        float[] x = {0f, -1f, 0.999f, 1.5f, -3.25e-7f, Float.MIN_VALUE};
        Path p = tmp.resolve("f32.wav");
        AudioWriter.writeWav(p, Audio.mono(x, 16000), WavEncoding.FLOAT_32);
        assertArrayEquals(x, AudioReader.read(p).samples());
    }

    @Test
    void float16ConversionRoundsAndClamps() {
        assertEquals(32767, Pcm.toInt16(1f));
        assertEquals(-32768, Pcm.toInt16(-1.5f));
        assertEquals(2, Pcm.toInt16(1.5f / 32768)); // rint: halves go to even
        assertEquals(2, Pcm.toInt16(2.5f / 32768));
        assertEquals(-3, Pcm.toInt16(-3f / 32768));
        assertEquals(32767, Pcm.toInt16(Float.POSITIVE_INFINITY));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> AudioWriter.writeWav(tmp.resolve("nan.wav"), Audio.mono(new float[] {0, Float.NaN}, 8000), WavEncoding.PCM_16));
        assertTrue(e.getMessage().contains("sample 1 of channel 0 is NaN"), e.getMessage());
        assertTrue(Files.notExists(tmp.resolve("nan.wav")));
    }

    @Test
    void reads8BitUnsigned() throws IOException {
        Path p = file("u8.wav", new RiffBuilder().fmt(1, 1, 8000, 8).chunk("data", new byte[] {0, (byte) 128, (byte) 255, 64, 1}).build());
        Audio a = AudioReader.read(p);
        assertEquals(8000, a.sampleRate());
        assertArrayEquals(new float[] {-1f, 0f, 127 / 128f, -0.5f, -127 / 128f}, a.samples());
    }

    @Test
    void reads24Bit() throws IOException {
        int[] v = {-8388608, 8388607, 1, -1, 0x123456, -0x123456};
        Audio a = AudioReader.read(file("i24.wav", new RiffBuilder().fmt(1, 1, 48000, 24).chunk("data", RiffBuilder.int24(v)).build()));
        float[] want = new float[v.length];
        for (int i = 0; i < v.length; i++) want[i] = v[i] / 8388608f;
        assertArrayEquals(want, a.samples());
    }

    @Test
    void reads32BitInteger() throws IOException {
        int[] v = {Integer.MIN_VALUE, Integer.MAX_VALUE, 65536, -1, 0};
        Audio a = AudioReader.read(file("i32.wav", new RiffBuilder().fmt(1, 1, 16000, 32).chunk("data", RiffBuilder.int32(v)).build()));
        assertArrayEquals(new float[] {-1f, 1f, 1f / 32768, (float) (-1 / 2147483648.0), 0f}, a.samples());
        assertTrue(a.samples()[1] >= 1f - 1e-7f, "int32 full scale rounds to 1.0 in float");
    }

    @Test
    void readsFloat32AndFloat64() throws IOException {
        float[] f = {0.25f, -0.75f, 1e-9f};
        Audio a = AudioReader.read(file("f32.wav", new RiffBuilder().fmt(3, 1, 16000, 32).chunk("fact", RiffBuilder.int32(3))
                .chunk("data", RiffBuilder.float32(f)).build()));
        assertArrayEquals(f, a.samples());
        Audio d = AudioReader.read(file("f64.wav", new RiffBuilder().fmt(3, 1, 16000, 64).chunk("data", RiffBuilder.float64(0.1, -2.0)).build()));
        assertArrayEquals(new float[] {0.1f, -2f}, d.samples());
    }

    @Test
    void readsWaveFormatExtensible() throws IOException {
        // 20 valid bits in 24-bit containers: the container decides the scale, the samples are left-justified.
        Audio a = AudioReader.read(file("ext24.wav", new RiffBuilder().fmtExtensible(1, 2, 96000, 24, 20)
                .chunk("data", RiffBuilder.int24(0x400000, -0x800000, 16, -16)).build()));
        assertEquals(96000, a.sampleRate());
        assertArrayEquals(new float[] {0.5f, 16 / 8388608f}, a.channels()[0]);
        assertArrayEquals(new float[] {-1f, -16 / 8388608f}, a.channels()[1]);
        Audio f = AudioReader.read(file("extf.wav", new RiffBuilder().fmtExtensible(3, 1, 16000, 32, 32)
                .chunk("data", RiffBuilder.float32(0.125f)).build()));
        assertArrayEquals(new float[] {0.125f}, f.samples());
    }

    @Test
    void skipsUnknownChunksHonouringOddPadding() throws IOException {
        // An odd-sized chunk before "fmt ", "fmt " after it, an odd-length 8-bit data chunk, and a trailing LIST.
        byte[] b = new RiffBuilder().chunk("junk", new byte[] {1, 2, 3}).fmt(1, 1, 11025, 8)
                .chunk("bext", new byte[5]).chunk("data", new byte[] {(byte) 192, 64, (byte) 128})
                .chunk("LIST", "INFOISFT\u0003\0\0\0ab\0".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1)).build();
        Audio a = AudioReader.read(file("chunks.wav", b));
        assertEquals(11025, a.sampleRate());
        assertArrayEquals(new float[] {0.5f, -0.5f, 0f}, a.samples());
    }

    @Test
    void dataChunkLongerThanFileIsAnError() throws IOException {
        Path p = file("trunc.wav", new RiffBuilder().fmt(1, 1, 16000, 16).chunk("data", RiffBuilder.int16((short) 1, (short) 2), 1000).build());
        String m = messageOf(p);
        assertTrue(m.startsWith(p.toString()) && m.contains("data chunk claims 1000 bytes but only 4 remain"), m);
    }

    @Test
    void malformedHeadersGiveClearErrors() throws IOException {
        assertTrue(messageOf(file("nofmt.wav", new RiffBuilder().chunk("data", new byte[4]).build())).contains("no 'fmt ' chunk"));
        assertTrue(messageOf(file("nodata.wav", new RiffBuilder().fmt(1, 1, 8000, 16).build())).contains("no 'data' chunk"));
        assertTrue(messageOf(file("zero.wav", new RiffBuilder().fmt(1, 0, 8000, 16).chunk("data", new byte[4]).build()))
                .contains("0 channels"));
        assertTrue(messageOf(file("mp3.wav", new RiffBuilder().fmt(0x55, 1, 8000, 16).chunk("data", new byte[4]).build()))
                .contains("unsupported WAV format tag 0x55"));
        byte[] cut = new RiffBuilder().fmt(1, 1, 8000, 16).build();
        assertTrue(messageOf(file("cutfmt.wav", java.util.Arrays.copyOf(cut, 30))).contains("'fmt ' chunk claims 16 bytes"));
    }

    @Test
    void refusesFilesThatAreNotAudio() throws IOException {
        Path html = file("page.wav", "<html>not audio</html>".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        String m = messageOf(html);
        assertTrue(m.startsWith(html.toString()) && m.contains("not a WAV or FLAC file (starts with bytes 3c 68 74 6d)"), m);
        assertTrue(messageOf(file("empty.wav", new byte[0])).contains("file is empty"));
        assertThrows(NoSuchFileException.class, () -> AudioReader.read(tmp.resolve("missing.wav")));
    }

    @Test
    void formatComesFromMagicBytesNotTheExtension() throws IOException {
        Path p = tmp.resolve("actually-wav.flac");
        AudioWriter.writeWav(p, Audio.mono(new float[] {0.5f, -0.25f}, 16000), WavEncoding.PCM_16);
        assertArrayEquals(new float[] {0.5f, -0.25f}, AudioReader.read(p).samples());
    }

    @Test
    void stereoNeedsExplicitDownmix() throws IOException {
        Path p = tmp.resolve("stereo.wav");
        float[][] ch = {{0.5f, 0.25f, -1f}, {0f, 0.75f, -0.5f}};
        AudioWriter.writeWav(p, new Audio(ch, 16000), WavEncoding.PCM_16);
        AudioFormatException e = assertThrows(AudioFormatException.class, () -> AudioReader.readMono(p, false));
        assertEquals(p + ": has 2 channels; pass downmix=true to average them", e.getMessage());
        assertThrows(AudioFormatException.class, () -> AudioReader.load(p, 16000, false));
        assertArrayEquals(new float[] {0.25f, 0.5f, -0.75f}, AudioReader.readMono(p, true).samples());
        Audio loaded = AudioReader.load(p, 16000, true);
        assertEquals(1, loaded.channelCount());
        assertArrayEquals(new float[] {0.25f, 0.5f, -0.75f}, loaded.samples());
        assertThrows(IllegalStateException.class, () -> AudioReader.read(p).samples());
    }

    @Test
    void loadResamplesToTheTargetRate() throws IOException {
        Path p = tmp.resolve("8k.wav");
        float[] x = new float[8000];
        for (int i = 0; i < x.length; i++) x[i] = (float) (0.5 * Math.sin(2 * Math.PI * 440 * i / 8000.0));
        AudioWriter.writeWav(p, Audio.mono(x, 8000), WavEncoding.FLOAT_32);
        Audio a = AudioReader.load(p, 16000, false);
        assertEquals(16000, a.sampleRate());
        assertEquals(16000, a.frameCount());
        Audio same = AudioReader.load(p, 8000, false);
        assertArrayEquals(x, same.samples());
        Audio mono = Audio.mono(x, 8000);
        assertSame(mono, mono.downmix());
    }
}
