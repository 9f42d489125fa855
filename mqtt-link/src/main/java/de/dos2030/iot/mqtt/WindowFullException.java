package de.dos2030.iot.mqtt;

/**
 * {@link MqttLink#publish} refused a publish because the broker's in-flight window is full: try
 * again once earlier publishes are acknowledged. The connection is unharmed.
 */
public final class WindowFullException extends IllegalStateException {
    private final int window;

    WindowFullException(int window) {
        super("the broker's window of " + window + " unacknowledged publishes is full");
        this.window = window;
    }

    /** The broker's Receive Maximum on this connection. */
    public int window() {
        return window;
    }
}
