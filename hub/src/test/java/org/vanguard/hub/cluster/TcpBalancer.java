package org.vanguard.hub.cluster;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A TCP balancer in front of the hubs' mutual-TLS ports, as HAProxy in {@code mode tcp} is in deploy/cluster: each
 * connection goes to the next backend in turn that accepts it (a node that refuses connections is skipped), and its
 * bytes are passed through untouched, so TLS and the client certificate are between the client and the node.
 */
final class TcpBalancer implements AutoCloseable {

    private static final int CONNECT_TIMEOUT_MILLIS = 1000;

    private final ServerSocket listener;
    private final List<InetSocketAddress> backends;
    private final AtomicInteger next = new AtomicInteger();
    private final ExecutorService threads = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "tcp-balancer");
        thread.setDaemon(true);
        return thread;
    });

    TcpBalancer(int port, List<InetSocketAddress> backends) throws IOException {
        this.backends = List.copyOf(backends);
        this.listener = new ServerSocket();
        listener.setReuseAddress(true);
        listener.bind(new InetSocketAddress("127.0.0.1", port));
        threads.execute(this::accept);
    }

    int port() {
        return listener.getLocalPort();
    }

    private void accept() {
        while (!listener.isClosed()) {
            try {
                Socket client = listener.accept();
                threads.execute(() -> forward(client));
            } catch (IOException e) {
                if (!listener.isClosed()) {
                    continue;
                }
                return;
            }
        }
    }

    private void forward(Socket client) {
        Socket backend = connect();
        if (backend == null) {
            closeQuietly(client);
            return;
        }
        threads.execute(() -> pipe(client, backend));
        pipe(backend, client);
    }

    /** The next backend in turn that takes the connection; null when none does. */
    private Socket connect() {
        for (int tried = 0; tried < backends.size(); tried++) {
            InetSocketAddress address = backends.get(Math.floorMod(next.getAndIncrement(), backends.size()));
            Socket socket = new Socket();
            try {
                socket.setTcpNoDelay(true);
                socket.connect(address, CONNECT_TIMEOUT_MILLIS);
                return socket;
            } catch (IOException refused) {
                closeQuietly(socket);
            }
        }
        return null;
    }

    private static void pipe(Socket from, Socket to) {
        byte[] buffer = new byte[16 * 1024];
        try (InputStream in = from.getInputStream();
                OutputStream out = to.getOutputStream()) {
            for (int read = in.read(buffer); read >= 0; read = in.read(buffer)) {
                out.write(buffer, 0, read);
                out.flush();
            }
        } catch (IOException closed) {
            // One side went away (a node killed, a client done): the other side is closed below.
        } finally {
            closeQuietly(from);
            closeQuietly(to);
        }
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // already closed
        }
    }

    @Override
    public void close() throws IOException {
        listener.close();
        threads.shutdownNow();
    }
}
