package de.dos2030.iot.collector.web.subscriptions;

import de.dos2030.iot.collector.alerts.delivery.Subscription;
import de.dos2030.iot.collector.alerts.delivery.Subscriptions;
import de.dos2030.iot.collector.alerts.delivery.WebhookPreset;
import de.dos2030.iot.collector.security.Caller;
import de.dos2030.iot.collector.security.Role;
import de.dos2030.iot.collector.web.Pages;
import de.dos2030.iot.collector.web.session.PageAccess;
import de.dos2030.iot.collector.web.session.WebSession;
import de.dos2030.iot.collector.words.Language;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.swagger.v3.oas.annotations.Hidden;
import java.net.URI;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The subscriptions pages ({@code /abos}, English {@code /subscriptions}; engineer and up, as the
 * API): the list with delivery counts, a form for a new one (webhook, e-mail, MQTT) with a GOV.UK
 * error summary and a message at each field, one subscription with its deliveries, a test message,
 * and the retry of a dead delivery. Everything goes through {@link Subscriptions}, as the API does;
 * another person's subscription is "not found" to an engineer.
 */
@Controller
@Hidden
@Produces(MediaType.TEXT_HTML)
@ExecuteOn(TaskExecutors.BLOCKING)
@PageAccess(Role.ENGINEER)
public class SubscriptionsPageController {
    static final List<String> CHANNELS = List.of("webhook", "email", "mqtt");
    static final List<String> DELIVERY_STATUSES = List.of("pending", "delivered", "dead");
    static final List<String> LANGUAGES =
            java.util.Arrays.stream(Language.values()).map(Language::tag).toList();
    static final List<String> PRESETS = java.util.Arrays.stream(WebhookPreset.values())
            .map(WebhookPreset::wireName)
            .toList();

    private final Subscriptions subscriptions;
    private final Pages pages;

    public SubscriptionsPageController(Subscriptions subscriptions, Pages pages) {
        this.subscriptions = subscriptions;
        this.pages = pages;
    }

    @Get("/abos")
    public MutableHttpResponse<String> list(HttpRequest<?> request) {
        return pages.ok(request, "subscriptions/list", Map.of("subscriptions", subscriptions.list(caller(request))));
    }

    @Get("/subscriptions")
    public MutableHttpResponse<String> listEnglish(HttpRequest<?> request) {
        return list(request);
    }

    @Get("/abos/neu")
    public MutableHttpResponse<String> form(HttpRequest<?> request) {
        return form(request, HttpStatus.OK, SubscriptionForm.empty(), List.of());
    }

    @Post(value = "/abos", consumes = MediaType.APPLICATION_FORM_URLENCODED)
    public MutableHttpResponse<String> create(
            HttpRequest<?> request,
            @Nullable String name,
            @Nullable String channel,
            @Nullable String target,
            @Nullable String art,
            @Nullable String standort,
            @Nullable String gateway,
            @Nullable String schwere,
            @Nullable String language,
            @Nullable String preset) {
        SubscriptionForm form =
                SubscriptionForm.of(name, channel, target, art, standort, gateway, schwere, language, preset);
        List<Subscriptions.Problem> problems = subscriptions.problems(form.draft());
        if (!problems.isEmpty()) {
            return form(request, HttpStatus.BAD_REQUEST, form, SubscriptionForm.errors(problems));
        }
        Subscription created = subscriptions.create(caller(request), form.draft(), request);
        // the page itself, not a redirect: a webhook's signing secret is shown this once
        return pages.render(request, HttpStatus.CREATED, "subscriptions/created", Map.of("sub", created));
    }

    @Get("/abos/{id}")
    public MutableHttpResponse<String> detail(
            HttpRequest<?> request, @PathVariable String id, @Nullable @QueryValue String status) {
        return detail(request, HttpStatus.OK, id, status, null);
    }

    @Post(value = "/abos/{id}/test", consumes = MediaType.APPLICATION_FORM_URLENCODED)
    public MutableHttpResponse<String> test(HttpRequest<?> request, @PathVariable String id) {
        Subscriptions.TestOutcome outcome = subscriptions.testSend(caller(request), id);
        return detail(request, HttpStatus.OK, id, null, outcome);
    }

    @Post(value = "/abos/{id}/zustellungen/{deliveryId}/wiederholen", consumes = MediaType.APPLICATION_FORM_URLENCODED)
    public MutableHttpResponse<?> retry(
            HttpRequest<?> request, @PathVariable String id, @PathVariable long deliveryId) {
        subscriptions.retry(caller(request), id, deliveryId);
        return HttpResponse.seeOther(URI.create("/abos/" + id + "?wiederholt=" + deliveryId));
    }

    private MutableHttpResponse<String> detail(
            HttpRequest<?> request,
            HttpStatus status,
            String id,
            @Nullable String deliveryStatus,
            @Nullable Subscriptions.TestOutcome outcome) {
        String shown = deliveryStatus == null || deliveryStatus.isBlank() ? "" : deliveryStatus;
        if (!shown.isEmpty() && !DELIVERY_STATUSES.contains(shown)) {
            return pages.problem(
                    request,
                    HttpStatus.BAD_REQUEST,
                    "status '" + shown + "' is unknown (allowed: " + String.join(", ", DELIVERY_STATUSES) + ")");
        }
        Caller caller = caller(request);
        Map<String, Object> model = new HashMap<>();
        model.put("sub", subscriptions.get(caller, id));
        model.put("deliveries", subscriptions.deliveries(caller, id, shown.isEmpty() ? null : shown, 100));
        model.put("status", shown);
        model.put("statuses", DELIVERY_STATUSES);
        model.put("outcome", outcome);
        model.put("retried", request.getParameters().get("wiederholt"));
        return pages.render(request, status, "subscriptions/detail", model);
    }

    private MutableHttpResponse<String> form(
            HttpRequest<?> request,
            HttpStatus status,
            SubscriptionForm form,
            List<SubscriptionForm.FieldError> errors) {
        Map<String, Object> model = new HashMap<>();
        model.put("form", form);
        model.put("errors", errors);
        Map<String, SubscriptionForm.FieldError> byField = new HashMap<>();
        errors.forEach(e -> byField.putIfAbsent(e.field(), e));
        model.put("errorOf", byField);
        model.put("channels", CHANNELS);
        model.put("languages", LANGUAGES);
        model.put("presets", PRESETS);
        return pages.render(request, status, "subscriptions/form", model);
    }

    private static Caller caller(HttpRequest<?> request) {
        return WebSession.required(request).caller();
    }
}
