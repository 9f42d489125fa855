package de.dos2030.iot.collector;

import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Replaces;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;
import java.time.Clock;

/** With {@code test.mutable-clock=true} the collector runs on a {@link MutableClock}. */
@Factory
@Requires(property = "test.mutable-clock", value = "true")
public class MutableClockFactory {
    @Singleton
    @Replaces(value = Clock.class, factory = TimeFactory.class)
    Clock clock() {
        return new MutableClock();
    }
}
