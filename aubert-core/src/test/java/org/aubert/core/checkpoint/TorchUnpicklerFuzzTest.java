package org.aubert.core.checkpoint;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.util.Arrays;
import java.util.Random;

import org.junit.jupiter.api.Test;

/**
 * Damaged copies of a real data.pkl must only ever load or fail with an IOException: no
 * NullPointer-, ClassCast- or IndexOutOfBoundsException may escape the unpickler itself.
 */
class TorchUnpicklerFuzzTest {

    @Test
    void mutatedPicklesFailOnlyWithIOException() throws IOException {
        byte[] original = CheckpointZips.entries(CheckpointZips.resource("synthetic/pytorch_model.bin"))
                .get("pytorch_model/data.pkl");
        Random random = new Random(20240611L);
        int refused = 0;
        for (int round = 0; round < 5000; round++) {
            byte[] p = mutate(original, random);
            try {
                new RestrictedUnpickler(p, "fuzz.pkl", pid -> StorageRef.fromPersistentId(pid, "fuzz.pkl")).load();
            } catch (IOException e) {
                refused++;
                assertTrue(e.getMessage().startsWith("fuzz.pkl: "), e.getMessage());
            } catch (RuntimeException | StackOverflowError e) {
                fail("round " + round + ": " + e + " escaped for input " + Arrays.toString(p), e);
            }
        }
        assertTrue(refused > 2500, "most mutations should be refused, got " + refused);
    }

    private static byte[] mutate(byte[] original, Random random) {
        byte[] p = original.clone();
        switch (random.nextInt(4)) {
            case 0 -> { // flip a few bytes
                for (int i = 0, n = 1 + random.nextInt(4); i < n; i++) p[random.nextInt(p.length)] = (byte) random.nextInt(256);
            }
            case 1 -> p = Arrays.copyOf(p, random.nextInt(p.length)); // truncate
            case 2 -> { // drop a slice
                int from = random.nextInt(p.length);
                int to = Math.min(p.length, from + 1 + random.nextInt(16));
                byte[] q = new byte[p.length - (to - from)];
                System.arraycopy(p, 0, q, 0, from);
                System.arraycopy(p, to, q, from, p.length - to);
                p = q;
            }
            default -> { // duplicate a slice (repeats opcodes in a new context)
                int from = random.nextInt(p.length);
                int len = Math.min(p.length - from, 1 + random.nextInt(32));
                byte[] q = new byte[p.length + len];
                System.arraycopy(p, 0, q, 0, from + len);
                System.arraycopy(p, from, q, from + len, p.length - from);
                p = q;
            }
        }
        return p;
    }
}
