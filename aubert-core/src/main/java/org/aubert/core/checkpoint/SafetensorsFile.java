package org.aubert.core.checkpoint;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.aubert.core.tensor.DType;
import org.aubert.core.tensor.Tensor;

/**
 * One {@code .safetensors} file, memory-mapped. The header is validated completely on open, so a
 * file that opens is safe to read: every tensor lies inside the data area, no two overlap, and each
 * byte range is exactly shape × dtype size.
 */
public final class SafetensorsFile implements TensorSource {
    /** The reference implementation refuses headers above 100 MB; so do we. */
    static final long MAX_HEADER_BYTES = 100L << 20;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path path;
    private final FileChannel channel;
    private final long dataStart;
    private final Map<String, Entry> entries;
    private final Map<String, String> metadata;

    private record Entry(TensorInfo info, long begin, long end) {}

    private SafetensorsFile(Path path, FileChannel channel, long dataStart, Map<String, Entry> entries,
                            Map<String, String> metadata) {
        this.path = path;
        this.channel = channel;
        this.dataStart = dataStart;
        this.entries = entries;
        this.metadata = metadata;
    }

    public static SafetensorsFile open(Path path) throws IOException {
        FileChannel ch = FileChannel.open(path, StandardOpenOption.READ);
        try {
            long size = ch.size();
            if (size < 8) throw invalid(path, "file is " + size + " bytes, shorter than the 8-byte header length");
            ByteBuffer lenBuf = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
            readFully(ch, lenBuf, 0, path);
            long headerLen = lenBuf.getLong(0);
            if (headerLen < 2 || headerLen > MAX_HEADER_BYTES) {
                throw invalid(path, "header length " + Long.toUnsignedString(headerLen) + " is not plausible");
            }
            if (8 + headerLen > size) {
                throw invalid(path, "header length " + headerLen + " runs past the end of the file (" + size + " bytes)");
            }
            ByteBuffer hb = ByteBuffer.allocate((int) headerLen);
            readFully(ch, hb, 8, path);
            String header = new String(hb.array(), StandardCharsets.UTF_8);
            long dataStart = 8 + headerLen;
            Map<String, String> metadata = new LinkedHashMap<>();
            Map<String, Entry> entries = parseHeader(path, header, size - dataStart, metadata);
            return new SafetensorsFile(path, ch, dataStart, entries, Collections.unmodifiableMap(metadata));
        } catch (IOException | RuntimeException e) {
            ch.close();
            throw e;
        }
    }

