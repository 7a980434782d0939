package org.aubert.data.shard;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ShardFilesTest {
    @TempDir Path dir;

    static List<ShardGroup> groups(String speaker, int count, long seed) {
        Random r = new Random(seed);
        List<ShardGroup> gs = new ArrayList<>();
        for (int g = 0; g < count; g++) {
            List<ShardInstance> xs = new ArrayList<>();
            for (int k = 0; k < 4 + r.nextInt(3); k++) {
                short[] s = new short[1 + r.nextInt(3000)];
                for (int i = 0; i < s.length; i++) s[i] = (short) (r.nextInt(65536) - 32768);
                String ctx = "before ünïcödé 𝄞 word" + g + " after " + k;
                int cs = ctx.indexOf("word");
                xs.add(new ShardInstance(ctx, cs, cs + 4 + String.valueOf(g).length(), "spk/book/f" + k + ".flac", 10L * k, 10L * k + 250, s));
            }
            gs.add(new ShardGroup(speaker, "word" + g, xs));
        }
        return gs;
    }

    static void assertSame(ShardGroup a, ShardGroup b) {
        assertEquals(a.speaker(), b.speaker());
        assertEquals(a.ngram(), b.ngram());
        assertEquals(a.size(), b.size());
        for (int i = 0; i < a.size(); i++) {
            ShardInstance x = a.instances().get(i);
            ShardInstance y = b.instances().get(i);
            assertEquals(x.context(), y.context());
            assertEquals(x.charStart(), y.charStart());
            assertEquals(x.charEnd(), y.charEnd());
            assertEquals(x.source(), y.source());
            assertEquals(x.audioStartMs(), y.audioStartMs());
            assertEquals(x.audioEndMs(), y.audioEndMs());
            assertArrayEquals(x.samples(), y.samples());
        }
    }

    private Path write(String name, List<ShardGroup> gs) throws IOException {
        Path f = dir.resolve(name);
        try (ShardWriter w = ShardWriter.create(f, "spk 1", 16000)) {
            for (ShardGroup g : gs) w.add(g);
            w.commit();
        }
        return f;
    }

    @Test
    void groupsRoundTripWithRandomAccess() throws IOException {
        List<ShardGroup> gs = groups("spk 1", 9, 1);
        Path f = write("a.shard", gs);
        try (ShardReader r = ShardReader.open(f)) {
            assertEquals("spk 1", r.speaker());
            assertEquals(16000, r.sampleRate());
            assertEquals(9, r.size());
            assertSame(gs.get(7), r.group(7));
            assertSame(gs.get(0), r.group(0));
            List<ShardGroup> all = r.readAll();
            for (int i = 0; i < gs.size(); i++) assertSame(gs.get(i), all.get(i));
        }
        Path empty = write("empty.shard", List.of());
        try (ShardReader r = ShardReader.open(empty)) {
            assertEquals(0, r.size());
        }
    }

    @Test
    void uncommittedShardLeavesNothing() throws IOException {
        Path f = dir.resolve("b.shard");
        try (ShardWriter w = ShardWriter.create(f, "spk 1", 16000)) {
            w.add(groups("spk 1", 1, 2).get(0));
        }
        assertFalse(Files.exists(f));
        try (var s = Files.list(dir)) {
            assertEquals(0, s.count(), "no temporary file left behind");
        }
        try (ShardWriter w = ShardWriter.create(f, "spk 1", 16000)) {
            assertThrows(IllegalArgumentException.class, () -> w.add(groups("other", 1, 2).get(0)));
        }
    }

    @Test
    void damagedFilesAreRefusedByName() throws IOException {
        Path f = write("c.shard", groups("spk 1", 3, 3));
        byte[] bytes = Files.readAllBytes(f);
        byte[] flipped = bytes.clone();
        flipped[200] ^= 0x40;
        Path bad = dir.resolve("flipped.shard");
        Files.write(bad, flipped);
        try (ShardReader r = ShardReader.open(bad)) {
            IOException e = assertThrows(ShardFormatException.class, () -> r.group(0));
            assertTrue(e.getMessage().contains("flipped.shard") && e.getMessage().contains("checksum"), e.getMessage());
        }
        Path cut = dir.resolve("cut.shard");
        Files.write(cut, java.util.Arrays.copyOf(bytes, bytes.length - 5));
        IOException e = assertThrows(ShardFormatException.class, () -> ShardReader.open(cut));
        assertTrue(e.getMessage().contains("cut.shard") && e.getMessage().contains("truncated"), e.getMessage());
        Path other = dir.resolve("other.shard");
        Files.writeString(other, "not a shard at all, just some text");
        e = assertThrows(ShardFormatException.class, () -> ShardReader.open(other));
        assertTrue(e.getMessage().contains("wrong magic"), e.getMessage());
    }
}
