package de.dos2030.iot.collector.ingest.coap;

import io.micrometer.core.instrument.Counter;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.InetSocketAddress;
import java.util.function.IntSupplier;
import org.eclipse.californium.elements.Connector;
import org.eclipse.californium.elements.EndpointContextMatcher;
import org.eclipse.californium.elements.RawData;
import org.eclipse.californium.elements.RawDataChannel;

/**
 * A connector (plain UDP or DTLS) that drops incoming datagrams while the CoAP server has more than
 * {@code limit} tasks waiting, as a full network would. Californium queues every datagram it reads
 * without bound: a flood of 54,000 unauthenticated posts a second kept 161,000 waiting exchanges
 * and 400 MB of datagrams alive (issue 15, finding 1). A gateway whose datagram is dropped
 * retransmits it, as after any loss. Thread-safe as the connector it wraps.
 */
final class BoundedBacklog implements Connector {
    private final Connector connector;
    private final IntSupplier backlog;
    private final int limit;
    private final Counter dropped;

    BoundedBacklog(Connector connector, IntSupplier backlog, int limit, Counter dropped) {
        this.connector = connector;
        this.backlog = backlog;
        this.limit = limit;
        this.dropped = dropped;
    }

    @Override
    public void setRawDataReceiver(RawDataChannel receiver) {
        connector.setRawDataReceiver(data -> {
            if (backlog.getAsInt() >= limit) {
                dropped.increment();
            } else {
                receiver.receiveData(data);
            }
        });
    }

    @Override
    public void start() throws IOException {
        connector.start();
    }

    @Override
    public void stop() {
        connector.stop();
    }

    @Override
    public void destroy() {
        connector.destroy();
    }

    @Override
    public void send(RawData message) {
        connector.send(message);
    }

    @Override
    public void setEndpointContextMatcher(EndpointContextMatcher matcher) {
        connector.setEndpointContextMatcher(matcher);
    }

    @Override
    public InetSocketAddress getAddress() {
        return connector.getAddress();
    }

    @Override
    public String getProtocol() {
        return connector.getProtocol();
    }

    @Override
    public boolean isRunning() {
        return connector.isRunning();
    }

    @Override
    public void processDatagram(DatagramPacket datagram) {
        connector.processDatagram(datagram);
    }
}
