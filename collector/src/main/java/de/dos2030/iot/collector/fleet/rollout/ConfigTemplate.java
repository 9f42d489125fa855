package de.dos2030.iot.collector.fleet.rollout;

import de.dos2030.iot.collector.gateways.Gateway;

/**
 * One gateway file for many gateways: {@code {{gateway}}} and {@code {{site}}} stand for each gateway's id and
 * site id (a gateway file names its gateway and site, so the same bytes cannot serve two gateways). A file
 * without them can go to the one gateway it names.
 */
public final class ConfigTemplate {
    static final String GATEWAY = "{{gateway}}";
    static final String SITE = "{{site}}";

    private ConfigTemplate() {}

    public static String render(String template, Gateway g) {
        return template.replace(GATEWAY, g.id()).replace(SITE, g.siteId());
    }
}
