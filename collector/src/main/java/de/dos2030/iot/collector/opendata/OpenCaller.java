package de.dos2030.iot.collector.opendata;

import de.dos2030.iot.collector.security.Caller;
import io.micronaut.http.HttpRequest;

/**
 * Who asks an open endpoint, as {@link OpenAccessFilter} found: anonymous (the public tier applies:
 * public sites only, delayed and coarsened by {@link PublicTier}) or a holder of an API token (everything, live).
 */
public enum OpenCaller {
    ANONYMOUS,
    TOKEN;

    /** The caller of a request under {@code /open/**} or {@code /sta/**}. */
    public static OpenCaller of(HttpRequest<?> request) {
        return request.getAttribute(Caller.ATTRIBUTE, Caller.class).isPresent() ? TOKEN : ANONYMOUS;
    }

    public boolean anonymous() {
        return this == ANONYMOUS;
    }
}
