package de.dos2030.iot.collector.security;

import io.micronaut.core.bind.ArgumentBinder;
import io.micronaut.core.convert.ArgumentConversionContext;
import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.bind.binders.PostponedRequestArgumentBinder;
import io.micronaut.http.bind.binders.TypedRequestArgumentBinder;
import jakarta.inject.Singleton;
import java.security.Principal;

/**
 * Binds a route's {@link Principal} argument to the one {@link OperationsAccessFilter} put on the
 * request (Micronaut binds none without Micronaut Security): how the health endpoint learns that
 * an admin asks. Postponed, since the filter runs after the route is matched.
 */
@Singleton
class PrincipalBinder implements TypedRequestArgumentBinder<Principal>, PostponedRequestArgumentBinder<Principal> {

    @Override
    public Argument<Principal> argumentType() {
        return Argument.of(Principal.class);
    }

    @Override
    public ArgumentBinder.BindingResult<Principal> bind(
            ArgumentConversionContext<Principal> context, HttpRequest<?> source) {
        return source.getUserPrincipal().isPresent()
                ? bindPostponed(context, source)
                : ArgumentBinder.BindingResult.unsatisfied();
    }

    @Override
    public ArgumentBinder.BindingResult<Principal> bindPostponed(
            ArgumentConversionContext<Principal> context, HttpRequest<?> source) {
        return source::getUserPrincipal;
    }
}
