package de.dos2030.iot.collector.web;

import de.dos2030.iot.collector.web.assets.Assets;
import de.dos2030.iot.collector.web.session.WebSession;
import io.micronaut.core.annotation.Nullable;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * What the layout (views/layout.html) shows around every page: language and its switch, the
 * person and their role, the navigation, the CSRF token for the sign-out form, the asset URLs.
 *
 * @param lang       the page's language tag (de, en)
 * @param otherLang  the language the switch offers
 * @param here       path and query of this page, where the switch and sign-in lead back to
 * @param user       who is signed in, or null
 * @param csrf       the token every form of this page carries
 */
public record PageLayout(
        String lang,
        String otherLang,
        String here,
        @Nullable WebSession user,
        String csrf,
        List<Navigation.Link> nav,
        Assets assets) {

    public String languageSwitchUrl() {
        return "/sprache/" + otherLang + "?zurueck=" + encode(here);
    }

    public String signInUrl() {
        return "/anmelden"
                + (here.equals(ReturnPath.HOME) || here.startsWith("/anmelden") ? "" : "?ziel=" + encode(here));
    }

    /** The message key of the signed-in person's role. */
    public String roleKey() {
        return user == null ? "" : "role." + user.role().wireName();
    }

    static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
