package org.c4tap.cli.james;

import java.io.IOException;

/** The loopback ports one gateway listens on. */
public record GatewayPorts(int smtp, int imap, int webAdmin) {

    public static GatewayPorts free() throws IOException {
        return new GatewayPorts(FreePorts.next(), FreePorts.next(), FreePorts.next());
    }
}
