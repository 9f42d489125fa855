package de.dos2030.iot.config.model;

import java.util.ArrayList;
import java.util.List;

/** A chip read by bit-banging two GPIOs, such as the HX711: its data output and its clock input. */
public record GpioBus(int data, int clock) implements BusConfig {

    public GpioBus {
        Violation.throwIfAny("gpio", violations(data, clock));
    }

    @Override
    public BusKind kind() {
        return BusKind.GPIO;
    }

    @Override
    public List<PinClaim> pins() {
        return List.of(
                new PinClaim(data, "hx711", "data", Sharing.EXCLUSIVE),
                new PinClaim(clock, "hx711", "clock", Sharing.EXCLUSIVE));
    }

    public static List<Violation> violations(int data, int clock) {
        List<Violation> out = new ArrayList<>();
        GpioHeader.check("data", data).ifPresent(out::add);
        GpioHeader.check("clock", clock).ifPresent(out::add);
        if (data == clock) {
            out.add(Violation.of("clock", "data and clock cannot share GPIO " + data));
        }
        return out;
    }
}
