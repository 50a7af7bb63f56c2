package io.tidecast.connectors.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonFactoryBuilder;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.core.json.JsonReadFeature;

/** The one {@link JsonFactory} shared by all codecs: it is thread-safe and expensive enough to build once. */
final class Json {
    /**
     * NaN/Infinity tokens are parsed (not rejected as syntax errors) so that the decoder can give the specific
     * reason "not finite" instead of a generic parse error. Fast double parsing and writing are exact
     * (round-trip safe), only faster.
     */
    static final JsonFactory FACTORY = new JsonFactoryBuilder()
            .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .enable(StreamReadFeature.USE_FAST_DOUBLE_PARSER)
            .enable(StreamWriteFeature.USE_FAST_DOUBLE_WRITER)
            .rootValueSeparator((String) null)
            .build();

    private Json() {}
}
