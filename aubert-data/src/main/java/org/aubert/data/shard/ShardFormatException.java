package org.aubert.data.shard;

import java.io.IOException;

/** A shard file that is not in the format (wrong magic or version, truncated, failed checksum); names the file. */
public final class ShardFormatException extends IOException {
    public ShardFormatException(String message) { super(message); }
}
