package de.dos2030.iot.edge.recorded;

import de.dos2030.iot.edge.sample.FaultKind;
import de.dos2030.iot.edge.sample.Sample;
import de.dos2030.iot.edge.sensor.Acquisition;
import de.dos2030.iot.edge.sensor.SampleSink;
import de.dos2030.iot.edge.sensor.SensorException;
import de.dos2030.iot.edge.sensor.SensorLabel;
import de.dos2030.iot.model.Quality;
import de.dos2030.iot.model.Quantity;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Plays columns of a recorded file as a sensor. On the {@link Timeline#RECORDED} timeline samples
 * keep their recorded timestamps (with the file's quirks corrected), so rules see the real
 * spacing; {@code speed} only decides how fast they are released: at speed 60 one recorded minute
 * passes per second. On the {@link Timeline#LIVE} timeline (the agent process, whose readings
 * must carry the gateway's own time) each sample is stamped with the moment it is released:
 * recorded spacing divided by {@code speed}, starting at the clock's time of the first step. With
 * {@code loop} the recording starts again, shifted by its length so that time keeps moving forward.
 *
 * <p>Rows are released in batches of at most 20 ms of playing time. A missing value becomes no
 * sample plus an INVALID_VALUE fault. Not thread-safe.
 */
public final class ReplaySensor implements Acquisition {

    /** Which time a replayed sample carries. */
    public enum Timeline {
        /** The recorded time (engineers' rule replay, probe, watch). */
        RECORDED,
        /** The clock's time when the sample is released (a live gateway); spacing = recorded spacing / speed. */
        LIVE
    }

    static final Duration MIN_STEP = Duration.ofMillis(20);

    private final SensorLabel label;
    private final Path file;
    private final Map<Quantity, String> columns;
    private final double speed;
    private final boolean loop;
    private final Duration minSpacing;
    private final Timeline timeline;
    private RecordedTable table;
    private int[] columnIndex;
    private List<Quantity> quantities;
    private int row;
    private int pass;
    private Instant playStart;
    private long lastEmitted = Long.MIN_VALUE;

    /**
     * A replay on the {@link Timeline#RECORDED} timeline.
     *
     * @param minSpacing rows closer than this (in recorded time) to the previous emitted one are skipped (decimation to the configured rate; ZERO keeps all)
     */
    public ReplaySensor(
            SensorLabel label,
            Path file,
            Map<Quantity, String> columns,
            double speed,
            boolean loop,
            Duration minSpacing) {
        this(label, file, columns, speed, loop, minSpacing, Timeline.RECORDED);
    }

    public ReplaySensor(
            SensorLabel label,
            Path file,
            Map<Quantity, String> columns,
            double speed,
            boolean loop,
            Duration minSpacing,
            Timeline timeline) {
        if (!(speed > 0)) throw new IllegalArgumentException("speed must be > 0");
        if (timeline == null) throw new IllegalArgumentException("timeline is required");
        this.timeline = timeline;
        this.label = label;
        this.file = file;
        this.columns = new LinkedHashMap<>(columns);
        this.speed = speed;
        this.loop = loop;
        this.minSpacing = minSpacing;
        this.quantities = List.copyOf(columns.keySet());
    }

    /** The same replay, not yet started, on {@code other}. */
    public ReplaySensor on(Timeline other) {
        return new ReplaySensor(label, file, new LinkedHashMap<>(columns), speed, loop, minSpacing, other);
    }

    public Timeline timeline() {
        return timeline;
    }

    @Override
    public SensorLabel label() {
        return label;
    }

    @Override
    public List<Quantity> quantities() {
        return quantities;
    }

    @Override
    public Optional<String> identity() {
        return table == null
                ? Optional.empty()
                : Optional.of(
                        String.format("%s, %d rows, %s recorded", table.source(), table.rows(), human(table.span())));
    }

    private static String human(Duration d) {
        return d.toHours() >= 2
                ? d.toHours() + " h"
                : d.toMinutes() >= 2 ? d.toMinutes() + " min" : d.toSeconds() + " s";
    }

    @Override
    public void restart() {
        table = null;
        playStart = null;
    }

    @Override
    public Duration step(Instant now, SampleSink sink) throws SensorException {
        if (table == null) open();
        if (playStart == null) {
            playStart = now;
            row = 0;
            pass = 0;
            lastEmitted = Long.MIN_VALUE;
        }
        long t0 = table.epochMillis(0);
        long spanMs = table.span().toMillis() + Math.max(1, typicalSpacing());
        Duration played = Duration.between(playStart, now);
        long recordedDue = t0 + (long) (played.toMillis() * speed); // recorded time reached by now
        while (true) {
            if (row >= table.rows()) {
                if (!loop) return Duration.ofDays(365); // finished: nothing more to play
                row = 0;
                pass++;
            }
            long shifted = table.epochMillis(row) + pass * spanMs;
            if (shifted > recordedDue) break;
            emit(row, shifted, stamp(shifted, t0), sink);
            row++;
        }
        long nextShifted = table.epochMillis(row) + pass * spanMs;
        long waitMs = (long) Math.ceil((nextShifted - recordedDue) / speed);
        Duration wait = Duration.ofMillis(Math.max(waitMs, 0));
        return wait.compareTo(MIN_STEP) < 0 ? MIN_STEP : wait;
    }

    private long typicalSpacing() {
        return table.rows() < 2
                ? 1000
                : (table.epochMillis(table.rows() - 1) - table.epochMillis(0)) / (table.rows() - 1);
    }

    /** The timestamp of a row at recorded (loop-shifted) time {@code shiftedMs}. */
    private Instant stamp(long shiftedMs, long t0) {
        if (timeline == Timeline.RECORDED) return Instant.ofEpochMilli(shiftedMs);
        return playStart.plusNanos(Math.round((shiftedMs - t0) * 1e6 / speed));
    }

    private void emit(int r, long recordedMs, Instant at, SampleSink sink) {
        if (lastEmitted != Long.MIN_VALUE && recordedMs - lastEmitted < minSpacing.toMillis()) return;
        lastEmitted = recordedMs;
        for (int i = 0; i < columnIndex.length; i++) {
            double v = table.value(r, columnIndex[i]);
            Quantity q = quantities.get(i);
            if (Double.isNaN(v)) {
                sink.fault(label.invalidValue(q.wireName() + " missing in row " + (r + 2) + " of " + table.source()));
                continue;
            }
            sink.sample(Sample.checked(label.sensorId(), q, at, v, Quality.OK));
        }
    }

    private void open() throws SensorException {
        try {
            table = RecordedFiles.load(file);
        } catch (IOException e) {
            throw new SensorException(
                    FaultKind.SOURCE_UNAVAILABLE,
                    label.chip() + " '" + label.sensorId() + "' cannot replay " + file + ": " + e.getMessage(),
                    e);
        }
        List<Integer> idx = new ArrayList<>();
        for (Map.Entry<Quantity, String> c : columns.entrySet()) {
            int i = table.column(c.getValue());
            if (i < 0) {
                String available = String.join(", ", table.columns());
                table = null;
                throw new SensorException(
                        FaultKind.SOURCE_UNAVAILABLE,
                        label.chip() + " '" + label.sensorId() + "': column '" + c.getValue() + "' is not in "
                                + file.getFileName() + "; value columns: " + available);
            }
            idx.add(i);
        }
        columnIndex = idx.stream().mapToInt(Integer::intValue).toArray();
        if (table.rows() == 0)
            throw new SensorException(FaultKind.SOURCE_UNAVAILABLE, label.sensorId() + ": " + file + " has no rows");
    }
}
