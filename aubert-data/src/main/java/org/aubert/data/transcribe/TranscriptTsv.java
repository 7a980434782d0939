package org.aubert.data.transcribe;

import java.io.BufferedWriter;
import java.io.Closeable;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.aubert.core.io.AtomicFiles;

/**
 * The transcription TSV, {@code <audio path>\t<transcript>} per line, written by appending one flushed line
 * per finished file so that a crash loses at most the line in flight. {@link #recover} reads what a previous
 * run wrote and drops a torn last line (one without its newline).
 */
public final class TranscriptTsv implements Closeable {
    private static final Logger log = LoggerFactory.getLogger(TranscriptTsv.class);

    private final BufferedWriter out;

    private TranscriptTsv(BufferedWriter out) { this.out = out; }

    /**
     * The transcripts already in {@code file} (path to text), after removing a torn last line from the file
     * (rewritten atomically). An absent file gives an empty map.
     */
    public static Map<String, String> recover(Path file) throws IOException {
        Map<String, String> done = new LinkedHashMap<>();
        if (!Files.exists(file)) return done;
        byte[] bytes = Files.readAllBytes(file);
        int end = bytes.length;
        if (end > 0 && bytes[end - 1] != '\n') {
            int lastNewline = end - 1;
            while (lastNewline >= 0 && bytes[lastNewline] != '\n') lastNewline--;
            int keep = lastNewline + 1;
            log.warn("{}: dropping a torn last line ({} bytes without a newline) left by an interrupted run", file, end - keep);
            byte[] kept = java.util.Arrays.copyOf(bytes, keep);
            AtomicFiles.write(file, o -> o.write(kept));
            end = keep;
        }
        String text = new String(bytes, 0, end, StandardCharsets.UTF_8);
        int lineNo = 0;
        for (String line : text.split("\n", -1)) {
            lineNo++;
            if (line.isEmpty()) continue;
            int tab = line.indexOf('\t');
            if (tab < 0) {
                log.warn("{}:{}: no tab in line, ignored", file, lineNo);
                continue;
            }
            done.put(line.substring(0, tab), line.substring(tab + 1));
        }
        return done;
    }

    /** Opens {@code file} for appending (created when absent). */
    public static TranscriptTsv append(Path file) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        if (dir != null) Files.createDirectories(dir);
        return new TranscriptTsv(Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND));
    }

    /** Appends one line and flushes it. Tabs and newlines in either field become spaces. */
    public synchronized void write(String path, String transcript) throws IOException {
        out.write(clean(path) + '\t' + clean(transcript) + '\n');
        out.flush();
    }

    private static String clean(String s) { return s.replace('\t', ' ').replace('\n', ' ').replace('\r', ' '); }

    @Override
    public synchronized void close() throws IOException { out.close(); }
}
