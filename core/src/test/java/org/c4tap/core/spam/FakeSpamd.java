package org.c4tap.core.spam;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A spamd stand-in on a loopback port that behaves as each test needs, well or badly. It records
 * what it was sent, and {@link #close()} ends every connection it holds.
 */
final class FakeSpamd implements AutoCloseable {

    /** What the fake does with one accepted connection. */
    @FunctionalInterface
    interface Behaviour {
        void converse(Socket socket, FakeSpamd fake) throws IOException, InterruptedException;
    }

    private static final Pattern CONTENT_LENGTH = Pattern.compile("(?i)\r\nContent-length: *(\\d+)\r\n");

    private final ServerSocket server;
    private final Behaviour behaviour;
    private final ExecutorService conversations = Executors.newVirtualThreadPerTaskExecutor();
    private final Queue<Socket> sockets = new ConcurrentLinkedQueue<>();
    private final Queue<byte[]> requests = new ConcurrentLinkedQueue<>();
    private final AtomicInteger connections = new AtomicInteger();
    private final Thread acceptor;

    private FakeSpamd(Behaviour behaviour, int receiveBufferBytes) throws IOException {
        this.behaviour = behaviour;
        this.server = new ServerSocket();
        if (receiveBufferBytes > 0) {
            server.setReceiveBufferSize(receiveBufferBytes);
        }
        server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 100);
        this.acceptor = Thread.ofPlatform().name("fake-spamd-" + server.getLocalPort()).daemon().start(this::acceptAll);
    }

    /** Reads each request and answers with what {@code answer} makes of it, then closes. */
    static FakeSpamd answering(Function<byte[], String> answer) throws IOException {
        return new FakeSpamd((socket, fake) -> {
            byte[] request = fake.readRequest(socket);
            write(socket, answer.apply(request).getBytes(StandardCharsets.ISO_8859_1));
        }, 0);
    }

    static FakeSpamd answering(String answer) throws IOException {
        return answering(request -> answer);
    }

    /** Reads each request and never answers, holding the connection open. */
    static FakeSpamd silent() throws IOException {
        return new FakeSpamd((socket, fake) -> {
            fake.readRequest(socket);
            Thread.sleep(Long.MAX_VALUE);
        }, 0);
    }

    /** Accepts and never reads, with a small receive window so that the sender's writes stall. */
    static FakeSpamd notReading() throws IOException {
        return new FakeSpamd((socket, fake) -> Thread.sleep(Long.MAX_VALUE), 4096);
    }

    /** Reads each request, then sends one byte every {@code pauseMillis} for ever. */
    static FakeSpamd trickling(long pauseMillis) throws IOException {
        return new FakeSpamd((socket, fake) -> {
            fake.readRequest(socket);
            OutputStream out = socket.getOutputStream();
            byte[] answer = "SPAMD/1.1 0 EX_OK\r\nContent-length: 5\r\nSpam: True ; 9.0 / 5.0\r\n".getBytes(StandardCharsets.US_ASCII);
            for (int i = 0; ; i++) {
                out.write(answer[i % answer.length]);
                out.flush();
                Thread.sleep(pauseMillis);
            }
        }, 0);
    }

    /** Reads each request, then sends {@code head} and an endless body. */
    static FakeSpamd flooding(String head) throws IOException {
        return new FakeSpamd((socket, fake) -> {
            fake.readRequest(socket);
            OutputStream out = socket.getOutputStream();
            out.write(head.getBytes(StandardCharsets.US_ASCII));
            byte[] rules = "RULE_A,RULE_B,".repeat(1000).getBytes(StandardCharsets.US_ASCII);
            while (true) {
                out.write(rules);
            }
        }, 0);
    }

    SpamdSettings settings() {
        return SpamdSettings.DEFAULTS.withEndpoint(InetAddress.getLoopbackAddress().getHostAddress(), server.getLocalPort());
    }

    /** The requests read so far, each as the bytes that arrived. */
    List<byte[]> requests() {
        return List.copyOf(requests);
    }

    int connections() {
        return connections.get();
    }

    @Override
    public void close() throws IOException, InterruptedException {
        server.close();
        acceptor.join(TimeUnit.SECONDS.toMillis(5));
        for (Socket socket : sockets) {
            socket.close();
        }
        conversations.shutdownNow();
        if (!conversations.awaitTermination(5, TimeUnit.SECONDS)) {
            throw new IllegalStateException("the fake spamd's conversations did not end");
        }
    }

    private void acceptAll() {
        while (!server.isClosed()) {
            try {
                Socket socket = server.accept();
                connections.incrementAndGet();
                sockets.add(socket);
                conversations.submit(() -> {
                    try (socket) {
                        behaviour.converse(socket, this);
                    } catch (IOException | InterruptedException e) {
                        // The client left or the test ended: either way this conversation is over.
                    }
                    return null;
                });
            } catch (SocketException e) {
                return;
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    /** Reads the head and, if it announces one, the body; records both as they arrived. */
    private byte[] readRequest(Socket socket) throws IOException {
        InputStream in = socket.getInputStream();
        ByteArrayOutputStream request = new ByteArrayOutputStream();
        int matched = 0;
        while (matched < 4) {
            int b = in.read();
            if (b < 0) {
                break;
            }
            request.write(b);
            matched = b == "\r\n\r\n".charAt(matched) ? matched + 1 : (b == '\r' ? 1 : 0);
        }
        Matcher length = CONTENT_LENGTH.matcher(request.toString(StandardCharsets.ISO_8859_1));
        if (length.find()) {
            request.write(in.readNBytes(Integer.parseInt(length.group(1))));
        }
        requests.add(request.toByteArray());
        return request.toByteArray();
    }

    private static void write(Socket socket, byte[] answer) throws IOException {
        socket.getOutputStream().write(answer);
        socket.getOutputStream().flush();
    }
}
