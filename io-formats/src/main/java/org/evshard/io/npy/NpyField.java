package org.evshard.io.npy;

/** One named field of a structured dtype and its byte offset inside a record. */
public record NpyField(String name, NpyElementType type, int offset) {}
