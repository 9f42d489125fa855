/**
 * What every HTTP controller of the collector shares: the error answer ({@link
 * de.dos2030.iot.collector.api.ErrorAnswer}, always {@code {"error": "..."}}), one exception handler
 * per kind of error, and the id rule for request parameters ({@link de.dos2030.iot.collector.api.ValidId}).
 *
 * <p>Errors are classified once, as Eclipse Hono does: the caller's fault is 4xx (do not retry as
 * is: 400 bad request, 404 not found, 409 conflict); ours or a dependency's is 503 with
 * {@code Retry-After} (try again later). A controller throws the exception of its kind; it does not
 * build error answers itself. This package depends on no feature package but {@code statedb}.
 */
package de.dos2030.iot.collector.api;
