package org.aubert.core.tensor;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.aubert.core.io.AtomicFiles;

/**
 * NumPy {@code .npy} files, format versions 1.0–3.0, either byte order, C or Fortran order on read.
 * Writes version 1.0, little-endian, C order.
 */
public final class Npy {
    private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
    private static final Pattern DESCR = Pattern.compile("'descr'\\s*:\\s*'([<>|=])([a-zA-Z?][0-9]*)'");
    private static final Pattern FORTRAN = Pattern.compile("'fortran_order'\\s*:\\s*(True|False)");
    private static final Pattern SHAPE = Pattern.compile("'shape'\\s*:\\s*\\(([^)]*)\\)");

    private Npy() {}

    public static Tensor read(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return read(in, file.toString());
        }
    }

    /** Reads one array from a stream; {@code source} names it in error messages. */
    public static Tensor read(InputStream in, String source) throws IOException {
        byte[] pre = in.readNBytes(8);
        if (pre.length < 8) throw new IOException(source + ": not a .npy file (shorter than its preamble)");
        for (int i = 0; i < MAGIC.length; i++) {
            if (pre[i] != MAGIC[i]) throw new IOException(source + ": not a .npy file (bad magic)");
        }
        int major = pre[6];
        long headerLen;
        if (major == 1) {
            byte[] l = in.readNBytes(2);
            if (l.length < 2) throw new IOException(source + ": truncated .npy header length");
            headerLen = (l[0] & 0xff) | ((l[1] & 0xff) << 8);
        } else if (major == 2 || major == 3) {
            byte[] l = in.readNBytes(4);
            if (l.length < 4) throw new IOException(source + ": truncated .npy header length");
            headerLen = ByteBuffer.wrap(l).order(ByteOrder.LITTLE_ENDIAN).getInt() & 0xffffffffL;
        } else {
            throw new IOException(source + ": unsupported .npy format version " + major);
        }
        if (headerLen > 1 << 20) throw new IOException(source + ": .npy header of " + headerLen + " bytes is implausible");
        byte[] hb = in.readNBytes((int) headerLen);
        if (hb.length < headerLen) throw new IOException(source + ": truncated .npy header");
        String header = new String(hb, major == 3 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);

        Matcher d = DESCR.matcher(header);
        if (!d.find()) throw new IOException(source + ": .npy header has no simple 'descr': " + header.trim());
        boolean bigEndian = d.group(1).equals(">");
        DType dtype = DType.fromNpyCode(d.group(2));
        if (dtype == null) throw new IOException(source + ": unsupported .npy dtype '" + d.group(1) + d.group(2) + "'");
        Matcher f = FORTRAN.matcher(header);
        boolean fortran = f.find() && f.group(1).equals("True");
        Matcher s = SHAPE.matcher(header);
        if (!s.find()) throw new IOException(source + ": .npy header has no 'shape'");
        List<Long> dims = new ArrayList<>();
        for (String part : s.group(1).split(",")) {
            String p = part.trim();
            if (p.isEmpty()) continue;
            try {
                dims.add(Long.parseLong(p.endsWith("L") ? p.substring(0, p.length() - 1) : p));
            } catch (NumberFormatException e) {
                throw new IOException(source + ": bad .npy shape '(" + s.group(1) + ")'");
            }
        }
        long[] shape = dims.stream().mapToLong(Long::longValue).toArray();
        long bytes = Tensor.numel(shape) * dtype.byteSize();
        if (bytes > Integer.MAX_VALUE - 8) throw new IOException(source + ": .npy array of " + bytes + " bytes is too large");
        byte[] raw = in.readNBytes((int) bytes);
        if (raw.length < bytes) {
            throw new IOException(source + ": truncated .npy data: expected " + bytes + " bytes, found " + raw.length);
        }
        if (bigEndian && dtype.byteSize() > 1) swapBytes(raw, dtype.byteSize());
        if (fortran && shape.length > 1) raw = fortranToC(raw, shape, dtype.byteSize());
        return new Tensor(dtype, shape, ByteBuffer.wrap(raw));
    }

    public static void write(Path file, Tensor t) throws IOException {
        AtomicFiles.write(file, out -> write(out, t));
    }

    public static void write(OutputStream out, Tensor t) throws IOException {
        if (t.dtype().npyCode() == null) {
            throw new IOException("numpy has no " + t.dtype() + " type; convert the tensor before writing .npy");
        }
        StringBuilder shape = new StringBuilder("(");
        long[] dims = t.shape();
        for (int i = 0; i < dims.length; i++) {
            if (i > 0) shape.append(", ");
            shape.append(dims[i]);
        }
        if (dims.length == 1) shape.append(',');
        shape.append(')');
        String order = t.dtype().byteSize() == 1 ? "|" : "<";
        String dict = "{'descr': '" + order + t.dtype().npyCode() + "', 'fortran_order': False, 'shape': "
                + shape + ", }";
        int total = MAGIC.length + 2 + 2 + dict.length() + 1;
        int pad = (64 - total % 64) % 64;
        String header = dict + " ".repeat(pad) + "\n";
        out.write(MAGIC);
        out.write(1);
        out.write(0);
        out.write(header.length() & 0xff);
        out.write((header.length() >> 8) & 0xff);
        out.write(header.getBytes(StandardCharsets.ISO_8859_1));
        ByteBuffer data = t.data();
        byte[] chunk = new byte[1 << 16];
        while (data.hasRemaining()) {
            int n = Math.min(chunk.length, data.remaining());
            data.get(chunk, 0, n);
            out.write(chunk, 0, n);
        }
    }

    private static void swapBytes(byte[] raw, int size) {
        for (int i = 0; i < raw.length; i += size) {
            for (int a = i, b = i + size - 1; a < b; a++, b--) {
                byte tmp = raw[a];
                raw[a] = raw[b];
                raw[b] = tmp;
            }
        }
    }

    private static byte[] fortranToC(byte[] raw, long[] shape, int size) {
        int rank = shape.length;
        int n = Math.toIntExact(Tensor.numel(shape));
        byte[] out = new byte[raw.length];
        int[] idx = new int[rank];
        for (int c = 0; c < n; c++) {
            // idx is the C-order multi-index of element c; its Fortran offset has dimension 0 fastest.
            long fo = 0, stride = 1;
            for (int k = 0; k < rank; k++) {
                fo += idx[k] * stride;
                stride *= shape[k];
            }
            System.arraycopy(raw, (int) fo * size, out, c * size, size);
            for (int k = rank - 1; k >= 0; k--) {
                if (++idx[k] < shape[k]) break;
                idx[k] = 0;
            }
        }
        return out;
    }
}
