/**
 * The audiobook data pipeline: VAD cutting, CTC transcription with an n-gram LM, matching transcripts
 * to book text, boundary refinement, forced alignment, n-gram collation into shards, and batching.
 * Each stage is a plain class with a small API that the {@code aubert} command calls.
 */
package org.aubert.data;
