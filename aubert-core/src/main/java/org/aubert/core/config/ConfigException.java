package org.aubert.core.config;

/** A model configuration we cannot honour; the message names the file and the key. */
public class ConfigException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    public ConfigException(String message) { super(message); }
}
