package org.evshard.io.shard;

/** How many rows of one split carry one label. */
public record LabelCount(String split, int label, String labelName, long rows) {
}
