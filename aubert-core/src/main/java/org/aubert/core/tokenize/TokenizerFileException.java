package org.aubert.core.tokenize;

import java.io.IOException;
import java.nio.file.Path;

/** A tokenizer file (vocab.txt, vocab.json, tokenizer_config.json, ...) that exists but is malformed. */
public final class TokenizerFileException extends IOException {

    private static final long serialVersionUID = 1L;

    private final transient Path file;
    private final int line;

    /** @param line 1-based line the problem is on, or 0 when it concerns the file as a whole */
    public TokenizerFileException(Path file, int line, String problem) {
        this(file, line, problem, null);
    }

    public TokenizerFileException(Path file, int line, String problem, Throwable cause) {
        super(file + (line > 0 ? ":" + line : "") + ": " + problem, cause);
        this.file = file;
        this.line = line;
    }

    public Path file() {
        return file;
    }

    /** 1-based line number, or 0 when the problem is not tied to one line. */
    public int line() {
        return line;
    }
}
