package io.tidecast.connectors.json;

import com.fasterxml.jackson.core.JsonGenerator;
import io.tidecast.records.Forecast;
import io.tidecast.records.MetricsRecord;
import io.tidecast.records.RecordOrigin;
import io.tidecast.records.Reject;
import io.tidecast.records.Sample;
import java.io.IOException;

/**
 * JSON codec of the Kafka edge contracts (DESIGN.md §4): decodes {@code tidecast.samples} records with a
 * specific reject reason for every malformed input, and encodes samples, forecasts, metrics and rejects as
 * UTF-8 JSON. Streaming Jackson only (no databind), one shared factory, and a reused output buffer.
 *
 * <p><b>Not thread-safe</b>: create one instance per thread (e.g. per Flink subtask, in {@code open()}).
 *
 * <p>Sample decoding rules: the record must be one UTF-8 JSON object (a leading UTF-8 BOM is ignored, as RFC
 * 8259 allows); {@code key} a non-blank string; {@code ts} an integer in the long range; {@code values} a
 * non-empty array of finite numbers; optional {@code groups} an array of strings and optional {@code context}
 * an array of finite numbers (JSON null counts as absent for both); known fields may not repeat; unknown
 * fields are ignored. Encoders write non-finite doubles as null.
 */
public final class SampleCodec {
    private final SampleDecoder sampleDecoder = new SampleDecoder();
    private final OutputRecordDecoder outputDecoder = new OutputRecordDecoder();
    private final JsonOutput out = new JsonOutput();

    /**
     * Decodes one {@code tidecast.samples} record.
     *
     * @param origin where the record came from; stored in {@link Sample#origin} (may be null)
     * @throws RejectedRecordException with the specific reason when the record is unusable
     */
    public Sample decode(byte[] value, RecordOrigin origin) {
        return sampleDecoder.decode(value, origin);
    }

    /**
     * The top-level {@code ts} of a sample record without decoding the rest, or {@code Long.MIN_VALUE} when there is
     * none that {@link #decode} could accept: the event time a source assigns before decoding (per-partition
     * watermarks). Agrees with {@link #decode} on every record that decodes.
     */
    public long peekTimestamp(byte[] value) {
        if (value == null || value.length == 0) return Long.MIN_VALUE;
        try (com.fasterxml.jackson.core.JsonParser p = Json.FACTORY.createParser(value)) {
            if (p.nextToken() != com.fasterxml.jackson.core.JsonToken.START_OBJECT) return Long.MIN_VALUE;
            while (p.nextToken() == com.fasterxml.jackson.core.JsonToken.FIELD_NAME) {
                boolean ts = "ts".equals(p.currentName());
                com.fasterxml.jackson.core.JsonToken t = p.nextToken();
                if (ts) {
                    return t == com.fasterxml.jackson.core.JsonToken.VALUE_NUMBER_INT
                            && p.getNumberType() != com.fasterxml.jackson.core.JsonParser.NumberType.BIG_INTEGER ? p.getLongValue() : Long.MIN_VALUE;
                }
                p.skipChildren();
            }
            return Long.MIN_VALUE;
        } catch (IOException | RuntimeException e) {
            return Long.MIN_VALUE;
        }
    }

    public byte[] encode(Sample sample) {
        JsonGenerator g = out.begin();
        try {
            RecordWriters.write(g, sample);
        } catch (IOException | RuntimeException e) {
            throw out.failed(e);
        }
        return out.finish();
    }

    public byte[] encode(Forecast forecast) {
        JsonGenerator g = out.begin();
        try {
            RecordWriters.write(g, forecast);
        } catch (IOException | RuntimeException e) {
            throw out.failed(e);
        }
        return out.finish();
    }

    public byte[] encode(MetricsRecord metrics) {
        JsonGenerator g = out.begin();
        try {
            RecordWriters.write(g, metrics);
        } catch (IOException | RuntimeException e) {
            throw out.failed(e);
        }
        return out.finish();
    }

    public byte[] encode(Reject reject) {
        JsonGenerator g = out.begin();
        try {
            RecordWriters.write(g, reject);
        } catch (IOException | RuntimeException e) {
            throw out.failed(e);
        }
        return out.finish();
    }

    /** Decodes a {@code tidecast.forecasts} record; null values elements read back as NaN. */
    public Forecast decodeForecast(byte[] value) {
        return outputDecoder.forecast(value);
    }

    /** Decodes a {@code tidecast.metrics} record; null statistics read back as NaN, null weight/regret as null. */
    public MetricsRecord decodeMetrics(byte[] value) {
        return outputDecoder.metrics(value);
    }

    /** Decodes a {@code tidecast.rejects} record. */
    public Reject decodeReject(byte[] value) {
        return outputDecoder.reject(value);
    }
}
