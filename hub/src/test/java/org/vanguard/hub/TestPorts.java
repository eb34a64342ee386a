package org.vanguard.hub;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Ports for servers a test starts later than it names their port (a hub's AMQP acceptor, a participant's endpoint,
 * a child process). The integration suites run in two JVMs at once, so a port taken from the kernel's ephemeral
 * range ({@code new ServerSocket(0)}) can be handed to the other JVM's next outgoing connection before the server
 * binds it. These ports come from below that range (Linux: 32768-60999), where no outgoing connection lands.
 */
public final class TestPorts {

    private static final int LOWEST = 20_000;
    private static final int ABOVE_HIGHEST = 32_000;

    private TestPorts() {}

    /** A port on 127.0.0.1 that nothing holds now, below the ephemeral range. */
    public static int free() {
        try (Socket held = reserve()) {
            return held.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A port held by a socket bound to it but not listening: nothing else can bind it, and a connection to it is
     * refused, as to a server that is down. Close the socket just before the server binds the port.
     */
    public static Socket reserve() {
        for (int attempt = 0; attempt < 200; attempt++) {
            int port = ThreadLocalRandom.current().nextInt(LOWEST, ABOVE_HIGHEST);
            Socket socket = new Socket();
            try {
                socket.bind(new InetSocketAddress("127.0.0.1", port));
                return socket;
            } catch (IOException taken) {
                closeQuietly(socket);
            }
        }
        throw new IllegalStateException("no free port between " + LOWEST + " and " + ABOVE_HIGHEST);
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // never bound: nothing to release
        }
    }
}
