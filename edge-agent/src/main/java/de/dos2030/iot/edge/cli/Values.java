package de.dos2030.iot.edge.cli;

import de.dos2030.iot.edge.sample.Sample;
import de.dos2030.iot.model.Quantity;

/** How a value is printed for a technician: enough digits for the quantity, with its unit. */
final class Values {

    private Values() {}

    static String number(Quantity q, double v) {
        return switch (q) {
            case CO2 -> String.format("%.0f", v);
            case ACCELERATION, VIBRATION_RMS, VIBRATION_PEAK -> String.format("%.5f", v);
            case TILT -> String.format("%.4f", v);
            case STRAIN, TEMPERATURE, RELATIVE_HUMIDITY, AIR_PRESSURE -> String.format("%.2f", v);
            default -> String.format("%.3f", v);
        };
    }

    static String format(Sample s) {
        return s.quantity().wireName() + " " + number(s.quantity(), s.value()) + " "
                + s.quantity().unit();
    }
}
