package de.dos2030.iot.collector.sta.filter;

/** A {@code $filter}, {@code $orderby} or other query option that cannot be read or evaluated: HTTP 400. */
public class FilterException extends RuntimeException {
    public FilterException(String message) {
        super(message);
    }
}
