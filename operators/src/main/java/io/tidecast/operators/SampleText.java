package io.tidecast.operators;

import io.tidecast.records.Sample;

/** The JSON text of a sample, for reject records raised after decoding (the original bytes are gone by then). */
final class SampleText {
    private SampleText() {}

    static String of(Sample s) {
        StringBuilder b = new StringBuilder(32 + 12 * s.values.length).append("{\"key\":\"");
        for (char ch : s.key.toCharArray()) {
            if (ch == '"' || ch == '\\') b.append('\\').append(ch);
            else if (ch < 0x20) b.append(String.format("\\u%04x", (int) ch));
            else b.append(ch);
        }
        b.append("\",\"ts\":").append(s.ts).append(",\"values\":[");
        for (int i = 0; i < s.values.length; i++) {
            if (i > 0) b.append(',');
            double v = s.values[i];
            b.append(Double.isFinite(v) ? Double.toString(v) : "null");
        }
        return b.append("]}").toString();
    }
}
