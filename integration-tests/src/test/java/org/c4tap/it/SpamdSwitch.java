package org.c4tap.it;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Stands between the operator gateway and a real spamd, on a fixed loopback port, and can take
 * spamd away: {@link Mode#UP} passes connections through, {@link Mode#DOWN} closes the port
 * (connection refused), {@link Mode#HANG} accepts and never answers.
 */
final class SpamdSwitch implements AutoCloseable {

    enum Mode { UP, DOWN, HANG }

    private final int target;
    private final int port;
    private final List<Socket> held = new CopyOnWriteArrayList<>();
    private volatile ServerSocket server;
    private volatile Mode mode = Mode.UP;

    SpamdSwitch(int target) throws IOException {
        this.target = target;
        ServerSocket first = bind(0);
        this.port = first.getLocalPort();
        listen(first);
    }

    int port() {
        return port;
    }

    synchronized void set(Mode next) throws IOException {
        if (next == mode) {
            return;
        }
        if (next == Mode.DOWN) {
            server.close();
        } else if (mode == Mode.DOWN) {
            listen(bind(port));
        }
        if (next != Mode.HANG) {
            for (Socket socket : held) {
                close(socket);
            }
            held.clear();
        }
        mode = next;
    }

    private static ServerSocket bind(int port) throws IOException {
        ServerSocket socket = new ServerSocket();
        socket.setReuseAddress(true);
        socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 50);
        return socket;
    }

    private void listen(ServerSocket socket) {
        server = socket;
        Thread acceptor = new Thread(() -> {
            while (!socket.isClosed()) {
                try {
                    Socket client = socket.accept();
                    if (mode == Mode.HANG) {
                        held.add(client);
                        continue;
                    }
                    Socket upstream = new Socket(InetAddress.getLoopbackAddress(), target);
                    pump(client.getInputStream(), upstream, false, client);
                    pump(upstream.getInputStream(), client, true, upstream);
                } catch (IOException e) {
                    // closed, or spamd refused: the client sees its connection end
                }
            }
        }, "spamd-switch");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /** Copies {@code in} to {@code to}; at the end, passes the half-close on, or ends both when the answer is complete. */
    private static void pump(InputStream in, Socket to, boolean answer, Socket from) {
        Thread thread = new Thread(() -> {
            byte[] buffer = new byte[16 * 1024];
            try {
                OutputStream out = to.getOutputStream();
                for (int read; (read = in.read(buffer)) != -1; ) {
                    out.write(buffer, 0, read);
                    out.flush();
                }
                if (answer) {
                    close(to);
                    close(from);
                } else {
                    to.shutdownOutput();
                }
            } catch (IOException ignored) {
                close(to);
                close(from);
            }
        }, "spamd-switch-pump");
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
        held.forEach(SpamdSwitch::close);
        if (server != null) {
            server.close();
        }
    }
}
