package de.dos2030.iot.collector.opendata;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringReader;
import org.apache.jena.rdf.model.Model;
import org.apache.jena.rdf.model.ModelFactory;
import org.junit.jupiter.api.Test;

class TurtleWriterTest {

    @Test
    void hostileTextSurvivesTheRoundTripThroughJena() {
        String hostile = "Grundschule \"Kley\" \\ <b>\n\r\t\u0001 ; . @de ^^xsd:int ÄÖÜß 🏫";
        RdfGraph g = new RdfGraph().prefix("dct", "http://purl.org/dc/terms/");
        RdfGraph.Iri s = g.iri("https://example.org/sites/a b>c#dataset");
        g.add(s, "dct:title", RdfGraph.text(hostile, "de")).add(s, "dct:identifier", RdfGraph.text(hostile, null));
        Model m = ModelFactory.createDefaultModel();
        m.read(new StringReader(TurtleWriter.write(g)), null, "TURTLE");
        assertThat(m.size()).isEqualTo(2);
        assertThat(m.listObjects().toList())
                .allSatisfy(o -> assertThat(o.asLiteral().getString()).isEqualTo(hostile));
    }
}
