package org.aubert.data.shard;

import java.util.List;

/** All kept occurrences of one n-gram by one speaker: one contrastive batch (or several, if it is large). */
public record ShardGroup(String speaker, String ngram, List<ShardInstance> instances) {
    public ShardGroup {
        instances = List.copyOf(instances);
    }

    public int size() { return instances.size(); }
}
