package org.aubert.data.shard;

import java.io.BufferedOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.zip.CRC32;

import org.aubert.core.io.AtomicFiles;

/**
 * Writes one shard file: the groups of one speaker chunk. The file appears under its name only when {@link #commit()}
 * succeeds (written to a temporary file, synced, renamed); closing without committing deletes the temporary file, so a
 * crash never leaves a half-written shard. See the package documentation for the layout.
 */
public final class ShardWriter implements AutoCloseable {
    private final Path target;
    private final Path tmp;
    private final FileChannel channel;
    private final DataOutputStream out;
    private final String speaker;
    private long[] offsets = new long[64];
    private int[] sizes = new int[64];
    private int groups;
    private long position;
    private boolean done;

    private ShardWriter(Path target, String speaker, int sampleRate) throws IOException {
        this.target = target.toAbsolutePath();
        this.speaker = speaker;
        Files.createDirectories(this.target.getParent());
        this.tmp = Files.createTempFile(this.target.getParent(), "." + this.target.getFileName() + ".", ".tmp");
        this.channel = FileChannel.open(tmp, StandardOpenOption.WRITE);
        this.out = new DataOutputStream(new BufferedOutputStream(java.nio.channels.Channels.newOutputStream(channel), 1 << 16));
        out.write(ShardFormat.MAGIC);
        out.writeInt(ShardFormat.VERSION);
        out.writeInt(sampleRate);
        ShardFormat.writeString(out, speaker);
        position = out.size();
    }

    public static ShardWriter create(Path target, String speaker, int sampleRate) throws IOException {
        return new ShardWriter(target, speaker, sampleRate);
    }

    public int groups() { return groups; }

    public void add(ShardGroup g) throws IOException {
        if (done) throw new IllegalStateException("shard " + target + " is already committed");
        if (!g.speaker().equals(speaker)) {
            throw new IllegalArgumentException("group of speaker " + g.speaker() + " in the shard of speaker " + speaker);
        }
        byte[] payload = ShardFormat.payload(g);
        CRC32 crc = new CRC32();
        crc.update(payload);
        if (groups == offsets.length) {
            offsets = java.util.Arrays.copyOf(offsets, groups * 2);
            sizes = java.util.Arrays.copyOf(sizes, groups * 2);
        }
        sizes[groups] = g.size();
        offsets[groups++] = position;
        out.writeInt(payload.length);
        out.writeInt((int) crc.getValue());
        out.write(payload);
        position += 8L + payload.length;
    }

    /** Writes the index, syncs and renames the file into place. */
    public void commit() throws IOException {
        if (done) return;
        long indexOffset = position;
        out.writeInt(groups);
        for (int i = 0; i < groups; i++) {
            out.writeLong(offsets[i]);
            out.writeInt(sizes[i]);
        }
        out.writeLong(indexOffset);
        out.write(ShardFormat.INDEX_MAGIC);
        out.flush();
        channel.force(true);
        out.close();
        AtomicFiles.moveIntoPlace(tmp, target);
        done = true;
    }

    @Override
    public void close() throws IOException {
        if (done) return;
        done = true;
        try {
            out.close();
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}
