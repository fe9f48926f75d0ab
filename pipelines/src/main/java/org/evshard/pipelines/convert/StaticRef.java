package org.evshard.pipelines.convert;

import java.io.Serializable;

/**
 * The static partner planned for one event sample: the image's path relative to the static corpus root and its class.
 *
 * @param source relative path with '/' separators, or null when the sample's class has no static image
 * @param labelName the static class (after the label map)
 */
public record StaticRef(String source, String labelName) implements Serializable {}
