package de.dos2030.iot.model.bench;

import de.dos2030.iot.model.Batch;
import de.dos2030.iot.model.SampleBatches;
import de.dos2030.iot.model.codec.BatchCodec;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * Runs {@link CodecBenchmark} and prints bytes per reading and encode/decode nanoseconds per
 * reading for each profile and format: {@code scripts/bench-codecs.sh}.
 */
public final class CodecReport {
    private CodecReport() {}

    public static void main(String[] args) throws RunnerException {
        Collection<RunResult> results = new Runner(new OptionsBuilder()
                        .include(CodecBenchmark.class.getName())
                        .build())
                .run();

        System.out.println();
        System.out.println("One hour of readings, one sample every 10 s per series:");
        System.out.println(
                "  school: CO2, temperature, humidity (1080 readings); bridge: vibration RMS/peak/crest/dominant Hz, tilt and strain means (2160 readings)");
        System.out.printf(
                "%-8s %-14s %12s %14s %14s %14s%n",
                "profile", "format", "bytes", "bytes/reading", "encode ns/rdg", "decode ns/rdg");
        for (String profile : List.of("school", "bridge")) {
            Batch batch = CodecBenchmark.profileBatch(profile);
            int n = batch.readings().size();
            for (String format : List.of("json", "cbor", "line-protocol")) {
                int bytes = switch (format) {
                    case "json" -> BatchCodec.json().encode(batch).length;
                    case "cbor" -> BatchCodec.cbor().encode(batch).length;
                    default -> LineProtocol.encode(batch, profile).length;
                };
                double encodeUs = score(results, "encode", profile, format);
                double decodeUs =
                        format.equals("line-protocol") ? Double.NaN : score(results, "decode", profile, format);
                System.out.printf(
                        "%-8s %-14s %12d %14.2f %14.1f %14s%n",
                        profile,
                        format,
                        bytes,
                        (double) bytes / n,
                        encodeUs * 1000 / n,
                        Double.isNaN(decodeUs) ? "(InfluxDB)" : String.format("%.1f", decodeUs * 1000 / n));
            }
        }
        Batch minute = SampleBatches.school(Duration.ofMinutes(1), 42);
        System.out.printf(
                "%nA one-minute school batch (%d readings): json %d bytes, cbor %d bytes%n",
                minute.readings().size(),
                BatchCodec.json().encode(minute).length,
                BatchCodec.cbor().encode(minute).length);
    }

    private static double score(Collection<RunResult> results, String method, String profile, String format) {
        return results.stream()
                .filter(r -> r.getParams().getBenchmark().endsWith("." + method)
                        && r.getParams().getParam("profile").equals(profile)
                        && r.getParams().getParam("format").equals(format))
                .mapToDouble(r -> r.getPrimaryResult().getScore())
                .findFirst()
                .orElse(Double.NaN);
    }
}
