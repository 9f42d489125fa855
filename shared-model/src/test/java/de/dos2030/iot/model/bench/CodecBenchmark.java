package de.dos2030.iot.model.bench;

import de.dos2030.iot.model.Batch;
import de.dos2030.iot.model.SampleBatches;
import de.dos2030.iot.model.codec.BatchCodec;
import de.dos2030.iot.model.codec.DecodeException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/** Encode and decode time of one hour of a school or bridge gateway's readings, per batch. */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Benchmark)
public class CodecBenchmark {
    @Param({"school", "bridge"})
    public String profile;

    @Param({"json", "cbor", "line-protocol"})
    public String format;

    private Batch batch;
    private byte[] encoded;

    @Setup
    public void setUp() {
        batch = profileBatch(profile);
        encoded = encode();
    }

    static Batch profileBatch(String profile) {
        return profile.equals("school")
                ? SampleBatches.school(Duration.ofHours(1), 42)
                : SampleBatches.bridge(Duration.ofHours(1), 42);
    }

    @Benchmark
    public byte[] encode() {
        return switch (format) {
            case "json" -> BatchCodec.json().encode(batch);
            case "cbor" -> BatchCodec.cbor().encode(batch);
            default -> LineProtocol.encode(batch, profile);
        };
    }

    /** Line protocol is parsed by InfluxDB, not by us: its decode row stays empty. */
    @Benchmark
    public Batch decode() throws DecodeException {
        return switch (format) {
            case "json" -> BatchCodec.json().decode(encoded);
            case "cbor" -> BatchCodec.cbor().decode(encoded);
            default -> null;
        };
    }
}
