package de.dos2030.iot.edge.cli;

import de.dos2030.iot.config.model.GatewayConfig;
import de.dos2030.iot.config.model.I2cBus;
import de.dos2030.iot.config.model.SensorConfig;
import de.dos2030.iot.config.model.SourceConfig;
import de.dos2030.iot.edge.hardware.pi4j.Pi4jBusFactory;
import de.dos2030.iot.edge.port.BusAddress;
import de.dos2030.iot.edge.port.BusFactory;
import de.dos2030.iot.edge.sample.SensorListener;
import de.dos2030.iot.edge.sensor.SensorScheduler;
import de.dos2030.iot.edge.sim.ChipFaults;
import de.dos2030.iot.edge.sim.VirtualClock;
import de.dos2030.iot.edge.source.GatewaySensors;
import de.dos2030.iot.edge.source.SensorSources;
import de.dos2030.iot.edge.source.SimulatedWorld;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A technician's command ({@code probe}, {@code watch}) on one gateway configuration: its sensors
 * opened ({@link GatewaySensors}), the clock they run on (virtual when all are simulated or
 * replayed, real time with hardware), and the simulated faults the technician asked for.
 * Closing releases the hardware.
 */
final class TechnicianSession implements AutoCloseable {

    /** A fault a technician can ask the simulation for, to see what probe and watch make of it. */
    enum SimFault {
        DISCONNECT,
        CRC,
        STUCK,
        SELF_TEST,
        MISWIRE
    }

    final GatewayConfig config;
    final SensorRun run;
    final GatewaySensors sensors;

    TechnicianSession(GatewayConfig config, Instant simulatedStart, Map<String, SimFault> simFaults) {
        this.config = config;
        boolean anyHardware = config.sensors().stream().anyMatch(s -> s.source() instanceof SourceConfig.Hardware);
        this.run = anyHardware ? SensorRun.realTime() : SensorRun.virtual(new VirtualClock(simulatedStart));
        this.sensors = GatewaySensors.open(config, new SimulatedWorld(run.clock()), Pi4jBusFactory::new, (world, s) -> {
            SimFault fault = simFaults.get(s.id());
            if (fault == SimFault.MISWIRE) world.place(s, miswired(s));
            else world.place(s);
            world.faults(s.id()).ifPresent(f -> apply(fault, f));
        });
    }

    /** The next address up (same bus), where the configuration will not find the chip. */
    private static BusAddress miswired(SensorConfig s) {
        BusAddress at = SensorSources.busAddress(s).orElseThrow();
        if (at instanceof BusAddress.I2c i2c) {
            int address = i2c.address() == I2cBus.MAX_ADDRESS ? i2c.address() - 1 : i2c.address() + 1;
            return new BusAddress.I2c(i2c.bus(), address);
        }
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

    List<SensorSources.Source> sources() {
        return sensors.sources();
    }

    List<GatewaySensors.Broken> broken() {
        return sensors.broken();
    }

    SensorScheduler scheduler(SensorListener listener) {
        SensorScheduler scheduler = new SensorScheduler(run.clock(), listener);
        for (SensorSources.Source s : sources()) scheduler.add(s.lane(), s.acquisition());
        return scheduler;
    }

    /** The bus factory a sensor's bus is scanned with. */
    BusFactory busesOf(SensorConfig s) {
        return sensors.busesOf(s);
    }

    @Override
    public void close() {
        sensors.close();
    }
}
