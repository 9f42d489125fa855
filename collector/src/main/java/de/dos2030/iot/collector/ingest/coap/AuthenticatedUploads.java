package de.dos2030.iot.collector.ingest.coap;

import org.eclipse.californium.core.coap.BlockOption;
import org.eclipse.californium.core.coap.CoAP.ResponseCode;
import org.eclipse.californium.core.coap.Request;
import org.eclipse.californium.core.coap.Response;
import org.eclipse.californium.core.network.CoapStackFactory;
import org.eclipse.californium.core.network.Exchange;
import org.eclipse.californium.core.network.stack.BlockwiseLayer;
import org.eclipse.californium.core.network.stack.CoapUdpStack;
import org.eclipse.californium.core.network.stack.Layer;

/**
 * Californium's UDP stack (plain and DTLS) with one change: the first block of a block-wise upload
 * from a sender without gateway credentials is answered 4.01 at once, so an unauthenticated client
 * never makes the collector buffer a body (up to {@code max-payload-bytes} each, kept for
 * {@code blockwise-lifetime}). Later blocks without a first block are refused by Californium itself
 * (4.08). Single-message requests are checked by the resource as before.
 */
final class AuthenticatedUploads {
    private AuthenticatedUploads() {}

    static CoapStackFactory stackFactory(CoapCredentials credentials) {
        return (protocol, tag, config, outbox, customArgument) -> new CoapUdpStack(tag, config, outbox) {
            @Override
            protected Layer createBlockwiseLayer(
                    String layerTag, org.eclipse.californium.elements.config.Configuration c) {
                // Called from CoapUdpStack's constructor: uses only the captured credentials.
                return new BlockwiseLayer(layerTag, false, c) {
                    @Override
                    public void receiveRequest(Exchange exchange, Request request) {
                        BlockOption block1 = request.getOptions().getBlock1();
                        if (block1 != null
                                && block1.getNum() == 0
                                && credentials.sender(request).isEmpty()) {
                            Response refused = Response.createResponse(request, ResponseCode.UNAUTHORIZED);
                            refused.setPayload("no gateway credentials: use CoAPS with the gateway's PSK,"
                                    + " or ?token= where plain CoAP is enabled");
                            exchange.sendResponse(refused);
                            return;
                        }
                        super.receiveRequest(exchange, request);
                    }
                };
            }
        };
    }
}
