/**
 * Training batches from shards: {@link org.aubert.data.batch.BatchLoader}, the model's
 * {@link org.aubert.nn.aubert.BatchSource} over shard files, with background prefetch, padding and masks, audio
 * cropping and seeded shuffling.
 */
package org.aubert.data.batch;