    private static Map<String, Entry> parseHeader(Path path, String header, long dataSize,
                                                  Map<String, String> metadata) throws IOException {
        JsonNode root;
        try {
            root = JSON.readTree(header);
        } catch (JsonProcessingException e) {
            throw invalid(path, "header is not valid JSON: " + e.getOriginalMessage());
        }
        if (root == null || !root.isObject()) throw invalid(path, "header is not a JSON object");
        List<Entry> list = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> f = it.next();
            String name = f.getKey();
            JsonNode v = f.getValue();
            if (name.equals("__metadata__")) {
                if (!v.isObject()) throw invalid(path, "__metadata__ is not an object of strings");
                for (Iterator<Map.Entry<String, JsonNode>> m = v.fields(); m.hasNext(); ) {
                    Map.Entry<String, JsonNode> kv = m.next();
                    if (!kv.getValue().isTextual()) {
                        throw invalid(path, "__metadata__ value of '" + kv.getKey() + "' is not a string");
                    }
                    metadata.put(kv.getKey(), kv.getValue().asText());
                }
                continue;
            }
            list.add(parseEntry(path, name, v, dataSize));
        }
        list.sort(Comparator.comparingLong(Entry::begin).thenComparingLong(Entry::end));
        Map<String, Entry> entries = new LinkedHashMap<>();
        Entry prev = null;
        for (Entry e : list) {
            if (prev != null && e.begin() < prev.end()) {
                throw invalid(path, "tensor '" + e.info().name() + "' bytes [" + e.begin() + ", " + e.end()
                        + ") overlap tensor '" + prev.info().name() + "' [" + prev.begin() + ", " + prev.end() + ")");
            }
            entries.put(e.info().name(), e);
            if (e.end() > e.begin()) prev = e;
        }
        return Collections.unmodifiableMap(entries);
    }

    private static Entry parseEntry(Path path, String name, JsonNode v, long dataSize) throws IOException {
        String where = "tensor '" + name + "'";
        if (!v.isObject()) throw invalid(path, where + " is not an object");
        JsonNode dt = v.get("dtype");
        JsonNode sh = v.get("shape");
        JsonNode off = v.get("data_offsets");
        if (dt == null || !dt.isTextual()) throw invalid(path, where + " has no dtype");
        DType dtype = DType.fromSafetensors(dt.asText());
        if (dtype == null) throw invalid(path, where + " has unsupported dtype '" + dt.asText() + "'");
        if (sh == null || !sh.isArray()) throw invalid(path, where + " has no shape array");
        long[] shape = new long[sh.size()];
        for (int i = 0; i < shape.length; i++) {
            JsonNode d = sh.get(i);
            if (!d.canConvertToLong() || !d.isIntegralNumber() || d.asLong() < 0) {
                throw invalid(path, where + " has a bad dimension " + d + " in its shape");
            }
            shape[i] = d.asLong();
        }
        if (off == null || !off.isArray() || off.size() != 2 || !off.get(0).isIntegralNumber()
                || !off.get(1).isIntegralNumber()) {
            throw invalid(path, where + " has no [begin, end] data_offsets");
        }
        long begin = off.get(0).asLong();
        long end = off.get(1).asLong();
        if (begin < 0 || end < begin) throw invalid(path, where + " has bad data_offsets [" + begin + ", " + end + "]");
        if (end > dataSize) {
            throw invalid(path, where + " data_offsets [" + begin + ", " + end + "] run past the data area ("
                    + dataSize + " bytes)");
        }
        long expected;
        try {
            expected = Math.multiplyExact(Tensor.numel(shape), dtype.byteSize());
        } catch (ArithmeticException e) {
            throw invalid(path, where + " shape overflows");
        }
        if (expected != end - begin) {
            throw invalid(path, where + " has " + (end - begin) + " bytes but " + dtype + java.util.Arrays.toString(shape)
                    + " needs " + expected);
        }
        return new Entry(new TensorInfo(name, dtype, shape), begin, end);
    }

    @Override
    public Set<String> names() { return entries.keySet(); }

    @Override
    public TensorInfo info(String name) { return entry(name).info(); }

    @Override
    public Tensor get(String name) throws IOException {
        Entry e = entry(name);
        long len = e.end() - e.begin();
        if (len > Integer.MAX_VALUE) {
            throw new IOException(path + ": tensor '" + name + "' is " + len + " bytes, above the 2 GiB a Java buffer holds");
        }
        ByteBuffer buf = len == 0 ? ByteBuffer.allocate(0)
                : channel.map(FileChannel.MapMode.READ_ONLY, dataStart + e.begin(), len);
        return new Tensor(e.info().dtype(), e.info().shape(), buf.order(ByteOrder.LITTLE_ENDIAN));
    }

    @Override
    public Map<String, String> metadata() { return metadata; }

    @Override
    public String description() { return path.toString(); }

    public Path path() { return path; }

    @Override
    public void close() throws IOException { channel.close(); }

    private Entry entry(String name) {
        Entry e = entries.get(name);
        if (e == null) throw new NoSuchElementException(path + ": no tensor named '" + name + "'");
        return e;
    }

    private static void readFully(FileChannel ch, ByteBuffer buf, long pos, Path path) throws IOException {
        while (buf.hasRemaining()) {
            int n = ch.read(buf, pos + buf.position());
            if (n < 0) throw invalid(path, "unexpected end of file");
        }
        buf.flip();
    }

    static InvalidCheckpointException invalid(Path path, String what) {
        return new InvalidCheckpointException(path + ": " + what);
    }
}
