package org.evshard.pipelines.convert;

import org.evshard.io.events.SensorGeometry;

/**
 * What the first pass of streamed slicing learns about a recording too long to hold: its event count, first and last
 * timestamp (the slicer's totals) and its sensor (from the file, else the dataset, else the events' extent).
 */
record RecordingTotals(long count, long tFirst, long tLast, SensorGeometry geometry) {}
