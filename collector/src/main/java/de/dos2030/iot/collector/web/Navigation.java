package de.dos2030.iot.collector.web;

import de.dos2030.iot.collector.security.Role;
import de.dos2030.iot.collector.web.session.WebSession;
import io.micronaut.core.annotation.Nullable;
import java.util.ArrayList;
import java.util.List;

/**
 * The main navigation, in one list: a new page (classroom, bridge, explorer) adds its line here.
 * An entry whose role the person lacks is not shown (the page itself refuses them too); before
 * sign-in every entry that needs only a viewer is shown, and leads to the sign-in page.
 */
public final class Navigation {
    /** One entry: its path, its message key, the least role that sees it. */
    public record Entry(String path, String key, Role least) {}

    public static final List<Entry> ENTRIES = List.of(
            new Entry("/", "nav.start", Role.VIEWER),
            new Entry("/schulen", "nav.schools", Role.VIEWER),
            new Entry("/bruecken", "nav.bridges", Role.VIEWER),
            new Entry("/flotte", "nav.fleet", Role.VIEWER),
            new Entry("/explorer", "nav.explorer", Role.VIEWER),
            new Entry("/alarme", "nav.alerts", Role.VIEWER),
            new Entry("/abos", "nav.subscriptions", Role.ENGINEER));

    /** A link as the layout shows it; {@code current} marks the page the person is on (aria-current). */
    public record Link(String path, String key, boolean current) {
        /** The start page's own entry (templates' OGNL reads {@code '/'} as a character). */
        public boolean home() {
            return path.equals("/");
        }
    }

    private Navigation() {}

    /** The links this person sees on a page at {@code path}. */
    public static List<Link> links(@Nullable WebSession session, String path) {
        List<Link> out = new ArrayList<>();
        for (Entry e : ENTRIES) {
            Role role = session == null ? Role.VIEWER : session.role();
            if (role.includes(e.least())) {
                boolean current = e.path().equals("/")
                        ? path.equals("/")
                        : path.equals(e.path()) || path.startsWith(e.path() + "/");
                out.add(new Link(e.path(), e.key(), current));
            }
        }
        return out;
    }
}
