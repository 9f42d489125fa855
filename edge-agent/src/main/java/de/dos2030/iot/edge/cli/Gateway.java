package de.dos2030.iot.edge.cli;

import de.dos2030.iot.config.model.GatewayConfig;
import de.dos2030.iot.config.model.SensorConfig;
import de.dos2030.iot.config.model.SourceConfig;
import de.dos2030.iot.edge.hardware.pi4j.Pi4jBusFactory;
import de.dos2030.iot.edge.port.BusAddress;
import de.dos2030.iot.edge.port.BusFactory;
import de.dos2030.iot.edge.sample.SensorListener;
import de.dos2030.iot.edge.sensor.SensorScheduler;
import de.dos2030.iot.edge.sim.ChipFaults;
import de.dos2030.iot.edge.sim.VirtualClock;
import de.dos2030.iot.edge.source.SensorSources;
import de.dos2030.iot.edge.source.SimulatedWorld;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The sensors of one gateway configuration, opened on their sources: Pi4J for hardware sensors
 * (opened only if there are any), a {@link SimulatedWorld} for simulated ones, files for replay.
 * Technician-requested simulated faults are applied here. Closing releases the hardware.
 */
final class Gateway implements AutoCloseable {

    /** A fault a technician can ask the simulation for, to see what probe and watch make of it. */
    enum SimFault {
        DISCONNECT,
        CRC,
        STUCK,
        SELF_TEST,
        MISWIRE
    }

    /** A sensor that could not even be opened (bus missing, driver not implemented). */
    record Broken(SensorConfig config, String message) {}

    final GatewayConfig config;
    final SensorRun run;
    final SimulatedWorld world;
    final List<SensorSources.Source> sources = new ArrayList<>();
    final List<Broken> broken = new ArrayList<>();
    private Pi4jBusFactory hardware;

    Gateway(GatewayConfig config, Instant simulatedStart, Map<String, SimFault> simFaults) {
        this.config = config;
        boolean anyHardware = config.sensors().stream().anyMatch(s -> s.source() instanceof SourceConfig.Hardware);
        this.run = anyHardware ? SensorRun.realTime() : SensorRun.virtual(new VirtualClock(simulatedStart));
        this.world = new SimulatedWorld(run.clock());
        for (SensorConfig s : config.sensors()) {
            SimFault fault = simFaults.get(s.id());
            try {
                BusFactory buses;
                if (s.source() instanceof SourceConfig.Simulated) {
                    if (fault == SimFault.MISWIRE) world.place(s, miswired(s));
                    else world.place(s);
                    world.faults(s.id()).ifPresent(f -> apply(fault, f));
                    buses = world.buses();
                } else if (s.source() instanceof SourceConfig.Hardware) {
                    buses = hardware();
                } else {
                    buses = world.buses(); // replay opens no bus
                }
                sources.add(SensorSources.create(s, buses));
            } catch (Exception e) {
                String who = s.driver().chipName() + " '" + s.id() + "'";
                String msg = String.valueOf(e.getMessage());
                broken.add(new Broken(s, msg.startsWith(who) ? msg : who + " at " + msg));
            }
        }
    }

    /** The next address up (same bus), where the configuration will not find the chip. */
    private static BusAddress miswired(SensorConfig s) {
        BusAddress at = SensorSources.busAddress(s).orElseThrow();
        if (at instanceof BusAddress.I2c i2c)
            return new BusAddress.I2c(i2c.bus(), i2c.address() == 0x77 ? 0x76 : i2c.address() + 1);
        BusAddress.Spi spi = (BusAddress.Spi) at;
        return new BusAddress.Spi(spi.bus(), spi.chipSelect() == 0 ? 1 : 0);
    }

    private static void apply(SimFault fault, ChipFaults f) {
        if (fault == null) return;
        switch (fault) {
            case DISCONNECT -> f.disconnect();
            case CRC -> f.crcErrorRate(0.3);
            case STUCK -> f.stick(true);
            case SELF_TEST -> f.failSelfTest(true);
            case MISWIRE -> {}
        }
    }

    private Pi4jBusFactory hardware() {
        if (hardware == null) hardware = new Pi4jBusFactory();
        return hardware;
    }

    SensorScheduler scheduler(SensorListener listener) {
        SensorScheduler scheduler = new SensorScheduler(run.clock(), listener);
        for (SensorSources.Source s : sources) scheduler.add(s.lane(), s.acquisition());
        return scheduler;
    }

    /** The bus factory a sensor's bus is scanned with. */
    BusFactory busesOf(SensorConfig s) {
        return s.source() instanceof SourceConfig.Hardware ? hardware() : world.buses();
    }

    @Override
    public void close() {
        if (hardware != null) hardware.close();
    }
}
