package org.aubert.core.checkpoint;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

import org.aubert.core.tensor.Tensor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads a PyTorch state dict saved by {@code torch.save} (the zip format of torch >= 1.6, e.g.
 * {@code pytorch_model.bin}) without running any of its pickle: see {@link RestrictedUnpickler}.
 *
 * <p>Every tensor comes back as dense little-endian C-order bytes, whatever its strides, offset or
 * storage sharing in the file. A checkpoint whose top level is not a flat dict of tensors is accepted
 * only when it holds one under {@code "state_dict"} or {@code "model"}.
 */
public final class TorchCheckpointReader {
    private static final Logger LOG = LoggerFactory.getLogger(TorchCheckpointReader.class);

    /** State-dict pickles are kilobytes to a few megabytes; a larger one is not a state dict. */
    static final long MAX_PICKLE_BYTES = 256L << 20;

    /** {@code torch.serialization.MAGIC_NUMBER}, the first pickle of a legacy (non-zip) file. */
    private static final BigInteger LEGACY_MAGIC = new BigInteger("1950a86a20f9469cfc6c", 16);

    private static final List<String> WRAPPER_KEYS = List.of("state_dict", "model");

    private TorchCheckpointReader() {}

    /**
     * Reads all tensors, keyed by state-dict name in the file's order (a new, caller-owned LinkedHashMap).
     *
     * @throws UnsafeCheckpointException when the pickle names a global outside the allow-list
     * @throws IOException for legacy, foreign or damaged files; the message names the file and the problem
     */
    public static Map<String, Tensor> read(Path file) throws IOException {
        String source = file.toString();
        checkIsZip(file, source);
        ZipFile zip;
        try {
            zip = new ZipFile(file.toFile());
        } catch (ZipException e) {
            throw new IOException(source + ": not a readable zip archive (truncated or corrupt): " + e.getMessage(), e);
        }
        try (zip) {
            return read(zip, source);
        } catch (RuntimeException | StackOverflowError e) {
            // Last line of defence: every known malformation has its own check and message.
            throw new IOException(source + ": malformed checkpoint (" + e + ")", e);
        }
    }

    private static Map<String, Tensor> read(ZipFile zip, String source) throws IOException {
        String prefix = archivePrefix(zip, source);
        boolean bigEndian = bigEndian(zip, prefix, source);
        byte[] pickle = readEntry(zip, zip.getEntry(prefix + "data.pkl"), MAX_PICKLE_BYTES, source);
        Object root = new RestrictedUnpickler(pickle, source, pid -> StorageRef.fromPersistentId(pid, source)).load();
        Map<String, TensorView> views = stateDict(root, source);

        Map<String, byte[]> storages = new HashMap<>();
        Map<String, StorageRef> declared = new HashMap<>();
        Map<String, Tensor> out = new LinkedHashMap<>();
        for (Map.Entry<String, TensorView> e : views.entrySet()) {
            String what = source + ": tensor '" + e.getKey() + "'";
            TensorView v = e.getValue();
            StorageRef first = declared.putIfAbsent(v.storage().key(), v.storage());
            if (first == null) {
                storages.put(v.storage().key(), readStorage(zip, prefix, v.storage(), what));
            } else if (!first.equals(v.storage())) {
                // torch refuses to save one storage under two element types; only a forged file does this.
                throw new IOException(what + " declares storage '" + v.storage().key() + "' with another type or size"
                        + " than an earlier tensor");
            }
            byte[] bytes = storages.get(v.storage().key());
            out.put(e.getKey(), new Tensor(v.storage().dtype(), v.shape(), StridedCopy.materialize(v, bytes, bigEndian, what)));
        }
        LOG.debug("{}: read {} tensors from {} storages", source, out.size(), storages.size());
        return out;
    }

    /** Gives legacy and foreign files a clear message before the zip reader's generic one. */
    private static void checkIsZip(Path file, String source) throws IOException {
        byte[] head;
        try (InputStream in = Files.newInputStream(file)) {
            head = in.readNBytes(64);
        }
        if (head.length >= 4 && head[0] == 'P' && head[1] == 'K' && head[2] == 3 && head[3] == 4) return;
        Object first;
        try {
            first = new RestrictedUnpickler(head, source, pid -> null).load();
        } catch (IOException e) {
            first = null; // not a pickle, or one longer than the head: either way not a legacy magic number
        }
        if (LEGACY_MAGIC.equals(first)) {
            throw new IOException(source + ": legacy (pre-1.6, non-zip) torch.save format is not supported;"
                    + " re-save it with torch >= 1.6 or convert to safetensors");
        }
        if (head.length > 0 && (head[0] & 0xff) == 0x80) { // pickle PROTO opcode
            throw new IOException(source + ": not a PyTorch checkpoint (a bare pickle, not a torch.save zip archive)");
        }
        throw new IOException(source + ": not a PyTorch checkpoint (neither a torch.save zip archive nor a pickle)");
    }

