/**
 * Placing recordings in their book by their audio ({@code aubert locate}): the transcripts propose places, the CTC
 * model's log-probabilities pick the one the audio reads and give each cut piece its span.
 */
package org.aubert.data.locate;
