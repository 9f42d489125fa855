package de.dos2030.iot.collector.ingest.coap;

/** Lets other ITs post with the real coap-client-notls. */
public final class CoapIngestITSupport {
    private CoapIngestITSupport() {}

    public static String post(int plainPort, byte[] payload, int contentFormat, String query) throws Exception {
        CoapIngestIT.plainPort = plainPort;
        return CoapIngestIT.coapClient(payload, contentFormat, query);
    }
}
