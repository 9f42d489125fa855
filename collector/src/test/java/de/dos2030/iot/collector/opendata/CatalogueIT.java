package de.dos2030.iot.collector.opendata;

import static org.assertj.core.api.Assertions.assertThat;

import de.dos2030.iot.collector.TestCollector;
import java.io.ByteArrayInputStream;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.jena.rdf.model.Model;
import org.apache.jena.rdf.model.ModelFactory;
import org.apache.jena.rdf.model.Property;
import org.apache.jena.rdf.model.Resource;
import org.apache.jena.riot.Lang;
import org.apache.jena.riot.RDFParser;
import org.apache.jena.vocabulary.DCAT;
import org.apache.jena.vocabulary.DCTerms;
import org.apache.jena.vocabulary.RDF;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The DCAT-AP.de catalogue read back by Apache Jena, as a harvester would: JSON-LD and Turtle give the
 * same graph, with one dataset per public site and the properties DCAT-AP.de requires (and those it
 * recommends that we can fill).
 */
class CatalogueIT {
    static final String DCATDE = "http://dcat-ap.de/def/dcatde/";
    static TestCollector collector;
    static String site;
    static String hidden;

    @BeforeAll
    static void start() throws Exception {
        collector = new TestCollector(Map.of("collector.open.public-url", "https://daten.example.de"));
        String id = UUID.randomUUID().toString().substring(0, 8);
        site = "cat-" + id;
        hidden = "cath-" + id;
        OpenData.seed(collector, "catg-" + id, site, Instant.now());
        OpenData.seed(collector, "cathg-" + id, hidden, Instant.now());
        HttpResponse<String> r =
                collector.send("PATCH", "/api/v1/sites/" + site, TestCollector.ADMIN_TOKEN, "{\"public\":true}");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    }

    @AfterAll
    static void stop() {
        collector.close();
    }

    static Model read(String accept, Lang lang) throws Exception {
        HttpResponse<byte[]> r = OpenData.get(collector, "/open/v1/catalog", null, null, "Accept", accept);
        assertThat(r.statusCode()).as(new String(r.body())).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type").orElseThrow()).startsWith(lang.getHeaderString());
        Model m = ModelFactory.createDefaultModel();
        RDFParser.source(new ByteArrayInputStream(r.body())).lang(lang).parse(m);
        return m;
    }

    @Test
    void jsonLdAndTurtleDescribeTheSameCatalogue() throws Exception {
        Model jsonLd = read("application/ld+json", Lang.JSONLD);
        Model turtle = read("text/turtle", Lang.TURTLE);
        assertThat(jsonLd.size()).isGreaterThan(30);
        assertThat(jsonLd.isIsomorphicWith(turtle)).isTrue();
        assertThat(read("*/*", Lang.JSONLD).isIsomorphicWith(jsonLd)).isTrue();
    }

    @Test
    void theCatalogueListsPublicSitesOnlyWithTheRequiredDcatApDeProperties() throws Exception {
        Model m = read("text/turtle", Lang.TURTLE);
        List<Resource> catalogs =
                m.listSubjectsWithProperty(RDF.type, DCAT.Catalog).toList();
        assertThat(catalogs).hasSize(1);
        Resource catalog = catalogs.get(0);
        requires(catalog, DCTerms.title, DCTerms.description, DCTerms.publisher, DCAT.dataset);
        Resource dataset = m.getResource("https://daten.example.de/open/v1/sites/" + site + "#dataset");
        assertThat(m.contains(catalog, DCAT.dataset, dataset)).isTrue();
        assertThat(m.contains(
                        catalog,
                        DCAT.dataset,
                        m.getResource("https://daten.example.de/open/v1/sites/" + hidden + "#dataset")))
                .isFalse();
        requires(
                dataset,
                DCTerms.title,
                DCTerms.description,
                DCTerms.publisher,
                DCAT.contactPoint,
                DCTerms.spatial,
                DCTerms.accrualPeriodicity,
                DCTerms.modified,
                DCAT.keyword,
                DCAT.distribution);
        assertThat(dataset.getPropertyResourceValue(DCTerms.accrualPeriodicity).getURI())
                .isEqualTo("http://publications.europa.eu/resource/authority/frequency/DAILY");
        assertThat(dataset.getPropertyResourceValue(DCTerms.spatial)
                        .getProperty(DCAT.centroid)
                        .getString())
                .isEqualTo("POINT(7.3855 51.4957)");
        assertThat(dataset.getPropertyResourceValue(DCTerms.publisher)
                        .hasProperty(m.createProperty("http://xmlns.com/foaf/0.1/name")))
                .isTrue();
        List<Resource> distributions = m.listObjectsOfProperty(dataset, DCAT.distribution)
                .mapWith(n -> n.asResource())
                .toList();
        assertThat(distributions).hasSize(2);
        for (Resource d : distributions) {
            requires(
                    d,
                    DCAT.accessURL,
                    DCTerms.license,
                    DCTerms.format,
                    m.createProperty(DCATDE + "licenseAttributionByText"));
            assertThat(d.getPropertyResourceValue(DCTerms.license).getURI())
                    .isEqualTo("http://dcat-ap.de/def/licenses/dl-by-de/2.0");
        }
        assertThat(distributions.stream()
                        .map(d -> d.getPropertyResourceValue(DCAT.accessURL).getURI()))
                .contains("https://daten.example.de/sta/v1.1/Things('" + site + ":r204')")
                .anyMatch(u -> u.startsWith("https://daten.example.de/open/v1/sites/" + site + "/locations/r204/"
                        + OpenData.YESTERDAY + ".csv"));
    }

    @Test
    void aCsvLinkOfTheCatalogueDownloads() throws Exception {
        Model m = read("text/turtle", Lang.TURTLE);
        String csv = m.listObjectsOfProperty(DCAT.downloadURL).toList().stream()
                .map(n -> n.asResource().getURI())
                .filter(u -> u.contains("/" + site + "/"))
                .findFirst()
                .orElseThrow();
        HttpResponse<byte[]> r = OpenData.get(collector, csv.replace("https://daten.example.de", ""), null, null);
        assertThat(r.statusCode()).as(new String(r.body())).isEqualTo(200);
        assertThat(new String(r.body())).startsWith("time_local,time_utc,co2 [ppm]");
    }

    private static void requires(Resource r, Property... properties) {
        for (Property p : properties) {
            assertThat(r.hasProperty(p)).as(r + " lacks " + p).isTrue();
        }
    }
}
