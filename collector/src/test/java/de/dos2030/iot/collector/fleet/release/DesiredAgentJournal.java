package de.dos2030.iot.collector.fleet.release;

import de.dos2030.iot.collector.fleet.DesiredAgentChanged;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.event.ApplicationEventListener;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** With {@code test.desired-agent-journal=true}: every {@link DesiredAgentChanged} of this JVM, in one list. */
@Singleton
@Requires(property = "test.desired-agent-journal", value = "true")
public class DesiredAgentJournal implements ApplicationEventListener<DesiredAgentChanged> {
    static final List<DesiredAgentChanged> ALL = new CopyOnWriteArrayList<>();

    @Override
    public void onApplicationEvent(DesiredAgentChanged event) {
        ALL.add(event);
    }
}
