/**
 * Training shards: the groups of n-gram occurrences of one speaker chunk in one file that a loader streams group by
 * group ({@link org.aubert.data.shard.ShardWriter}, {@link org.aubert.data.shard.ShardReader}).
 *
 * <h2>File layout (version 1, big-endian integers, strings as a 32-bit byte length then UTF-8)</h2>
 * <pre>
 * header  = "AUBSHARD" | u32 version (1) | u32 sample_rate | string speaker
 * group*  = u32 payload_length | u32 crc32(payload) | payload
 * payload = string ngram | u32 count | instance*count
 * instance= string context | u32 char_start | u32 char_end | string source | i64 audio_start_ms | i64 audio_end_ms
 *           | u32 samples | samples * i16 (little-endian PCM)
 * index   = u32 groups | (i64 group_offset | u32 group_count)*groups
 * footer  = i64 index_offset | "AUBINDEX"
 * </pre>
 * The n-gram's span {@code [char_start, char_end)} indexes the context in UTF-16 units (Java strings); audio is mono
 * PCM at {@code sample_rate}, cut from {@code source} between the two times. The index at the end lets a reader open a
 * shard, count its groups and their instances and read any one of them with a single positional read; the checksum catches damaged files.
 */
package org.aubert.data.shard;
