package io.tidecast.connectors.json;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * One reusable generator and byte buffer, so that encoding a record allocates only the resulting byte[].
 * Not thread-safe: a codec instance (and so its output) belongs to one thread.
 */
final class JsonOutput {
    private final ByteArrayBuilder buffer = new ByteArrayBuilder(512);
    private JsonGenerator generator;

    /** Returns the generator positioned before a new root value, with an empty buffer. */
    JsonGenerator begin() {
        buffer.reset();
        if (generator == null) {
            try {
                generator = Json.FACTORY.createGenerator(buffer, JsonEncoding.UTF8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return generator;
    }

    /** Flushes the value written since {@link #begin()} and returns its bytes. */
    byte[] finish() {
        try {
            generator.flush();
        } catch (IOException e) {
            throw failed(e);
        }
        return buffer.toByteArray();
    }

    /**
     * Discards a generator left mid-object by a failed write, so that the next record starts clean, and returns
     * the exception to throw.
     */
    RuntimeException failed(Exception e) {
        generator = null;
        return e instanceof RuntimeException ? (RuntimeException) e : new UncheckedIOException("JSON encoding failed",
                e instanceof IOException ? (IOException) e : new IOException(e));
    }

    /** Writes a double, or null when it is NaN or infinite: JSON has no token for them. */
    static void writeFinite(JsonGenerator g, double v) throws IOException {
        if (Double.isFinite(v)) {
            g.writeNumber(v);
        } else {
            g.writeNull();
        }
    }

    static void writeFiniteArray(JsonGenerator g, String field, double[] values) throws IOException {
        g.writeFieldName(field);
        if (values == null) {
            g.writeNull();
            return;
        }
        g.writeStartArray(values, values.length);
        for (double v : values) {
            writeFinite(g, v);
        }
        g.writeEndArray();
    }
}
