package de.dos2030.iot.edge.update;

import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

/**
 * A separate JVM that runs an agent update and stops at one step, printing {@code at <step>}, until the test
 * kills it with SIGKILL. Arguments: collector URI, token, public key, slots dir, step, version, sha256,
 * signature, url.
 */
final class UpdateUntilKilled {
    private UpdateUntilKilled() {}

    public static void main(String[] a) throws Exception {
        AgentUpdater updater = new AgentUpdater(
                URI.create(a[0]),
                Optional.of(a[1]),
                Path.of(a[2]),
                Path.of(a[3]),
                Duration.ofMinutes(5),
                Clock.systemUTC(),
                "0.1.0",
                change -> {},
                () -> {});
        String step = a[4];
        updater.afterStep = s -> {
            if (s.equals(step)) {
                System.out.println("at " + s);
                System.out.flush();
                try {
                    Thread.sleep(Long.MAX_VALUE);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        };
        updater.offer(a[5], a[6], a[7], a[8]);
        System.out.println("finished");
    }
}
