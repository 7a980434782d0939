package org.aubert.core.checkpoint;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

/** Test helpers: locate the committed fixtures and write (possibly damaged) torch-style zips. */
final class CheckpointZips {
    private CheckpointZips() {}

    static Path resource(String relative) {
        try {
            var url = CheckpointZips.class.getResource("/testdata/torch/" + relative);
            if (url == null) throw new IllegalStateException("missing test resource " + relative);
            return Path.of(url.toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** All records of a zip, in order. */
    static Map<String, byte[]> entries(Path zip) throws IOException {
        Map<String, byte[]> out = new LinkedHashMap<>();
        try (ZipFile z = new ZipFile(zip.toFile())) {
            for (ZipEntry e : Collections.list(z.entries())) {
                try (var in = z.getInputStream(e)) {
                    out.put(e.getName(), in.readAllBytes());
                }
            }
        }
        return out;
    }

    static void write(Path zip, Map<String, byte[]> entries) throws IOException {
        try (OutputStream os = Files.newOutputStream(zip); ZipOutputStream out = new ZipOutputStream(os)) {
            for (Map.Entry<String, byte[]> e : entries.entrySet()) {
                out.putNextEntry(new ZipEntry(e.getKey()));
                out.write(e.getValue());
                out.closeEntry();
            }
        }
    }

    /** Copies a fixture, passing each record through {@code edit}; a null result drops the record. */
    static Path rewrite(String fixture, Path dir, Map<String, UnaryOperator<byte[]>> edits) throws IOException {
        Map<String, byte[]> in = entries(resource(fixture));
        if (!in.keySet().containsAll(edits.keySet())) {
            throw new IllegalArgumentException(fixture + " has no record among " + edits.keySet() + "; it has " + in.keySet());
        }
        Map<String, byte[]> out = new LinkedHashMap<>();
        in.forEach((name, data) -> {
            byte[] edited = edits.getOrDefault(name, UnaryOperator.identity()).apply(data);
            if (edited != null) out.put(name, edited);
        });
        Path target = dir.resolve("rewritten.bin");
        write(target, out);
        return target;
    }

    /** A minimal checkpoint: {@code archive/data.pkl}, a byteorder record and the given storages. */
    static Path checkpoint(Path dir, byte[] pickle, Map<String, byte[]> storages) throws IOException {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        entries.put("archive/data.pkl", pickle);
        entries.put("archive/byteorder", "little".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        storages.forEach((key, data) -> entries.put("archive/data/" + key, data));
        Path target = dir.resolve("crafted.bin");
        write(target, entries);
        return target;
    }
}
