package de.dos2030.iot.collector.alerts.delivery;

import de.dos2030.iot.collector.alerts.AlertNotification;
import de.dos2030.iot.collector.alerts.templates.AlertText;
import de.dos2030.iot.collector.alerts.templates.AlertTexts;
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
 * E-mail channel: a plain-text message per step through the configured SMTP server, in the subscription's
 * language ({@link AlertTexts}: subject with severity and headline; headline, advice and details in the body),
 * on two threads of its own (SMTP is blocking), so that a slow mail server delays only e-mail.
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

    private final AlertTexts texts;

    public EmailSender(SmtpConfig config, DeliveryConfig delivery, AlertTexts texts) {
        this.config = config;
        this.delivery = delivery;
        this.texts = texts;
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

    @Override
    public CompletionStage<Void> send(Subscription s, AlertNotification step, long deliveryId) {
        return CompletableFuture.runAsync(
                () -> {
                    try {
                        AlertText text = texts.render(step, s.languageType());
                        MimeMessage m = new MimeMessage(session());
                        m.setFrom(new InternetAddress(config.from()));
                        m.setRecipients(Message.RecipientType.TO, InternetAddress.parse(s.target()));
                        m.setSubject(text.subject(), "UTF-8");
                        m.setText(text.plain(), "UTF-8");
                        m.setHeader("Content-Language", s.languageType().tag());
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
