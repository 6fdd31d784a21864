package org.c4tap.core.spam;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;

/**
 * One request and its answer over a connection of their own, bounded in time and size. The channel
 * is non-blocking so that every wait, writes included, ends at the read timeout or the deadline:
 * a socket's read timeout alone would let a server that trickles bytes, or stops reading, hold
 * the thread for ever.
 */
final class SpamdExchange {

    private final SpamdSettings settings;
    private final long deadlineAt;

    private SpamdExchange(SpamdSettings settings) {
        this.settings = settings;
        this.deadlineAt = System.nanoTime() + settings.deadline().toNanos();
    }

    /** Sends {@code head} and then {@code body}, and returns spamd's answer, read to its end or to its announced length. */
    static byte[] run(SpamdSettings settings, byte[] head, byte[] body) throws SpamdFailure {
        return new SpamdExchange(settings).exchange(head, body);
    }

    private byte[] exchange(byte[] head, byte[] body) throws SpamdFailure {
        InetSocketAddress address = new InetSocketAddress(settings.host(), settings.port());
        if (address.isUnresolved()) {
            throw new SpamdFailure("spamd host does not resolve");
        }
        try (SocketChannel channel = SocketChannel.open(); Selector selector = Selector.open()) {
            channel.configureBlocking(false);
            SelectionKey key = channel.register(selector, 0);
            connect(channel, key, address);
            send(channel, key, head, body);
            return receive(channel, key);
        } catch (ConnectException e) {
            throw new SpamdFailure("connection refused");
        } catch (IOException e) {
            throw new SpamdFailure("i/o error: " + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()));
        }
    }

    private void connect(SocketChannel channel, SelectionKey key, InetSocketAddress address) throws IOException, SpamdFailure {
        long connectBy = System.nanoTime() + settings.connectTimeout().toNanos();
        if (connectBy - deadlineAt > 0) {
            connectBy = deadlineAt;
        }
        if (channel.connect(address)) {
            return;
        }
        do {
            await(key, SelectionKey.OP_CONNECT, connectBy, "no connection within " + settings.connectTimeout().toMillis() + " ms");
        } while (!channel.finishConnect());
    }

    private void send(SocketChannel channel, SelectionKey key, byte[] head, byte[] body) throws IOException, SpamdFailure {
        ByteBuffer[] request = {ByteBuffer.wrap(head), ByteBuffer.wrap(body)};
        while (request[0].hasRemaining() || request[1].hasRemaining()) {
            if (channel.write(request) == 0) {
                awaitSpamd(key, SelectionKey.OP_WRITE, "spamd took no bytes");
            }
        }
        // spamd reads by Content-length; the half-close is the protocol's "done writing".
        channel.shutdownOutput();
    }

    private byte[] receive(SocketChannel channel, SelectionKey key) throws IOException, SpamdFailure {
        // One byte beyond the cap tells a full-sized answer from a larger one.
        ByteBuffer answer = ByteBuffer.allocate(settings.maxResponseBytes() + 1);
        int headerEnd = -1;
        int announced = -1;
        while (announced < 0 || answer.position() < announced) {
            int scannedTo = answer.position();
            int read = channel.read(answer);
            if (read < 0) {
                break;
            }
            if (answer.position() > settings.maxResponseBytes()) {
                throw new SpamdFailure("answer exceeds " + settings.maxResponseBytes() + " bytes");
            }
            if (read == 0) {
                awaitSpamd(key, SelectionKey.OP_READ, "spamd sent nothing");
                continue;
            }
            if (headerEnd < 0) {
                headerEnd = SpamdResponse.headerEnd(answer.array(), scannedTo - 3, answer.position());
                if (headerEnd >= 0) {
                    announced = SpamdResponse.announcedLength(answer.array(), headerEnd);
                }
            }
        }
        return Arrays.copyOf(answer.array(), answer.position());
    }

    /** Waits for spamd to make progress, no longer than the read timeout and never past the deadline. */
    private void awaitSpamd(SelectionKey key, int operation, String stalled) throws IOException, SpamdFailure {
        long readBy = System.nanoTime() + settings.readTimeout().toNanos();
        if (readBy - deadlineAt < 0) {
            await(key, operation, readBy, stalled + " for " + settings.readTimeout().toMillis() + " ms");
        } else {
            await(key, operation, deadlineAt, deadlineReason());
        }
    }

    private void await(SelectionKey key, int operation, long until, String timedOut) throws IOException, SpamdFailure {
        key.interestOps(operation);
        Selector selector = key.selector();
        while (true) {
            if (Thread.currentThread().isInterrupted()) {
                // A select on an interrupted thread returns at once: without this the wait would spin.
                throw new SpamdFailure("interrupted");
            }
            long remaining = until - System.nanoTime();
            if (remaining <= 0) {
                throw new SpamdFailure(until == deadlineAt ? deadlineReason() : timedOut);
            }
            // Rounded up: select(0) would wait for ever.
            if (selector.select(TimeUnit.NANOSECONDS.toMillis(remaining) + 1) > 0) {
                selector.selectedKeys().clear();
                return;
            }
        }
    }

    private String deadlineReason() {
        return "no complete answer within the " + settings.deadline().toMillis() + " ms deadline";
    }
}
