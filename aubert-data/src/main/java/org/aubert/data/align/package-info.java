/**
 * The alignment JSON of the pipeline ({@code <book name>.align.json}, see DESIGN.md):
 * {@link org.aubert.data.align.AlignmentFile} (book name, {@code raw}, utterances),
 * {@link org.aubert.data.align.AlignedUtterance} (span in code points of {@code raw}, similarity, optional word
 * timings {@link org.aubert.data.align.AlignedWord}, unknown fields kept), read and written by
 * {@link org.aubert.data.align.AlignmentJson} (errors name the file and key; writes are atomic).
 */
package org.aubert.data.align;
