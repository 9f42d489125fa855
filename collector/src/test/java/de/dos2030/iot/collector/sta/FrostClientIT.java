package de.dos2030.iot.collector.sta;

import static org.assertj.core.api.Assertions.assertThat;

import de.dos2030.iot.collector.TestCollector;
import de.dos2030.iot.collector.security.Role;
import de.fraunhofer.iosb.ilt.sta.model.Datastream;
import de.fraunhofer.iosb.ilt.sta.model.Observation;
import de.fraunhofer.iosb.ilt.sta.model.Thing;
import de.fraunhofer.iosb.ilt.sta.model.ext.EntityList;
import de.fraunhofer.iosb.ilt.sta.service.SensorThingsService;
import de.fraunhofer.iosb.ilt.sta.service.TokenManager;
import java.net.URL;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.http.HttpRequest;
import org.apache.http.impl.client.CloseableHttpClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A real SensorThings client, FROST-Client 0.44, reads what a gateway sent: Things with their
 * Datastreams ({@code $filter}, {@code $expand}, paging through {@code @iot.nextLink}), and Observations
 * compared value by value with the readings of {@link StaData}.
 */
class FrostClientIT {
    private static TestCollector collector;
    private static StaData.Site site;
    private static SensorThingsService service;

    @BeforeAll
    static void start() throws Exception {
        collector = new TestCollector(Map.of());
        site = StaData.school(collector, "frost-" + UUID.randomUUID().toString().substring(0, 8), false);
        String token = collector.apiToken("frost-" + site.id(), Role.VIEWER);
        service = new SensorThingsService(new URL(collector.url("/sta/v1.1/")));
        service.setTokenManager(new BearerTokenManager(token));
    }

    @AfterAll
    static void stop() {
        collector.close();
    }

    @Test
    void readsThingsWithTheirDatastreamsPageByPage() throws Exception {
        EntityList<Thing> things = service.things()
                .query()
                .filter("properties/site eq '" + site.id() + "'")
                .expand("Datastreams($orderby=name)")
                .orderBy("name desc")
                .top(1)
                .count()
                .list();
        assertThat(things.getCount()).isEqualTo(2);
        List<String> names = new ArrayList<>();
        List<String> units = new ArrayList<>();
        for (Iterator<Thing> it = things.fullIterator(); it.hasNext(); ) {
            Thing t = it.next();
            names.add(t.getName());
            t.getDatastreams().forEach(d -> units.add(d.getUnitOfMeasurement().getSymbol()));
        }
        assertThat(names).as("two pages of one Thing each").containsExactly("Klasse 4b", "Klasse 3a");
        assertThat(units).containsExactlyInAnyOrder("ppm", "degC", "%", "ppm");
    }

    @Test
    void readsTheObservationsThatWereSent() throws Exception {
        Datastream co2 = service.datastreams()
                .query()
                .filter("Thing/properties/key eq '" + site.id() + ":r2' and ObservedProperty/name eq 'CO2'")
                .first();
        assertThat(co2).isNotNull();
        assertThat(co2.getThing().getName()).isEqualTo("Klasse 3a");
        String from = StaData.START.plusSeconds(60L * 30).toString();
        String to = StaData.START.plusSeconds(60L * 55).toString();
        EntityList<Observation> page = co2.observations()
                .query()
                .filter("phenomenonTime ge " + from + " and phenomenonTime lt " + to)
                .orderBy("phenomenonTime asc")
                .top(10)
                .list();
        List<Double> results = new ArrayList<>();
        List<String> times = new ArrayList<>();
        for (Iterator<Observation> it = page.fullIterator(); it.hasNext(); ) {
            Observation o = it.next();
            results.add(((Number) o.getResult()).doubleValue());
            times.add(o.getPhenomenonTime().getAsDateTime().toInstant().toString());
        }
        List<Double> sent = new ArrayList<>();
        List<String> sentTimes = new ArrayList<>();
        for (int i = 30; i < 55; i++) {
            sent.add(900.0 + i);
            sentTimes.add(StaData.START.plusSeconds(60L * i).toString());
        }
        assertThat(results).isEqualTo(sent);
        assertThat(times).isEqualTo(sentTimes);
    }

    /** Sends the collector's API token with every request of the client. */
    private static final class BearerTokenManager implements TokenManager<BearerTokenManager> {
        private final String token;
        private CloseableHttpClient client;

        BearerTokenManager(String token) {
            this.token = token;
        }

        @Override
        public void addAuthHeader(HttpRequest request) {
            request.addHeader("Authorization", "Bearer " + token);
        }

        @Override
        public BearerTokenManager setHttpClient(CloseableHttpClient httpClient) {
            this.client = httpClient;
            return this;
        }

        @Override
        public CloseableHttpClient getHttpClient() {
            return client;
        }
    }
}
