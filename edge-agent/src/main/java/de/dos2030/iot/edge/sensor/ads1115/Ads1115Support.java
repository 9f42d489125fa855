package de.dos2030.iot.edge.sensor.ads1115;

import de.dos2030.iot.config.model.Calibration;
import de.dos2030.iot.config.model.Driver;
import de.dos2030.iot.edge.port.BusException;
import de.dos2030.iot.edge.sensor.Acquisition;
import de.dos2030.iot.edge.sim.chip.SimAds1115;
import de.dos2030.iot.edge.source.ChipSupport;
import de.dos2030.iot.edge.source.ChipWiring;
import de.dos2030.iot.edge.source.SimulatedChipSite;

/** ADS1115 in the chip catalogue: a strain-gauge bridge on AIN0/AIN1 at ±0.256 V. */
public final class Ads1115Support implements ChipSupport {

    /** A metal-foil gauge's factor, where the configuration names none. */
    static final double DEFAULT_GAUGE_FACTOR = 2.0;
    /** The Pi's 3.3 V rail excites the bridge, where the configuration names no other voltage. */
    static final double DEFAULT_EXCITATION_V = 3.3;

    @Override
    public Driver driver() {
        return Driver.ADS1115;
    }

    @Override
    public String probeHint() {
        return "ADS1115";
    }

    @Override
    public Acquisition open(ChipWiring wiring) throws BusException {
        return new Ads1115Sensor(new Ads1115Driver(wiring.i2c(), wiring.label()), settings(wiring));
    }

    /** ADC rate: the slowest data rate at least 1.5 times the sample rate, so a conversion fits in a period. */
    static Ads1115Sensor.Settings settings(ChipWiring wiring) {
        Calibration c = wiring.config().calibration();
        return new Ads1115Sensor.Settings(
                c.gaugeFactor().orElse(DEFAULT_GAUGE_FACTOR),
                c.excitationVolts().orElse(DEFAULT_EXCITATION_V),
                0.0,
                0.256,
                Ads1115Constants.slowestRateOfAtLeast(1.5 * wiring.hertz()),
                wiring.period());
    }

    @Override
    public void simulate(SimulatedChipSite site) {
        Calibration c = site.config().calibration();
        site.attach(new SimAds1115(
                site.clock(),
                site.faults(),
                site.bridge()
                        .strainGauge(
                                c.gaugeFactor().orElse(DEFAULT_GAUGE_FACTOR),
                                c.excitationVolts().orElse(DEFAULT_EXCITATION_V))));
    }
}
