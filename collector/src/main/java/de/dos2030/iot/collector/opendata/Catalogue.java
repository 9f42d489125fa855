package de.dos2030.iot.collector.opendata;

import de.dos2030.iot.collector.places.PlaceDirectory;
import de.dos2030.iot.model.SiteKind;
import de.dos2030.iot.model.WireNames;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Locale;

/**
 * The DCAT-AP.de catalogue of the open data, for the city's open-data portal (a CKAN/DCAT harvester):
 * one {@code dcat:Dataset} per public site, with per location a CSV distribution (the last whole public
 * day, at the public tier's window; the description gives the URL pattern) and a SensorThings
 * distribution (the location's Thing), licence, publisher, contact point, spatial coverage (the site's
 * registry position), update frequency and dates. Built per request from the place registry (cached
 * there), written by {@link TurtleWriter} or {@link JsonLdWriter}. Thread-safe.
 */
@Singleton
public class Catalogue {
    private static final String FREQUENCY = "http://publications.europa.eu/resource/authority/frequency/";
    private static final String FILE_TYPE = "http://publications.europa.eu/resource/authority/file-type/";

    private final PlaceDirectory places;
    private final PublicTier tier;
    private final OpenPublication pub;
    private final Clock clock;

    public Catalogue(PlaceDirectory places, PublicTier tier, OpenPublication pub, Clock clock) {
        this.places = places;
        this.tier = tier;
        this.pub = pub;
        this.clock = clock;
    }

    /** The catalogue as a graph, its links starting with {@code base}. */
    RdfGraph graph(String base) {
        RdfGraph g = new RdfGraph()
                .prefix("dcat", "http://www.w3.org/ns/dcat#")
                .prefix("dct", "http://purl.org/dc/terms/")
                .prefix("dcatde", "http://dcat-ap.de/def/dcatde/")
                .prefix("foaf", "http://xmlns.com/foaf/0.1/")
                .prefix("vcard", "http://www.w3.org/2006/vcard/ns#")
                .prefix("locn", "http://www.w3.org/ns/locn#")
                .prefix("geo", "http://www.opengis.net/ont/geosparql#")
                .prefix("xsd", RdfGraph.XSD);
        Instant now = clock.instant();
        RdfGraph.Iri catalog = g.iri(base + "/open/v1/catalog");
        RdfGraph.Blank publisher = g.blank();
        g.type(publisher, "foaf:Organization")
                .add(publisher, "foaf:name", RdfGraph.text(pub.publisherName(), null))
                .add(publisher, "foaf:homepage", g.iri(pub.publisherUrl()));
        g.type(catalog, "dcat:Catalog")
                .add(catalog, "dct:title", RdfGraph.text("Offene Messdaten des DOS-IoT-Programms", "de"))
                .add(catalog, "dct:title", RdfGraph.text("Open measurements of the DOS IoT programme", "en"))
                .add(
                        catalog,
                        "dct:description",
                        RdfGraph.text(
                                "Luftqualität in Klassenräumen und Zustand von Brücken: Messwerte als CSV und"
                                        + " über die OGC SensorThings API.",
                                "de"))
                .add(catalog, "dct:publisher", publisher)
                .add(catalog, "foaf:homepage", g.iri(base + "/open/v1/catalog"))
                .add(catalog, "dct:language", g.iri("http://publications.europa.eu/resource/authority/language/DEU"))
                .add(catalog, "dct:license", g.iri(pub.licenceUri()))
                .add(catalog, "dct:issued", pub.issued() == null ? null : RdfGraph.typed(pub.issued(), "date"))
                .add(
                        catalog,
                        "dct:modified",
                        RdfGraph.typed(
                                LocalDate.ofInstant(now, PlaceDirectory.DEFAULT_ZONE)
                                        .toString(),
                                "date"));
        for (PlaceDirectory.Site site : places.sites().values()) {
            if (site.isPublic()) {
                g.add(catalog, "dcat:dataset", dataset(g, site, base, publisher, now));
            }
        }
        return g;
    }

