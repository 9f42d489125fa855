package de.dos2030.iot.collector.tiers;

import io.micronaut.context.annotation.Requires;
import io.micronaut.context.event.ApplicationEventListener;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** With {@code test.rollup-journal=true}: every recompute of every collector in this JVM, in one list. */
@Singleton
@Requires(property = "test.rollup-journal", value = "true")
public class RecomputeJournal implements ApplicationEventListener<RollupWorker.WindowRecomputed> {
    static final List<RollupWorker.WindowRecomputed> ALL = new CopyOnWriteArrayList<>();

    @Override
    public void onApplicationEvent(RollupWorker.WindowRecomputed event) {
        ALL.add(event);
    }
}
