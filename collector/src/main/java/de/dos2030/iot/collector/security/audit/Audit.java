package de.dos2030.iot.collector.security.audit;

import de.dos2030.iot.collector.security.Caller;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpRequest;
import io.micronaut.json.JsonMapper;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Records a change made by a person or a token in the audit log ({@link AuditLog}): call it after the
 * change succeeded, with the state before and after (any serialisable value; null when there is none).
 * Secrets are taken out here, whatever the caller passes: every field named like a token, secret,
 * password or key becomes {@code "[redacted]"}. Actions are dotted names, {@code <thing>.<verb>}:
 * {@code gateway.register}, {@code token.revoke}, {@code subscription.change}, {@code alert.acknowledge},
 * {@code silence.create}, {@code silence.end}, {@code config.push}, {@code place.edit}.
 *
 * <p>Thread-safe; blocking (writes to the database).
 */
@Singleton
public class Audit {
    static final int MAX_STATE = 8000;
    private static final Set<String> SECRET_FIELDS =
            Set.of("token", "secret", "password", "tokenhash", "token_hash", "passwordhash", "key", "signingsecret");

    private final AuditLog log;
    private final JsonMapper json;

    public Audit(AuditLog log, JsonMapper json) {
        this.log = log;
        this.json = json;
    }

    /** Records a change by this caller, from the client address of this request (null: not over HTTP). */
    public AuditEntry record(
            Caller who,
            @Nullable HttpRequest<?> from,
            String action,
            String target,
            @Nullable Object before,
            @Nullable Object after) {
        return record(who.subject(), who.role().wireName(), clientOf(from), action, target, before, after);
    }

    /** Records a change by an actor that is not an HTTP caller (a script, a scheduled job acting for one). */
    public AuditEntry record(
            String actor,
            @Nullable String actorRole,
            @Nullable String client,
            String action,
            String target,
            @Nullable Object before,
            @Nullable Object after) {
        return log.append(actor, actorRole, client, action, target, state(before), state(after));
    }

    /** The client's address as the server saw it (behind a proxy: the proxy's). */
    @Nullable
    static String clientOf(@Nullable HttpRequest<?> request) {
        if (request == null) {
            return null;
        }
        InetSocketAddress remote = request.getRemoteAddress();
        if (remote == null) {
            return null;
        }
        return remote.getAddress() != null ? remote.getAddress().getHostAddress() : remote.getHostString();
    }

    @Nullable
    private String state(@Nullable Object value) {
        if (value == null) {
            return null;
        }
        try {
            Object tree = json.readValue(json.writeValueAsBytes(value), Argument.OBJECT_ARGUMENT);
            String text = json.writeValueAsString(redact(tree));
            return text.length() <= MAX_STATE ? text : text.substring(0, MAX_STATE - 1) + "…";
        } catch (IOException e) {
            throw new IllegalArgumentException(
                    "audit state of type " + value.getClass().getName() + " cannot be written as JSON: " + e, e);
        }
    }

    /** A copy of a JSON tree (maps, lists, values) with every secret-named field's value replaced. */
    static Object redact(Object tree) {
        if (tree instanceof Map<?, ?> map) {
            Map<String, Object> out = new LinkedHashMap<>();
            map.forEach((k, v) -> out.put(
                    String.valueOf(k),
                    SECRET_FIELDS.contains(String.valueOf(k).toLowerCase(Locale.ROOT))
                            ? (v == null ? null : "[redacted]")
                            : v == null ? null : redact(v)));
            return out;
        }
        if (tree instanceof List<?> list) {
            List<Object> out = new ArrayList<>();
            list.forEach(v -> out.add(v == null ? null : redact(v)));
            return out;
        }
        return tree;
    }
}
