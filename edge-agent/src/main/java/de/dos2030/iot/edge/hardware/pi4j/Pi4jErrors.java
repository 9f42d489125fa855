package de.dos2030.iot.edge.hardware.pi4j;

import de.dos2030.iot.edge.port.BusAddress;
import de.dos2030.iot.edge.port.BusException;
import java.util.Locale;

/**
 * Classifies what Pi4J's linuxfs provider throws. It wraps the kernel's errno text
 * ({@code Remote I/O error} for a NACK on the Pi's I2C controller, {@code No such device or address}
 * on some others, {@code Connection timed out} for a clock-stretch timeout) in Pi4JExceptions.
 */
final class Pi4jErrors {

    private Pi4jErrors() {}

    static BusException classify(BusAddress address, RuntimeException e) {
        StringBuilder text = new StringBuilder();
        for (Throwable t = e; t != null; t = t.getCause()) text.append(' ').append(t.getMessage());
        String s = text.toString().toLowerCase(Locale.ROOT);
        BusException.Kind kind;
        if (s.contains("remote i/o")
                || s.contains("no such device or address")
                || s.contains("errno 121")
                || s.contains("errno 6")) {
            kind = BusException.Kind.NO_ACKNOWLEDGE;
        } else if (s.contains("timed out") || s.contains("errno 110")) {
            kind = BusException.Kind.TIMEOUT;
        } else {
            kind = BusException.Kind.OTHER;
        }
        return new BusException(kind, address, String.valueOf(e.getMessage()), e);
    }
}
