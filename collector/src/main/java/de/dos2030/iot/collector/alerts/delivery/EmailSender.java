package de.dos2030.iot.collector.alerts.delivery;

import de.dos2030.iot.collector.alerts.AlertNotification;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.PasswordAuthentication;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * E-mail channel: a plain-text message per step through the configured SMTP server, on two
 * threads of its own (SMTP is blocking), so that a slow mail server delays only e-mail.
 */
@Singleton
public class EmailSender implements ChannelSender, AutoCloseable {
    private final SmtpConfig config;
    private final DeliveryConfig delivery;
    private final ExecutorService executor = Executors.newFixedThreadPool(2, r -> {
        Thread t = new Thread(r, "delivery-smtp");
        t.setDaemon(true);
        return t;
    });

    public EmailSender(SmtpConfig config, DeliveryConfig delivery) {
        this.config = config;
        this.delivery = delivery;
    }

    @Override
    public DeliveryChannel channel() {
        return DeliveryChannel.EMAIL;
    }

    @Override
    public void checkTarget(String target) {
        if (config.host() == null) {
            throw new IllegalArgumentException("the e-mail channel is not configured (collector.alerts.smtp.host)");
        }
        try {
            new InternetAddress(target, true);
        } catch (AddressException e) {
            throw new IllegalArgumentException("target '" + target + "' is not an e-mail address: " + e.getMessage());
        }
        if (!target.contains("@")) {
            throw new IllegalArgumentException("target '" + target + "' is not an e-mail address (user@host)");
        }
    }

    static String subject(AlertNotification n) {
        return "[DOS " + n.severity().toUpperCase(java.util.Locale.ROOT) + "] "
                + n.kind().replace('_', ' ') + ": " + n.ruleId() + " at " + n.siteId()
                + (n.sensorId() == null ? "" : " / " + n.sensorId());
    }

    static String text(AlertNotification n) {
        String unit = n.unit() == null ? "" : " " + n.unit();
        return n.message() + "\n\n"
                + "Step:      " + n.kind() + " (alert is " + n.status() + ")\n"
                + "Severity:  " + n.severity() + "\n"
                + "Site:      " + n.siteId() + " (" + n.siteKind() + ")\n"
                + "Gateway:   " + n.gatewayId() + "\n"
                + "Sensor:    " + (n.sensorId() == null ? "-" : n.sensorId()) + "\n"
                + "Quantity:  " + (n.quantity() == null ? "-" : n.quantity()) + "\n"
                + "Value:     " + (n.value() == null ? "-" : n.value() + unit) + "\n"
                + "Limit:     " + (n.limit() == null ? "-" : n.limit() + unit) + "\n"
                + "Rule:      " + n.ruleId() + " (" + n.source() + ")\n"
                + "Time:      " + n.time() + "\n"
                + "Alert id:  " + n.alertId() + "\n"
                + (n.actor() == null ? "" : "By:        " + n.actor() + "\n");
    }

    @Override
    public CompletionStage<Void> send(Subscription s, AlertNotification step, long deliveryId) {
        return CompletableFuture.runAsync(
                () -> {
                    try {
                        MimeMessage m = new MimeMessage(session());
                        m.setFrom(new InternetAddress(config.from()));
                        m.setRecipients(Message.RecipientType.TO, InternetAddress.parse(s.target()));
                        m.setSubject(subject(step), "UTF-8");
                        m.setText(text(step), "UTF-8");
                        m.setHeader("X-DOS-Delivery", Long.toString(deliveryId));
                        Transport.send(m);
                    } catch (MessagingException e) {
                        throw new IllegalStateException(
                                "SMTP " + config.host() + ":" + config.port() + " refused: " + e.getMessage(), e);
                    }
                },
                executor);
    }

    private Session session() {
        Properties p = new Properties();
        p.put("mail.smtp.host", config.host());
        p.put("mail.smtp.port", Integer.toString(config.port()));
        p.put("mail.smtp.connectiontimeout", Long.toString(delivery.timeout().toMillis()));
        p.put("mail.smtp.timeout", Long.toString(delivery.timeout().toMillis()));
        p.put("mail.smtp.writetimeout", Long.toString(delivery.timeout().toMillis()));
        if (config.startTls()) {
            p.put("mail.smtp.starttls.enable", "true");
            p.put("mail.smtp.starttls.required", "true");
        }
        if (config.username() != null) {
            p.put("mail.smtp.auth", "true");
            return Session.getInstance(p, new jakarta.mail.Authenticator() {
                @Override
                protected PasswordAuthentication getPasswordAuthentication() {
                    return new PasswordAuthentication(config.username(), config.password());
                }
            });
        }
        return Session.getInstance(p);
    }

    @PreDestroy
    @Override
    public void close() {
        executor.shutdownNow();
    }
}
