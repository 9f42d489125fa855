/**
 * The gateway's pipeline: filters, window features, rules, local actions.
 *
 * <h2>Entry point (for the runtime)</h2>
 * <pre>{@code
 * Pipeline pipeline = Pipeline.create(gatewayConfig, clock, output, busFactory::gpioOutput, stateDir);
 * scheduler = new SensorScheduler(clock, pipeline);     // Pipeline implements SensorListener
 * every second:  pipeline.tick();                        // no-data checks, overdue windows
 * on shutdown:   pipeline.close();                       // persists rule state, outputs off
 * }</pre>
 * <ul>
 *   <li>{@link de.dos2030.iot.edge.pipeline.Pipeline#create} takes the loaded
 *       {@code GatewayConfig}, the gateway {@code Clock}, a {@link de.dos2030.iot.edge.pipeline.PipelineOutput}
 *       (readings and alert events), a {@link de.dos2030.iot.edge.pipeline.action.GpioOutputs} (opens
 *       traffic-light and buzzer pins; {@code GpioOutputs.none()} without outputs) and the directory
 *       for {@code rule-state.tsv}. {@link de.dos2030.iot.edge.pipeline.Pipeline#inMemory} is the
 *       variant without outputs and persistence (replay, tests).</li>
 *   <li>Input: {@code sample(Sample)}, {@code fault(SensorFault)}, {@code recovered(id, time)} from
 *       any thread; {@link de.dos2030.iot.edge.pipeline.Pipeline#input} gives an allocation-free
 *       per-channel input for FIFO drivers.</li>
 *   <li>Output: all calls to {@code PipelineOutput} happen under the pipeline's lock, one at a
 *       time, on the thread that delivered the sample (or called {@code tick}); keep them quick.
 *       Readings: filtered samples ({@code Statistic.SAMPLE}) of sensors without feature windows,
 *       window statistics ({@code MEAN/MIN/MAX/STDDEV}, time = window end) of sensors with them, and
 *       for accelerometers {@code VIBRATION_RMS}, {@code VIBRATION_PEAK}, {@code CREST_FACTOR},
 *       {@code DOMINANT_FREQUENCY} ({@code Statistic.SAMPLE}, one per window), as the sensor's
 *       {@code send:} says: {@code raw} samples only, {@code features} (raw samples only while one
 *       of its alerts is active; the default with windows), or {@code both}. An accelerometer with
 *       {@code tilt:} adds {@code TILT} readings of the sensors {@code <id>-pitch} and
 *       {@code <id>-roll}, fed through {@link de.dos2030.iot.edge.pipeline.Pipeline#axes}.</li>
 *   <li>Alerts: one id from raise to clear; a second {@code RAISED} with the same id is a severity
 *       change (or a changed fault cause). Rule ids are the file's, plus {@code sensor-fault} per
 *       sensor. Active alerts survive restarts (restored silently); an alert whose rule was removed
 *       from the file is cleared at start.</li>
 *   <li>Time: rules and windows run on sample timestamps; the clock only drives {@code tick()}
 *       (no-data, overdue windows). Calibration offset/scale of the driver's primary quantity is
 *       applied here, not in the drivers.</li>
 * </ul>
 *
 * <h2>Packages</h2>
 * {@code filter} (calibration, strain temperature compensation, range, jump, Hampel, median, EMA),
 * {@code feature} (window statistics, Hann + zero-padded FFT spectrum, tilt from three axes), {@code rules} (one state machine per rule, check and sensor; persisted state),
 * {@code action} (traffic light with a fault state, buzzer) and {@code time}. It imports only the JDK,
 * shared-model, firmware-config, Commons Math and two plain packages of the agent: {@code edge.sample}
 * (the signals from the sensor layer) and {@code edge.port} (the GPIO output port);
 * {@code arch.PipelineArchitectureTest} keeps it so. The {@code edge-agent replay} command that drives
 * it from recorded files lives in {@code edge.cli.replay}.
 */
package de.dos2030.iot.edge.pipeline;
