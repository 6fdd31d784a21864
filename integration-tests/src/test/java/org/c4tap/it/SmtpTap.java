package org.c4tap.it;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A transparent TCP relay between the operator gateway and the council's SMTP port that keeps a
 * copy of everything the operator sends: the wire bytes of its outgoing mail, exactly.
 */
final class SmtpTap implements AutoCloseable {

    private final int target;
    private final int port;
    private final List<ByteArrayOutputStream> sessions = new CopyOnWriteArrayList<>();
    private volatile ServerSocket server;
    private volatile boolean open = true;

    SmtpTap(int target) throws IOException {
        this.target = target;
        ServerSocket first = bind(0);
        this.port = first.getLocalPort();
        listen(first);
    }

    int port() {
        return port;
    }

    /** Takes the council away: connections to the tap are refused until {@link #restore()}. */
    synchronized void refuse() throws IOException {
        server.close();
    }

    /** Lets connections through again, on the same port. */
    synchronized void restore() throws IOException {
        if (server.isClosed()) {
            listen(bind(port));
        }
    }

    private static ServerSocket bind(int port) throws IOException {
        ServerSocket socket = new ServerSocket();
        socket.setReuseAddress(true);
        socket.bind(new java.net.InetSocketAddress(InetAddress.getLoopbackAddress(), port), 50);
        return socket;
    }

    private void listen(ServerSocket socket) {
        server = socket;
        Thread acceptor = new Thread(() -> accept(socket), "smtp-tap");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /** The messages sent through the tap, dot-unstuffed, in the order they were sent. */
    List<byte[]> messages() {
        List<byte[]> messages = new ArrayList<>();
        for (ByteArrayOutputStream session : sessions) {
            String wire = session.toString(StandardCharsets.ISO_8859_1);
            int from = 0;
            while (true) {
                int data = wire.indexOf("DATA\r\n", from);
                if (data < 0) {
                    break;
                }
                if (data > 0 && !wire.startsWith("\r\n", data - 2)) {
                    from = data + 1;
                    continue;
                }
                int start = data + "DATA\r\n".length();
                int end = wire.indexOf("\r\n.\r\n", start);
                if (end < 0) {
                    break;
                }
                String message = wire.substring(start, end + 2).replace("\r\n..", "\r\n.");
                messages.add(message.getBytes(StandardCharsets.ISO_8859_1));
                from = end;
            }
        }
        return messages;
    }

    /** Everything the operator sent, commands included. */
    byte[] everything() {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        sessions.forEach(session -> all.writeBytes(session.toByteArray()));
        return all.toByteArray();
    }

    private void accept(ServerSocket socket) {
        while (open && !socket.isClosed()) {
            try {
                Socket client = socket.accept();
                Socket upstream;
                try {
                    upstream = new Socket(InetAddress.getLoopbackAddress(), target);
                } catch (IOException unreachable) {
                    // the council is down: the sender sees its connection end, as with a refused one
                    close(client);
                    continue;
                }
                ByteArrayOutputStream copy = new ByteArrayOutputStream();
                sessions.add(copy);
                pump(client.getInputStream(), upstream.getOutputStream(), copy, client, upstream);
                pump(upstream.getInputStream(), client.getOutputStream(), null, client, upstream);
            } catch (IOException e) {
                if (!open || socket.isClosed()) {
                    return;
                }
            }
        }
    }

    private static void pump(InputStream in, OutputStream out, ByteArrayOutputStream copy, Socket a, Socket b) {
        Thread thread = new Thread(() -> {
            byte[] buffer = new byte[16 * 1024];
            try {
                for (int read; (read = in.read(buffer)) != -1; ) {
                    if (copy != null) {
                        synchronized (copy) {
                            copy.write(buffer, 0, read);
                        }
                    }
                    out.write(buffer, 0, read);
                    out.flush();
                }
            } catch (IOException ignored) {
                // the other side closed
            } finally {
                close(a);
                close(b);
            }
        }, "smtp-tap-pump");
        thread.setDaemon(true);
        thread.start();
    }

    private static void close(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // already closed
        }
    }

    @Override
    public void close() throws IOException {
        open = false;
        server.close();
    }
}
