package org.aubert.data.shard;

import java.io.ByteArrayOutputStream;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/** Constants and the string encoding shared by {@link ShardWriter} and {@link ShardReader}. */
final class ShardFormat {
    static final byte[] MAGIC = "AUBSHARD".getBytes(StandardCharsets.US_ASCII);
    static final byte[] INDEX_MAGIC = "AUBINDEX".getBytes(StandardCharsets.US_ASCII);
    static final int VERSION = 1;
    /** Footer: index offset (8 bytes) then {@link #INDEX_MAGIC}. */
    static final int FOOTER_BYTES = 16;
    static final int MAX_STRING_BYTES = 1 << 24;

    private ShardFormat() {}

    static void writeString(DataOutput out, String s) throws IOException {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        out.writeInt(b.length);
        out.write(b);
    }

    static String readString(DataInput in) throws IOException {
        int n = in.readInt();
        if (n < 0 || n > MAX_STRING_BYTES) throw new IOException("string length " + n + " out of range");
        byte[] b = new byte[n];
        in.readFully(b);
        return new String(b, StandardCharsets.UTF_8);
    }

    /** Serialises one group's payload (everything but its length and checksum). */
    static byte[] payload(ShardGroup g) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(1 << 16);
        java.io.DataOutputStream out = new java.io.DataOutputStream(bytes);
        writeString(out, g.ngram());
        out.writeInt(g.size());
        for (ShardInstance x : g.instances()) {
            writeString(out, x.context());
            out.writeInt(x.charStart());
            out.writeInt(x.charEnd());
            writeString(out, x.source());
            out.writeLong(x.audioStartMs());
            out.writeLong(x.audioEndMs());
            short[] s = x.samples();
            out.writeInt(s.length);
            byte[] pcm = new byte[s.length * 2];
            for (int i = 0; i < s.length; i++) {
                pcm[2 * i] = (byte) s[i];
                pcm[2 * i + 1] = (byte) (s[i] >> 8);
            }
            out.write(pcm);
        }
        out.flush();
        return bytes.toByteArray();
    }
}
