package io.tidecast.connectors.csv;

import java.util.regex.Pattern;

/**
 * Strict decimal parsing: {@link Double#parseDouble} alone would also accept {@code NaN}, {@code Infinity},
 * hex floats and a trailing {@code d}/{@code f}, none of which is a measurement in a CSV file.
 */
final class DecimalText {
    private static final Pattern DECIMAL = Pattern.compile("[+-]?(\\d+(\\.\\d*)?|\\.\\d+)([eE][+-]?\\d+)?");
    private static final Pattern INTEGER = Pattern.compile("[+-]?\\d{1,18}");

    private final char decimalMark;

    DecimalText(char decimalMark) {
        this.decimalMark = decimalMark;
    }

    /** The number, or null when the text is not a plain decimal (the caller words the error). */
    Double parse(String text) {
        String normal = decimalMark == '.' ? text : text.replace(decimalMark, '.');
        if (decimalMark != '.' && text.indexOf('.') >= 0) {
            return null; // with a decimal comma, a dot is a thousands separator or a typo: both ambiguous
        }
        return DECIMAL.matcher(normal).matches() ? Double.parseDouble(normal) : null;
    }

    static boolean isLongInteger(String text) {
        return INTEGER.matcher(text).matches();
    }
}
