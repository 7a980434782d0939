package org.aubert.core;

import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Path;

/** Locates the shared fixtures that the build copies onto the test classpath under {@code testdata/}. */
public final class TestData {
    private TestData() {}

    public static Path path(String relative) {
        URL u = TestData.class.getResource("/testdata/" + relative);
        if (u == null) throw new IllegalStateException("test fixture missing from the classpath: testdata/" + relative);
        try {
            return Path.of(u.toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    public static Path oracleModel(String name) { return path("oracles/models/" + name); }
}