    private RdfGraph.Iri dataset(
            RdfGraph g, PlaceDirectory.Site site, String base, RdfGraph.Blank publisher, Instant now) {
        SiteKind kind = WireNames.parse(SiteKind.class, site.kind());
        kind = kind == null ? SiteKind.SCHOOL : kind;
        Instant until = tier.publicUntil(kind, site.zone(), now);
        LocalDate lastDay = LocalDate.ofInstant(until, site.zone()).minusDays(1);
        Duration window = tier.minWindow(kind);
        String name = site.name() == null ? site.id() : site.name();
        boolean school = kind == SiteKind.SCHOOL;
        int delay = school ? tier.schoolDelayDays() : tier.bridgeDelayDays();
        RdfGraph.Iri d = g.iri(base + "/open/v1/sites/" + site.id() + "#dataset");
        g.type(d, "dcat:Dataset")
                .add(d, "dct:identifier", RdfGraph.text(site.id(), null))
                .add(d, "dct:title", RdfGraph.text((school ? "Raumluft " : "Brückenmonitoring ") + name, "de"))
                .add(
                        d,
                        "dct:description",
                        RdfGraph.text(
                                (school
                                                ? "CO2, Temperatur und Luftfeuchte der Räume von "
                                                : "Dehnung, Neigung und Schwingungen der Abschnitte von ")
                                        + name + ". Öffentlich nach " + delay
                                        + " Tag(en) Verzögerung, in Fenstern von mindestens " + Export.label(window)
                                        + ".",
                                "de"))
                .add(d, "dcat:keyword", RdfGraph.text(school ? "Luftqualität" : "Bauwerksüberwachung", "de"))
                .add(d, "dcat:keyword", RdfGraph.text("Sensoren", "de"))
                .add(d, "dct:publisher", publisher)
                .add(d, "dct:license", g.iri(pub.licenceUri()))
                .add(d, "dcatde:licenseAttributionByText", RdfGraph.text(pub.licenceAttribution(), "de"))
                .add(d, "dct:accrualPeriodicity", g.iri(FREQUENCY + (delay == 0 ? "HOURLY" : "DAILY")))
                .add(d, "dct:issued", pub.issued() == null ? null : RdfGraph.typed(pub.issued(), "date"))
                .add(d, "dct:modified", RdfGraph.typed(lastDay.toString(), "date"));
        RdfGraph.Blank contact = g.blank();
        g.type(contact, "vcard:Organization")
                .add(contact, "vcard:fn", RdfGraph.text(pub.contactName(), null))
                .add(contact, "vcard:hasEmail", g.iri("mailto:" + pub.contactEmail()));
        g.add(d, "dcat:contactPoint", contact);
        if (site.position() != null) {
            RdfGraph.Blank where = g.blank();
            String wkt = String.format(
                    Locale.ROOT,
                    "POINT(%s %s)",
                    site.position().lon(),
                    site.position().lat());
            g.type(where, "dct:Location")
                    .add(
                            where,
                            "dcat:centroid",
                            new RdfGraph.Literal(wkt, "http://www.opengis.net/ont/geosparql#wktLiteral", null))
                    .add(
                            where,
                            "locn:geometry",
                            new RdfGraph.Literal(wkt, "http://www.opengis.net/ont/geosparql#wktLiteral", null));
            g.add(d, "dct:spatial", where);
        }
        for (PlaceDirectory.Location at : places.locations(site.id()).values()) {
            String locName = at.name() == null ? at.id() : at.name();
            String exports = base + "/open/v1/sites/" + site.id() + "/locations/" + at.id() + "/";
            RdfGraph.Iri csv = g.iri(exports + lastDay + ".csv?window=" + Export.label(window));
            RdfGraph.Iri dist = g.iri(exports + "#csv");
            g.type(dist, "dcat:Distribution")
                    .add(dist, "dct:title", RdfGraph.text("CSV " + locName, "de"))
                    .add(
                            dist,
                            "dct:description",
                            RdfGraph.text(
                                    "Ein Tag: " + exports + "<jjjj-mm-tt>.csv, ein Monat mit datapackage.json: "
                                            + exports + "<jjjj-mm>.zip; Parameter window=" + Export.label(window)
                                            + "|1h und dialect=rfc4180|excel-de (Semikolon, Dezimalkomma).",
                                    "de"))
                    .add(dist, "dcat:accessURL", csv)
                    .add(dist, "dcat:downloadURL", csv)
                    .add(dist, "dct:format", g.iri(FILE_TYPE + "CSV"))
                    .add(dist, "dcat:mediaType", g.iri("https://www.iana.org/assignments/media-types/text/csv"))
                    .add(dist, "dct:license", g.iri(pub.licenceUri()))
                    .add(dist, "dcatde:licenseAttributionByText", RdfGraph.text(pub.licenceAttribution(), "de"))
                    .add(dist, "dct:modified", RdfGraph.typed(lastDay.toString(), "date"));
            g.add(d, "dcat:distribution", dist);
            RdfGraph.Iri thing = g.iri(base + "/sta/v1.1/Things('" + site.id() + ":" + at.id() + "')");
            RdfGraph.Iri sta = g.iri(exports + "#sensorthings");
            g.type(sta, "dcat:Distribution")
                    .add(sta, "dct:title", RdfGraph.text("SensorThings API " + locName, "de"))
                    .add(sta, "dcat:accessURL", thing)
                    .add(sta, "dct:conformsTo", g.iri("http://www.opengis.net/doc/is/sensorthings/1.1"))
                    .add(sta, "dct:format", g.iri(FILE_TYPE + "JSON"))
                    .add(sta, "dcat:mediaType", g.iri("https://www.iana.org/assignments/media-types/application/json"))
                    .add(sta, "dct:license", g.iri(pub.licenceUri()))
                    .add(sta, "dcatde:licenseAttributionByText", RdfGraph.text(pub.licenceAttribution(), "de"));
            g.add(d, "dcat:distribution", sta);
        }
        return d;
    }
}
