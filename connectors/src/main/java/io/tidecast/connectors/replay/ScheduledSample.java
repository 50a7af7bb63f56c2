package io.tidecast.connectors.replay;

import io.tidecast.records.Sample;

/**
 * A sample with its time since the first sample of its key: all keys start together at replay start, so this is
 * the event-time offset that decides when (and in which order) it is sent.
 */
public record ScheduledSample(long relativeMs, Sample sample) {}
