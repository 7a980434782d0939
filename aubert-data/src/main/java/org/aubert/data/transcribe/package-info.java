/**
 * The transcription stage: {@link org.aubert.data.transcribe.Transcriber} runs a CTC model
 * ({@link org.aubert.data.transcribe.EncoderCtcModel}) over a libri-light folder
 * ({@link org.aubert.data.transcribe.AudioCorpus}, sharded by speaker) and appends lower-case transcripts to
 * a resumable TSV ({@link org.aubert.data.transcribe.TranscriptTsv}).
 */
package org.aubert.data.transcribe;
