package org.c4tap.cli.mail;

import jakarta.mail.Address;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/** Talks to a gateway as a mail user would: submits over SMTP (with or without AUTH) and reads a mailbox over IMAP. */
public final class MailClient {

    private static final String HOST = "127.0.0.1";

    private MailClient() {
    }

    /** Submits {@code message} as it is, with the given envelope; logs in first when {@code user} is not null. */
    public static void submit(int smtpPort, String user, String password, String envelopeFrom, List<String> recipients,
                              byte[] message) throws MessagingException {
        Properties properties = new Properties();
        properties.setProperty("mail.smtp.host", HOST);
        properties.setProperty("mail.smtp.port", Integer.toString(smtpPort));
        properties.setProperty("mail.smtp.from", envelopeFrom);
        properties.setProperty("mail.smtp.auth", Boolean.toString(user != null));
        properties.setProperty("mail.smtp.connectiontimeout", "10000");
        properties.setProperty("mail.smtp.timeout", "60000");
        Session session = Session.getInstance(properties);
        MimeMessage mime = new MimeMessage(session, new ByteArrayInputStream(message));
        Address[] to = new Address[recipients.size()];
        for (int i = 0; i < to.length; i++) {
            to[i] = new InternetAddress(recipients.get(i));
        }
        try (Transport transport = session.getTransport("smtp")) {
            if (user != null) {
                transport.connect(HOST, smtpPort, user, password);
            } else {
                transport.connect();
            }
            transport.sendMessage(mime, to);
        }
    }

    /** How many messages the user's INBOX holds (a SELECT, no FETCH); a read unanswered for {@code readTimeout} fails. */
    public static int count(int imapPort, String user, String password, Duration readTimeout) throws MessagingException {
        Session session = Session.getInstance(imapProperties(readTimeout));
        try (Store store = session.getStore("imap")) {
            store.connect(HOST, imapPort, user, password);
            Folder inbox = store.getFolder("INBOX");
            inbox.open(Folder.READ_ONLY);
            try {
                return inbox.getMessageCount();
            } finally {
                if (inbox.isOpen()) {
                    inbox.close(false);
                }
            }
        }
    }

    /** Every message in the user's INBOX, as raw bytes, oldest first; a read unanswered for 2 minutes fails. */
    public static List<byte[]> inbox(int imapPort, String user, String password) throws MessagingException, IOException {
        return inbox(imapPort, user, password, Duration.ofMinutes(2));
    }

    /** Every message in the user's INBOX, as raw bytes, oldest first; a read unanswered for {@code readTimeout} fails. */
    public static List<byte[]> inbox(int imapPort, String user, String password, Duration readTimeout)
            throws MessagingException, IOException {
        Session session = Session.getInstance(imapProperties(readTimeout));
        List<byte[]> messages = new ArrayList<>();
        try (Store store = session.getStore("imap")) {
            store.connect(HOST, imapPort, user, password);
            Folder inbox = store.getFolder("INBOX");
            inbox.open(Folder.READ_ONLY);
            try {
                for (Message message : inbox.getMessages()) {
                    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
                    message.writeTo(bytes);
                    messages.add(bytes.toByteArray());
                }
            } finally {
                // a read that timed out has closed the folder already
                if (inbox.isOpen()) {
                    inbox.close(false);
                }
            }
        }
        return messages;
    }

    private static Properties imapProperties(Duration readTimeout) {
        Properties properties = new Properties();
        properties.setProperty("mail.imap.connectiontimeout", "10000");
        properties.setProperty("mail.imap.timeout", Long.toString(readTimeout.toMillis()));
        // one FETCH per message rather than one per 16 KB
        properties.setProperty("mail.imap.partialfetch", "false");
        return properties;
    }
}
