package de.dos2030.iot.collector.bench.peers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import de.dos2030.iot.model.Batch;
import de.dos2030.iot.model.Reading;
import de.dos2030.iot.model.codec.BatchCodec;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The peers benchmark counts exactly only if its batches are what it thinks they are. */
class BridgeBatchesTest {
    private final BridgeBatches batches = new BridgeBatches(1000, "peers-c-paced-000".length());

    @Test
    void eachGatewayGetsAValidBatchCarryingItsOwnId() throws Exception {
        Batch a = BatchCodec.json().decode(batches.json("peers-c-paced-000", 7));
        Batch b = BatchCodec.json().decode(batches.json("peers-c-paced-013", 7));

        assertThat(a.gatewayId()).isEqualTo("peers-c-paced-000");
        assertThat(b.gatewayId()).isEqualTo("peers-c-paced-013");
        assertThat(b.sequence()).isEqualTo(7);
        assertThat(b.readings()).isEqualTo(a.readings());
        assertThat(a.readings()).hasSize(batches.readings());
    }

    @Test
    void perSeriesCountsAddUpToTheReadingsOfABatch() throws Exception {
        Batch batch = BatchCodec.json().decode(batches.json("peers-c-paced-000", 0));
        Map<String, Integer> seen = new HashMap<>();
        for (Reading r : batch.readings()) {
            String field = r.quantity().field();
            seen.merge(r.quantity().measurement() + "." + field + "." + r.sensorId(), 1, Integer::sum);
        }

        assertThat(seen).isEqualTo(batches.perSeries());
        assertThat(batches.perSeries().values().stream()
                        .mapToInt(Integer::intValue)
                        .sum())
                .isEqualTo(batches.readings());
    }

    @Test
    void noTwoBatchesOfAGatewayShareASeriesAndTimestamp() throws Exception {
        Set<String> points = new HashSet<>();
        int total = 0;
        for (int sequence = 0; sequence < 5; sequence++) {
            for (Reading r : BatchCodec.json()
                    .decode(batches.json("peers-c-paced-000", sequence))
                    .readings()) {
                Instant t = r.time();
                points.add(r.quantity() + " " + r.sensorId() + " " + t);
                total++;
            }
        }

        assertThat(points).hasSize(total);
    }

    @Test
    void refusesAGatewayIdOfAnotherLength() {
        assertThatThrownBy(() -> batches.json("peers-c-overld-000", 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("must be 17 characters long");
    }
}
