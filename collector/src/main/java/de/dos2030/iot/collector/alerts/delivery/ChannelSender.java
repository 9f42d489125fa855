package de.dos2030.iot.collector.alerts.delivery;

import de.dos2030.iot.collector.alerts.AlertNotification;
import java.util.concurrent.CompletionStage;

/**
 * Sends one step to one subscription over one channel. Must not block the caller: the dispatcher
 * hands out many at once and a slow receiver may only hold up its own subscription. Completes
 * normally when the receiver took it; exceptionally, with a message a subscriber can act on, when not.
 */
public interface ChannelSender {
    DeliveryChannel channel();

    /** Refuses a target this channel cannot use; the message names what is allowed. */
    void checkTarget(String target);

    CompletionStage<Void> send(Subscription subscription, AlertNotification step, long deliveryId);
}
