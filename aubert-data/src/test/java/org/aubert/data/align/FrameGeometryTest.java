package org.aubert.data.align;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;

import org.aubert.core.config.Wav2Vec2Config;
import org.junit.jupiter.api.Test;

class FrameGeometryTest {

    static java.nio.file.Path oracleModel(String name) throws Exception {
        return java.nio.file.Path.of(FrameGeometryTest.class.getResource("/testdata/oracles/models/" + name).toURI());
    }

    @Test
    void standardStackIsTwentyMillisecondFramesWithA25MillisecondField() throws Exception {
        Wav2Vec2Config config = Wav2Vec2Config.load(oracleModel("wav2vec2_base_ctc_tiny"));
        FrameGeometry g = FrameGeometry.of(config, 16000);
        assertEquals(320, g.strideSamples());
        assertEquals(config.totalStride(), g.strideSamples());
        assertEquals(400, g.receptiveField());
        assertEquals(20.0, g.frameMs(), 0);
        // The oracle fixtures: 1.0 s -> 49 frames, 0.75 s -> 37 frames.
        assertEquals(49, g.frames(16000));
        assertEquals(37, g.frames(12000));
        assertEquals(0, g.frames(399));
        assertEquals(1, g.frames(400));
        Random r = new Random(3);
        for (int i = 0; i < 2000; i++) {
            int n = r.nextInt(2_000_000);
            assertEquals(config.framesForSamples(n), g.frames(n), "n=" + n);
            if (n >= 400) assertEquals((n - 400) / 320 + 1, g.frames(n), "n=" + n);
        }
        // Frame t stands for [20t + 2.5, 20t + 22.5) ms, rounded half up.
        assertEquals(2.5, g.frameStartMs(0), 1e-12);
        assertEquals(22.5, g.frameStartMs(1), 1e-12);
        assertEquals(3, g.boundaryMs(0));
        assertEquals(23, g.boundaryMs(1));
        assertEquals(1003, g.boundaryMs(50));
        // The last frame of any input ends inside the audio.
        for (int n = 400; n < 20000; n += 37) assertEquals(true, g.frameStartMs(g.frames(n)) <= n / 16.0, "n=" + n);
    }

    @Test
    void otherStacksAndRates() {
        FrameGeometry g = new FrameGeometry(new int[] {4, 3}, new int[] {2, 2}, 8000);
        assertEquals(4, g.strideSamples());
        assertEquals(8, g.receptiveField());
        assertEquals(0.5, g.frameMs(), 1e-12);
        assertEquals(0.25, g.frameStartMs(0), 1e-12);
    }
}
