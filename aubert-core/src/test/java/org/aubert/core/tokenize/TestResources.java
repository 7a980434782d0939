package org.aubert.core.tokenize;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;

/** Locates and parses the files under src/test/resources/tokenize. */
final class TestResources {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private TestResources() {}

    static Path path(String relative) {
        URL url = TestResources.class.getResource("/tokenize/" + relative);
        if (url == null) throw new IllegalStateException("missing test resource tokenize/" + relative);
        try {
            return Path.of(url.toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static JsonNode json(String relative) {
        try {
            return MAPPER.readTree(Files.readAllBytes(path(relative)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static int[] ints(JsonNode array) {
        int[] out = new int[array.size()];
        for (int i = 0; i < out.length; i++) out[i] = array.get(i).intValue();
        return out;
    }

    static String[] strings(JsonNode array) {
        String[] out = new String[array.size()];
        for (int i = 0; i < out.length; i++) out[i] = array.get(i).textValue();
        return out;
    }
}
