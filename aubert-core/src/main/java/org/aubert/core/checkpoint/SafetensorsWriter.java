package org.aubert.core.checkpoint;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.aubert.core.io.AtomicFiles;
import org.aubert.core.tensor.Tensor;

/**
 * Writes a {@code .safetensors} file atomically. Like the reference implementation, tensors are laid
 * out by descending element size, then by name, and the header is padded with spaces to 8 bytes so
 * every tensor starts aligned.
 */
public final class SafetensorsWriter {
    private static final ObjectMapper JSON = new ObjectMapper();

    private SafetensorsWriter() {}

    public static void write(Path file, Map<String, Tensor> tensors) throws IOException {
        write(file, tensors, Map.of());
    }

    public static void write(Path file, Map<String, Tensor> tensors, Map<String, String> metadata) throws IOException {
        List<Map.Entry<String, Tensor>> order = new ArrayList<>(tensors.entrySet());
        for (Map.Entry<String, Tensor> e : order) {
            if (e.getKey().equals("__metadata__")) throw new IllegalArgumentException("'__metadata__' cannot name a tensor");
        }
        order.sort(Comparator.<Map.Entry<String, Tensor>>comparingInt(e -> -e.getValue().dtype().byteSize())
                .thenComparing(Map.Entry::getKey));
        ObjectNode header = JSON.createObjectNode();
        if (!metadata.isEmpty()) {
            ObjectNode m = header.putObject("__metadata__");
            metadata.forEach(m::put);
        }
        long offset = 0;
        for (Map.Entry<String, Tensor> e : order) {
            Tensor t = e.getValue();
            long len = t.numel() * t.dtype().byteSize();
            ObjectNode n = header.putObject(e.getKey());
            n.put("dtype", t.dtype().safetensorsName());
            ArrayNode shape = n.putArray("shape");
            for (long d : t.shape()) shape.add(d);
            n.putArray("data_offsets").add(offset).add(offset + len);
            offset += len;
        }
        byte[] json = JSON.writeValueAsBytes(header);
        int padded = (json.length + 7) / 8 * 8;
        byte[] headerBytes = new byte[padded];
        System.arraycopy(json, 0, headerBytes, 0, json.length);
        for (int i = json.length; i < padded; i++) headerBytes[i] = ' ';
        AtomicFiles.write(file, out -> {
            out.write(ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(padded).array());
            out.write(headerBytes);
            for (Map.Entry<String, Tensor> e : order) copy(e.getValue().data(), out);
        });
    }

    private static void copy(ByteBuffer data, OutputStream out) throws IOException {
        byte[] chunk = new byte[1 << 16];
        while (data.hasRemaining()) {
            int n = Math.min(chunk.length, data.remaining());
            data.get(chunk, 0, n);
            out.write(chunk, 0, n);
        }
    }

}