    /** The folder holding data.pkl; torch names it after the file, so it is found, not assumed. */
    private static String archivePrefix(ZipFile zip, String source) throws IOException {
        List<String> found = new ArrayList<>();
        for (ZipEntry e : Collections.list(zip.entries())) {
            String n = e.getName();
            if (n.endsWith("/data.pkl") && n.indexOf('/') == n.length() - "/data.pkl".length()) found.add(n);
        }
        if (found.isEmpty()) throw new IOException(source + ": zip archive without <archive>/data.pkl; not a torch.save checkpoint");
        if (found.size() > 1) throw new IOException(source + ": zip archive with several data.pkl records " + found);
        String prefix = found.get(0).substring(0, found.get(0).length() - "data.pkl".length());
        if (zip.getEntry(prefix + "constants.pkl") != null) {
            throw new IOException(source + ": a TorchScript archive (torch.jit.save), not a torch.save state dict");
        }
        return prefix;
    }

    private static boolean bigEndian(ZipFile zip, String prefix, String source) throws IOException {
        ZipEntry e = zip.getEntry(prefix + "byteorder");
        if (e == null) return false; // torch < 1.12 wrote none; torch.load assumes little-endian too
        String order = new String(readEntry(zip, e, 16, source), StandardCharsets.US_ASCII);
        return switch (order) {
            case "little" -> false;
            case "big" -> true;
            default -> throw new IOException(source + ": unknown byteorder record '" + order + "'");
        };
    }

    private static byte[] readStorage(ZipFile zip, String prefix, StorageRef s, String what) throws IOException {
        String name = prefix + "data/" + s.key();
        ZipEntry e = zip.getEntry(name);
        if (e == null) throw new IOException(what + ": its storage record '" + name + "' is missing from the archive");
        long expected;
        try {
            expected = Math.multiplyExact(s.numel(), s.dtype().byteSize());
        } catch (ArithmeticException ex) {
            expected = Long.MAX_VALUE;
        }
        if (expected > StridedCopy.MAX_TENSOR_BYTES) {
            throw new IOException(what + ": storage '" + name + "' of " + s.numel() + " elements exceeds 2 GiB (not supported)");
        }
        byte[] bytes = readEntry(zip, e, expected, what);
        if (bytes.length != expected) {
            throw new IOException(what + ": storage record '" + name + "' has " + bytes.length + " bytes, but data.pkl"
                    + " declares " + s.numel() + " " + s.dtype() + " elements (" + expected + " bytes)");
        }
        return bytes;
    }

    /** Reads at most {@code limit} bytes plus one, so an oversized record is detected without reading it all. */
    private static byte[] readEntry(ZipFile zip, ZipEntry e, long limit, String what) throws IOException {
        if (e.getSize() > limit) {
            throw new IOException(what + ": record '" + e.getName() + "' has " + e.getSize() + " bytes, expected at most " + limit);
        }
        try (InputStream in = zip.getInputStream(e)) {
            byte[] b = in.readNBytes((int) Math.min(limit + 1, StridedCopy.MAX_TENSOR_BYTES));
            if (b.length > limit) throw new IOException(what + ": record '" + e.getName() + "' is larger than " + limit + " bytes");
            return b;
        } catch (ZipException ex) {
            throw new IOException(what + ": corrupt zip record '" + e.getName() + "': " + ex.getMessage(), ex);
        }
    }

    /** Picks the flat name → tensor dict out of the unpickled root (see the class comment). */
    private static Map<String, TensorView> stateDict(Object root, String source) throws IOException {
        if (!(root instanceof Map<?, ?> top)) {
            throw new IOException(source + ": checkpoint holds a " + RestrictedUnpickler.typeName(root)
                    + ", not a dict of tensors");
        }
        String problem = flatProblem(top);
        if (problem == null) return flat(top);
        for (String key : WRAPPER_KEYS) {
            if (top.get(key) instanceof Map<?, ?> inner && flatProblem(inner) == null) {
                LOG.info("{}: reading the tensors under '{}' and ignoring {} other top-level entries",
                        source, key, top.size() - 1);
                return flat(inner);
            }
        }
        throw new IOException(source + ": not a flat state dict: " + problem + " (a nested checkpoint is read only"
                + " when it holds a flat dict of tensors under 'state_dict' or 'model')");
    }

    /** Null when {@code m} maps strings to tensors only, else what is wrong with it. */
    private static String flatProblem(Map<?, ?> m) {
        for (Map.Entry<?, ?> e : m.entrySet()) {
            if (!(e.getKey() instanceof String k)) return "a key is a " + RestrictedUnpickler.typeName(e.getKey());
            if (!(e.getValue() instanceof TensorView)) {
                return "entry '" + k + "' is a " + RestrictedUnpickler.typeName(e.getValue()) + ", not a tensor";
            }
        }
        return null;
    }

    private static Map<String, TensorView> flat(Map<?, ?> m) {
        Map<String, TensorView> out = new LinkedHashMap<>();
        m.forEach((k, v) -> out.put((String) k, (TensorView) v));
        return out;
    }
}
