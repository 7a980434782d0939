package org.aubert.nn.aubert;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.nd4j.linalg.factory.Environment;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Runs a test class with one native (libnd4j) thread and restores the previous counts afterwards. The tiny graphs gain
 * nothing from threads, and on a busy 2-core machine OpenMP workers competing with other processes made a forward
 * pass of the tiny AuBERT up to 20 times slower (1.3 s instead of 60 ms, measured).
 */
public final class SingleNativeThread implements BeforeAllCallback, AfterAllCallback {
    private int threads;
    private int masterThreads;

    @Override
    public void beforeAll(ExtensionContext context) {
        Environment env = Nd4j.getEnvironment();
        threads = env.maxThreads();
        masterThreads = env.maxMasterThreads();
        env.setMaxThreads(1);
        env.setMaxMasterThreads(1);
    }

    @Override
    public void afterAll(ExtensionContext context) {
        Environment env = Nd4j.getEnvironment();
        env.setMaxThreads(threads);
        env.setMaxMasterThreads(masterThreads);
    }
}
