package org.aubert.data.shard;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.CRC32;

/**
 * Random access to the groups of one shard file without reading the rest: the header and the index are read on open,
 * each group on demand (one positional read, checksum verified). Safe to use from several threads.
 */
public final class ShardReader implements AutoCloseable {
    private final Path file;
    private final FileChannel channel;
    private final String speaker;
    private final int sampleRate;
    private final long[] offsets;
    private final int[] sizes;
    private final long indexOffset;

    private ShardReader(Path file) throws IOException {
        this.file = file;
        this.channel = FileChannel.open(file, StandardOpenOption.READ);
        try {
            long size = channel.size();
            ByteBuffer head = read(0, (int) Math.min(size, 8 + 4 + 4 + 4 + 4096));
            byte[] magic = new byte[8];
            if (head.remaining() < 20) throw bad("too short for a shard header (" + size + " bytes)");
            head.get(magic);
            if (!Arrays.equals(magic, ShardFormat.MAGIC)) throw bad("not a shard file (wrong magic)");
            int version = head.getInt();
            if (version != ShardFormat.VERSION) throw bad("shard format version " + version + ", this library reads " + ShardFormat.VERSION);
            sampleRate = head.getInt();
            int n = head.getInt();
            if (n < 0 || n > head.remaining()) throw bad("corrupt header (speaker name length " + n + ")");
            byte[] name = new byte[n];
            head.get(name);
            speaker = new String(name, java.nio.charset.StandardCharsets.UTF_8);
            if (size < ShardFormat.FOOTER_BYTES + 20) throw bad("truncated: no index");
            ByteBuffer foot = read(size - ShardFormat.FOOTER_BYTES, ShardFormat.FOOTER_BYTES);
            indexOffset = foot.getLong();
            byte[] imagic = new byte[8];
            foot.get(imagic);
            if (!Arrays.equals(imagic, ShardFormat.INDEX_MAGIC) || indexOffset < 0 || indexOffset + 4 > size - ShardFormat.FOOTER_BYTES) {
                throw bad("truncated or corrupt: index footer missing");
            }
            int count = read(indexOffset, 4).getInt();
            if (count < 0 || indexOffset + 4 + 12L * count != size - ShardFormat.FOOTER_BYTES) throw bad("corrupt index (" + count + " groups)");
            ByteBuffer idx = read(indexOffset + 4, 12 * count);
            offsets = new long[count];
            sizes = new int[count];
            for (int i = 0; i < count; i++) {
                offsets[i] = idx.getLong();
                sizes[i] = idx.getInt();
            }
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    public static ShardReader open(Path file) throws IOException {
        return new ShardReader(file);
    }

    public Path file() { return file; }

    public String speaker() { return speaker; }

    public int sampleRate() { return sampleRate; }

    /** Number of groups. */
    public int size() { return offsets.length; }

    /** Instances in group {@code i}, from the index (no read). */
    public int groupSize(int i) { return sizes[i]; }

    /** Reads group {@code i}. */
    public ShardGroup group(int i) throws IOException {
        if (i < 0 || i >= offsets.length) throw new IndexOutOfBoundsException("group " + i + " of " + offsets.length + " in " + file);
        long end = i + 1 < offsets.length ? offsets[i + 1] : indexOffset;
        ByteBuffer head = read(offsets[i], 8);
        int length = head.getInt();
        int crc = head.getInt();
        if (length < 0 || offsets[i] + 8 + length != end) throw bad("group " + i + ": corrupt length " + length);
        byte[] payload = new byte[length];
        read(offsets[i] + 8, length).get(payload);
        CRC32 c = new CRC32();
        c.update(payload);
        if ((int) c.getValue() != crc) throw bad("group " + i + ": checksum mismatch (file damaged)");
        ShardGroup g;
        try {
            g = decode(payload);
        } catch (IOException | RuntimeException e) {
            throw bad("group " + i + ": " + e.getMessage());
        }
        if (g.size() != sizes[i]) throw bad("group " + i + " holds " + g.size() + " instances, the index says " + sizes[i]);
        return g;
    }

    /** Reads every group (for small shards and tests; loaders read groups one at a time). */
    public List<ShardGroup> readAll() throws IOException {
        List<ShardGroup> all = new ArrayList<>(size());
        for (int i = 0; i < size(); i++) all.add(group(i));
        return all;
    }

    private ShardGroup decode(byte[] payload) throws IOException {
        DataInputStream in = new DataInputStream(new ByteArrayInputStream(payload));
        String ngram = ShardFormat.readString(in);
        int n = in.readInt();
        if (n < 0 || n > payload.length) throw new IOException("bad instance count " + n);
        List<ShardInstance> xs = new ArrayList<>(n);
        for (int k = 0; k < n; k++) {
            String context = ShardFormat.readString(in);
            int cs = in.readInt();
            int ce = in.readInt();
            String source = ShardFormat.readString(in);
            long a0 = in.readLong();
            long a1 = in.readLong();
            int len = in.readInt();
            if (len < 0 || 2L * len > in.available()) throw new IOException("bad sample count " + len);
            byte[] pcm = new byte[2 * len];
            in.readFully(pcm);
            short[] s = new short[len];
            for (int i = 0; i < len; i++) s[i] = (short) ((pcm[2 * i] & 0xff) | (pcm[2 * i + 1] << 8));
            xs.add(new ShardInstance(context, cs, ce, source, a0, a1, s));
        }
        if (in.available() != 0) throw new IOException(in.available() + " trailing bytes");
        return new ShardGroup(speaker, ngram, xs);
    }

    private ByteBuffer read(long pos, int n) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(n);
        while (b.hasRemaining()) {
            int r = channel.read(b, pos + b.position());
            if (r < 0) throw bad("truncated at byte " + (pos + b.position()));
        }
        return b.flip();
    }

    private ShardFormatException bad(String what) {
        return new ShardFormatException(file + ": " + what);
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
