package org.c4tap.it;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * An employee's mail client at its plainest: one SMTP connection, logged in with AUTH PLAIN, that
 * sends message bytes exactly as given (dot-stuffed, nothing else changed) and reports the server's
 * answer, so that a refusal at SMTP time is seen as the reporter would see it.
 */
final class SmtpSubmitter implements AutoCloseable {

    /** The server's final answer to one message: a code and its text. */
    record Reply(int code, String text) {
        boolean accepted() {
            return code >= 200 && code < 300;
        }
    }

    private final Socket socket;
    private final BufferedReader in;
    private final OutputStream out;

    SmtpSubmitter(int port, String user, String password) throws IOException {
        socket = new Socket(InetAddress.getLoopbackAddress(), port);
        socket.setSoTimeout(120_000);
        in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.ISO_8859_1));
        out = socket.getOutputStream();
        expect(reply(), 220);
        expect(command("EHLO employee.bank-a.example"), 250);
        String plain = Base64.getEncoder().encodeToString(("\0" + user + "\0" + password).getBytes(StandardCharsets.UTF_8));
        expect(command("AUTH PLAIN " + plain), 235);
    }

    Reply send(String from, String to, byte[] message) throws IOException {
        Reply reply = command("MAIL FROM:<" + from + ">");
        if (reply.accepted()) {
            reply = command("RCPT TO:<" + to + ">");
        }
        if (reply.accepted()) {
            reply = command("DATA");
            if (reply.code() == 354) {
                writeStuffed(message);
                out.write(".\r\n".getBytes(StandardCharsets.US_ASCII));
                out.flush();
                return reply();
            }
        }
        command("RSET");
        return reply;
    }

    private void writeStuffed(byte[] message) throws IOException {
        int start = 0;
        for (int i = 0; i <= message.length; i++) {
            if (i == message.length || message[i] == '\n') {
                if (start < message.length && message[start] == '.') {
                    out.write('.');
                }
                out.write(message, start, Math.min(i + 1, message.length) - start);
                start = i + 1;
            }
        }
        if (message.length == 0 || message[message.length - 1] != '\n') {
            out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
        }
    }

    private Reply command(String line) throws IOException {
        out.write((line + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
        return reply();
    }

    private Reply reply() throws IOException {
        StringBuilder text = new StringBuilder();
        while (true) {
            String line = in.readLine();
            if (line == null) {
                throw new IOException("the server closed the connection" + (text.isEmpty() ? "" : " after: " + text));
            }
            text.append(line).append('\n');
            if (line.length() < 4 || line.charAt(3) != '-') {
                return new Reply(line.length() >= 3 ? Integer.parseInt(line.substring(0, 3)) : 0, text.toString().strip());
            }
        }
    }

    private static void expect(Reply reply, int code) throws IOException {
        if (reply.code() != code) {
            throw new IOException("expected " + code + ", got " + reply);
        }
    }

    @Override
    public void close() throws IOException {
        try {
            command("QUIT");
        } catch (IOException ignored) {
            // the server may already have closed the connection
        } finally {
            socket.close();
        }
    }
}
