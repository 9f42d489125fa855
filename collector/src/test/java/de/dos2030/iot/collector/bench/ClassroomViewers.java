package de.dos2030.iot.collector.bench;

import java.net.URI;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Classroom displays watching one room ({@link ClassroomBench}): each viewer has its own keep-alive
 * connection, arrives at its own moment within the first 10 s (people do not press reload together)
 * and then every 2 s asks once for the full page (every fifth tick: a reload every 10 s) and otherwise
 * for {@code /jetzt}, as the page's script polls it. Times each full answer.
 */
final class ClassroomViewers {
    static final long TICK_MS = 2000;
    static final int TICKS_PER_RELOAD = 5;

    /** Sorted latencies in milliseconds of the full HTML and of the JSON answers; the seconds watched. */
    record Result(double[] html, double[] json, double seconds) {}

    private ClassroomViewers() {}

    static Result watch(URI base, int viewers, int seconds) throws Exception {
        ConcurrentLinkedQueue<Double> html = new ConcurrentLinkedQueue<>();
        ConcurrentLinkedQueue<Double> json = new ConcurrentLinkedQueue<>();
        AtomicReference<Exception> failure = new AtomicReference<>();
        ScheduledExecutorService pool = Executors.newScheduledThreadPool(viewers);
        List<KeepAliveHttp> connections = new ArrayList<>();
        long started = System.nanoTime();
        try {
            for (int v = 0; v < viewers; v++) {
                KeepAliveHttp c = new KeepAliveHttp(base);
                connections.add(c);
                long arrival = v * TICK_MS * TICKS_PER_RELOAD / viewers;
                int[] tick = {0};
                pool.scheduleAtFixedRate(
                        () -> {
                            boolean reload = tick[0]++ % TICKS_PER_RELOAD == 0;
                            String path = reload ? ClassroomBench.PAGE : ClassroomBench.PAGE + "/jetzt";
                            try {
                                long t0 = System.nanoTime();
                                KeepAliveHttp.Answer a = ClassroomBench.check(c.get(path), path);
                                double ms = (System.nanoTime() - t0) / 1e6;
                                if (reload && !a.text().contains(ClassroomBench.ROOM_NAME)) {
                                    throw new IllegalStateException(path + " does not name the room");
                                }
                                (reload ? html : json).add(ms);
                            } catch (Exception e) {
                                failure.compareAndSet(null, e);
                            }
                        },
                        arrival,
                        TICK_MS,
                        TimeUnit.MILLISECONDS);
            }
            Thread.sleep(seconds * 1000L);
        } finally {
            pool.shutdownNow();
            pool.awaitTermination(10, TimeUnit.SECONDS);
            for (KeepAliveHttp c : connections) {
                c.close();
            }
        }
        if (failure.get() != null) {
            throw failure.get();
        }
        return new Result(sorted(html), sorted(json), (System.nanoTime() - started) / 1e9);
    }

    private static double[] sorted(ConcurrentLinkedQueue<Double> q) {
        double[] a = q.stream().mapToDouble(Double::doubleValue).toArray();
        Arrays.sort(a);
        return a;
    }
}
