package de.dos2030.iot.collector;

import io.micronaut.runtime.Micronaut;

/** Starts the collector: the three ingest doors, the gateway registry and the operations endpoints. */
public final class Application {
    private Application() {
    }

    public static void main(String[] args) {
        Micronaut.build(args)
                .mainClass(Application.class)
                .banner(false)
                .eagerInitSingletons(true)
                .start();
    }
}
