package io.tidecast.connectors.extmarker;

/**
 * One data row of a marker file, as written. {@code timestampText} is kept raw because some gap-fill rows carry
 * mangled timestamps that only {@link FrameClock} can repair.
 */
record MarkerRow(int line, long frame, String timestampText, double x, double y, double z) {
    /** {@code 0;0;0;0;0}: padding at the end of a file, not a position. */
    boolean isPadding() {
        return frame == 0 && x == 0 && y == 0 && z == 0 && "0".equals(timestampText);
    }
}
