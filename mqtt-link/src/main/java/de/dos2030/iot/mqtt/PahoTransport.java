package de.dos2030.iot.mqtt;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttActionListener;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;

/** {@link MqttTransport} over Paho's {@link MqttAsyncClient}, session state in memory. */
public final class PahoTransport implements MqttTransport {
    private final MqttAsyncClient client;
    private volatile MqttEvents events = new MqttEvents() {};

    /** @throws MqttException when Paho rejects the server URI or the client id */
    public PahoTransport(String serverUri, String clientId) throws MqttException {
        this.client = new MqttAsyncClient(serverUri, clientId, new MemoryPersistence());
        client.setCallback(new Callback());
    }

    @Override
    public void listen(MqttEvents listener) {
        this.events = listener;
    }

    @Override
    public CompletableFuture<ConnAck> connect(MqttConnectionOptions options) {
        CompletableFuture<ConnAck> ack = new CompletableFuture<>();
        try {
            client.connect(options, null, new MqttActionListener() {
                @Override
                public void onSuccess(IMqttToken token) {
                    MqttProperties p = token.getResponseProperties();
                    Integer receiveMaximum = p == null ? null : p.getReceiveMaximum();
                    ack.complete(
                            new ConnAck(receiveMaximum == null ? ConnAck.RECEIVE_MAXIMUM_DEFAULT : receiveMaximum));
                }

                @Override
                public void onFailure(IMqttToken token, Throwable failure) {
                    ack.completeExceptionally(failure);
                }
            });
        } catch (MqttException e) {
            ack.completeExceptionally(e);
        }
        return ack;
    }

    @Override
    public CompletableFuture<Void> subscribe(String[] filters, int[] qos) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        try {
            client.subscribe(filters, qos, null, completing(done));
        } catch (MqttException e) {
            done.completeExceptionally(e);
        }
        return done;
    }

    @Override
    public CompletableFuture<Void> publish(String topic, MqttMessage message) throws MqttException {
        CompletableFuture<Void> done = new CompletableFuture<>();
        client.publish(topic, message, null, completing(done));
        return done;
    }

    @Override
    public boolean isConnected() {
        return client.isConnected();
    }

    @Override
    public CompletableFuture<Void> disconnect(Duration quiesce) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        try {
            client.disconnect(quiesce.toMillis(), null, completing(done), 0, new MqttProperties());
        } catch (MqttException e) {
            done.completeExceptionally(e);
        }
        return done;
    }

    @Override
    public void disconnectForcibly() throws MqttException {
        client.disconnectForcibly(0, 1000, false);
    }

    @Override
    public void close() throws MqttException {
        client.close(true);
    }

    private static MqttActionListener completing(CompletableFuture<Void> done) {
        return new MqttActionListener() {
            @Override
            public void onSuccess(IMqttToken token) {
                done.complete(null);
            }

            @Override
            public void onFailure(IMqttToken token, Throwable failure) {
                done.completeExceptionally(failure);
            }
        };
    }

    static String describe(Throwable t) {
        return t == null
                ? "unknown"
                : t.getMessage() != null ? t.getMessage() : t.getClass().getSimpleName();
    }

    private final class Callback implements MqttCallback {
        @Override
        public void disconnected(MqttDisconnectResponse response) {
            events.lost(
                    response.getReasonString() != null
                            ? response.getReasonString()
                            : "broker closed the connection (" + response.getReturnCode() + ")"
                                    + (response.getException() != null
                                            ? ": " + describe(response.getException())
                                            : ""));
        }

        @Override
        public void mqttErrorOccurred(MqttException exception) {
            events.error(describe(exception));
        }

        @Override
        public void messageArrived(String topic, MqttMessage message) {
            events.messageArrived(topic, message);
        }

        @Override
        public void deliveryComplete(IMqttToken token) {
            // each publish completes through its own future
        }

        @Override
        public void connectComplete(boolean reconnect, String serverUri) {
            events.connected(reconnect);
        }

        @Override
        public void authPacketArrived(int reasonCode, MqttProperties properties) {
            // no enhanced authentication
        }
    }
}
