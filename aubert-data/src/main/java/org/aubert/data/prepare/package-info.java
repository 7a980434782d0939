/**
 * {@code aubert prepare}: word-aligned utterances to training shards. {@link org.aubert.data.prepare.NgramSelection}
 * chooses per speaker the n-grams with enough occurrences (seeded caps); {@link org.aubert.data.prepare.NgramCollator}
 * cuts their audio and writes the shards.
 */
package org.aubert.data.prepare;
