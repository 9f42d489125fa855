package de.dos2030.iot.collector.opendata;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.bind.annotation.Bindable;
import jakarta.validation.constraints.NotBlank;

/**
 * Who publishes the open data and under which licence ({@code collector.open.licence-*},
 * {@code collector.open.publisher-*}, {@code collector.open.contact-*}, {@code collector.open.public-url}),
 * as written into every export's {@code datapackage.json} and the DCAT-AP.de catalogue.
 *
 * @param publicUrl          the collector's address as the public reaches it ({@code https://daten.example.de});
 *                           unset: taken from each request's {@code Host} header (set it in production,
 *                           so links do not depend on what a client sends)
 * @param licenceId          short id ({@code dl-by-de/2.0})
 * @param licenceTitle       the licence's name
 * @param licenceUrl         where people read the licence
 * @param licenceUri         the licence in the DCAT-AP.de vocabulary ({@code http://dcat-ap.de/def/licenses/...})
 * @param licenceAttribution the attribution the licence asks for (dcatde:licenseAttributionByText)
 * @param publisherName      the organisation that publishes (dct:publisher)
 * @param publisherUrl       its web site
 * @param contactName        who answers questions about the data (dcat:contactPoint)
 * @param contactEmail       their e-mail address
 * @param issued             when the programme first published (dct:issued of the catalogue and its
 *                           datasets, {@code yyyy-mm-dd}); unset: left out
 */
@ConfigurationProperties("collector.open")
public record OpenPublication(
        @Nullable String publicUrl,
        @Bindable(defaultValue = "dl-by-de/2.0") @NotBlank String licenceId,

        @Bindable(defaultValue = "Datenlizenz Deutschland – Namensnennung – Version 2.0") @NotBlank
        String licenceTitle,

        @Bindable(defaultValue = "https://www.govdata.de/dl-de/by-2-0") @NotBlank
        String licenceUrl,

        @Bindable(defaultValue = "http://dcat-ap.de/def/licenses/dl-by-de/2.0") @NotBlank
        String licenceUri,

        @Bindable(defaultValue = "DOS IoT Messprogramm") @NotBlank
        String licenceAttribution,

        @Bindable(defaultValue = "DOS IoT Messprogramm") @NotBlank
        String publisherName,

        @Bindable(defaultValue = "https://github.com/dos2030/dos-iot") @NotBlank
        String publisherUrl,

        @Bindable(defaultValue = "DOS IoT Datenteam") @NotBlank
        String contactName,

        @Bindable(defaultValue = "daten@dos-iot.example") @NotBlank
        String contactEmail,

        @Nullable String issued) {

    public OpenPublication {
        if (publicUrl != null && !publicUrl.matches("https?://[^\\s/?#]+(/[^\\s?#]*)?")) {
            throw new IllegalArgumentException("collector.open.public-url '" + publicUrl
                    + "' is not an http(s) address such as https://daten.example.de");
        }
        if (issued != null) {
            try {
                java.time.LocalDate.parse(issued);
            } catch (java.time.format.DateTimeParseException e) {
                throw new IllegalArgumentException(
                        "collector.open.issued '" + issued + "' is not a date: write it as yyyy-mm-dd");
            }
        }
        if (publicUrl != null && publicUrl.endsWith("/")) {
            publicUrl = publicUrl.substring(0, publicUrl.length() - 1);
        }
    }

    /** The base address of links: the configured public URL, or {@code http://<Host>} of the request. */
    public String base(@Nullable String host) {
        if (publicUrl != null) {
            return publicUrl;
        }
        String h = host == null || !host.matches("[A-Za-z0-9.\\-\\[\\]:]{1,200}") ? "localhost" : host;
        return "http://" + h;
    }
}
