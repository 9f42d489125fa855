package de.dos2030.iot.edge.source;

import de.dos2030.iot.config.model.GatewayConfig;
import de.dos2030.iot.config.model.SensorConfig;
import de.dos2030.iot.config.model.SourceConfig;
import de.dos2030.iot.edge.port.BusFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * The sensors of one gateway configuration, opened on their sources: the hardware buses (Pi4J,
 * created only if a sensor is wired to hardware) for hardware sensors, simulated chips in a
 * {@link SimulatedWorld} for simulated ones, files for replay. A sensor that cannot be opened is
 * kept as {@link Broken} with its cause and the others are opened. The agent's {@code run} and
 * the technician's {@code probe} and {@code watch} open a gateway's sensors here.
 *
 * <p>Not thread-safe: open, read the sources, close. Closing releases the hardware buses.
 */
public final class GatewaySensors implements AutoCloseable {

    /** A sensor that could not even be opened (bus missing, driver not implemented, calibration refused). */
    public record Broken(SensorConfig config, Exception cause) {

        /** The cause in the technician's words, naming the sensor. */
        public String message() {
            String who = config.driver().chipName() + " '" + config.id() + "'";
            String msg = String.valueOf(cause.getMessage());
            return msg.startsWith(who) ? msg : who + " at " + msg;
        }
    }

    /** Puts a simulated sensor's chip into the world: where configured, or moved or faulted for a demonstration. */
    @FunctionalInterface
    public interface Placement {
        void place(SimulatedWorld world, SensorConfig sensor);
    }

    /** Every simulated chip where its configuration says. */
    public static final Placement AS_CONFIGURED = SimulatedWorld::place;

    private final SimulatedWorld world;
    /** Null when no sensor is wired to hardware. */
    private final BusFactory hardware;

    private final List<SensorSources.Source> sources = new ArrayList<>();
    private final List<Broken> broken = new ArrayList<>();

    private GatewaySensors(SimulatedWorld world, BusFactory hardware) {
        this.world = world;
        this.hardware = hardware;
    }

    /**
     * Opens every configured sensor.
     *
     * @param world     where simulated sensors' chips are placed
     * @param hardware  the hardware buses, asked for only if a sensor is wired to hardware
     * @param placement how simulated chips are placed
     */
    public static GatewaySensors open(
            GatewayConfig config, SimulatedWorld world, Supplier<? extends BusFactory> hardware, Placement placement) {
        boolean anyHardware = config.sensors().stream().anyMatch(GatewaySensors::isHardware);
        GatewaySensors opened = new GatewaySensors(world, anyHardware ? hardware.get() : null);
        for (SensorConfig s : config.sensors()) {
            try {
                if (s.source() instanceof SourceConfig.Simulated) placement.place(world, s);
                opened.sources.add(SensorSources.create(s, opened.busesOf(s)));
            } catch (Exception e) {
                opened.broken.add(new Broken(s, e));
            }
        }
        return opened;
    }

    private static boolean isHardware(SensorConfig s) {
        return s.source() instanceof SourceConfig.Hardware;
    }

    /** The opened sensors, in configuration order. */
    public List<SensorSources.Source> sources() {
        return List.copyOf(sources);
    }

    /** The sensors that could not be opened, in configuration order. */
    public List<Broken> broken() {
        return List.copyOf(broken);
    }

    /** The buses a sensor is reached (and its bus scanned) on; replay sensors open none. */
    public BusFactory busesOf(SensorConfig s) {
        return isHardware(s) ? hardware : world.buses();
    }

    /** Where output pins are opened: the hardware's if any sensor is wired to hardware, else simulated pins. */
    public BusFactory outputs() {
        return hardware != null ? hardware : world.buses();
    }

    @Override
    public void close() {
        if (hardware != null) hardware.close();
    }
}
