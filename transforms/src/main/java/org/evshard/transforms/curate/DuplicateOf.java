package org.evshard.transforms.curate;

/**
 * One removed sample and the kept representative it duplicates: the report line of exact (sha256) and near (pHash)
 * deduplication.
 */
public record DuplicateOf(String removedId, String keptId) {}
