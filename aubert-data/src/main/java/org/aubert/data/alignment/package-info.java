/**
 * The per-book alignment JSON shared by the text-side stages (match, refine, align, prepare): {@link
 * org.aubert.data.alignment.AlignmentFile} with its {@link org.aubert.data.alignment.Utterance}s and their
 * {@link org.aubert.data.alignment.WordTiming}s, read with errors that name file, utterance and key, written atomically.
 */
package org.aubert.data.alignment;
