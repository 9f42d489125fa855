package de.dos2030.iot.collector;

import de.dos2030.iot.model.validation.Validator;
import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;
import java.time.Clock;

/** The clock everything that decides by time uses (tests replace it), and the validator that uses it. */
@Factory
public class TimeFactory {

    @Singleton
    Clock clock() {
        return Clock.systemUTC();
    }

    @Singleton
    Validator validator(Clock clock) {
        return new Validator(clock);
    }
}
