package de.dos2030.iot.collector.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import de.dos2030.iot.collector.TestBatches;
import de.dos2030.iot.collector.TestCollector;
import de.dos2030.iot.collector.gateways.BootSequences;
import de.dos2030.iot.model.SiteKind;
import de.dos2030.iot.model.codec.BatchCodec;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Two collectors on one registry database and one InfluxDB, as two instances in an MQTT share
 * group are: a gateway's batches reach them in turns. Each stores only half of them, and yet
 * neither reports the other's half as missing, while a batch that reached no instance is missing
 * on both.
 */
class SequenceSharingIT {
    static TestCollector first;
    static TestCollector second;
    static String token;

    @BeforeAll
    static void start() {
        String shared = "it_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        first = new TestCollector(Map.of(), shared, true);
        second = new TestCollector(Map.of(), shared, false);
        token = first.register("share-gw", "share-site", SiteKind.SCHOOL).token();
    }

    @AfterAll
    static void stop() {
        second.close();
        first.close();
    }

    @Test
    void instancesTakingTurnsReportOnlyWhatReachedNeither() throws Exception {
        for (long seq = 0; seq < 10; seq++) {
            send(seq % 2 == 0 ? first : second, seq);
        }
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            for (TestCollector c : List.of(first, second)) {
                BootSequences boot = boot(c);
                assertThat(boot.stored()).isEqualTo(10);
                assertThat(boot.highestSequence()).isEqualTo(9);
                assertThat(boot.missingCount()).isZero();
            }
        });

        send(first, 12); // 10 and 11 reach no instance
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            for (TestCollector c : List.of(first, second)) {
                assertThat(boot(c).missing()).containsExactly(new long[] {10, 11});
                assertThat(c.context
                                .getBean(MeterRegistry.class)
                                .counter("collector.sequence.gaps")
                                .count())
                        .isEqualTo(2);
            }
        });

        send(second, 11);
        send(first, 10);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            for (TestCollector c : List.of(first, second)) {
                assertThat(boot(c).missingCount()).isZero();
                assertThat(boot(c).stored()).isEqualTo(13);
            }
        });
    }

    @Test
    void aRestartedInstanceRemembersWhatWasStoredBeforeIt() throws Exception {
        String shared = "it_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        TestCollector before = new TestCollector(Map.of(), shared, false);
        String restartToken =
                before.register("restart-gw", "share-site", SiteKind.SCHOOL).token();
        for (long seq : new long[] {0, 1, 2, 5}) {
            assertThat(before.postBatch(
                                    BatchCodec.json()
                                            .encode(TestBatches.school("restart-gw", "share-site", "boot-r", seq, 1)),
                                    "application/json",
                                    restartToken)
                            .statusCode())
                    .isEqualTo(200);
        }
        before.close(); // shares what it knows on the way out

        try (TestCollector after = new TestCollector(Map.of(), shared, true)) {
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
                List<BootSequences> boots =
                        after.context.getBean(SequenceTracker.class).of("restart-gw");
                assertThat(boots).hasSize(1);
                assertThat(boots.get(0).missing()).containsExactly(new long[] {3, 4});
            });
        }
    }

    private static void send(TestCollector to, long seq) throws Exception {
        byte[] body = BatchCodec.json().encode(TestBatches.school("share-gw", "share-site", "boot-s", seq, 1));
        assertThat(to.postBatch(body, "application/json", token).statusCode()).isEqualTo(200);
    }

    private static BootSequences boot(TestCollector c) {
        List<BootSequences> boots = c.context.getBean(SequenceTracker.class).of("share-gw");
        assertThat(boots).hasSize(1);
        return boots.get(0);
    }
}
