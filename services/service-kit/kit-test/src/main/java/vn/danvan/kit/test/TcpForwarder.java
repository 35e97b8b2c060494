package vn.danvan.kit.test;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A loopback TCP port that can be closed and opened again in front of a real server: for tests of what a service
 * does while its broker or a peer is unreachable (or {@link #hang hung}), and after it returns. Reserve the port first ({@link #reserve}),
 * point the service at it, then {@link #open} it when the "outage" ends.
 */
public final class TcpForwarder implements AutoCloseable {

    private final int port;
    private final String targetHost;
    private final int targetPort;
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();
    private volatile ServerSocket server;
    private volatile boolean hung;

    private TcpForwarder(int port, String targetHost, int targetPort) {
        this.port = port;
        this.targetHost = targetHost;
        this.targetPort = targetPort;
    }

    /** A free loopback port that forwards to {@code host:port} once opened; closed (refusing) until then. */
    public static TcpForwarder reserve(String targetHost, int targetPort) {
        try (ServerSocket probe = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            return new TcpForwarder(probe.getLocalPort(), targetHost, targetPort);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public int port() {
        return port;
    }

    /** Starts accepting and forwarding connections. */
    public synchronized void open() {
        try {
            ServerSocket socket = new ServerSocket();
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
            server = socket;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Thread.ofVirtual().name("tcp-forwarder-" + port).start(this::acceptLoop);
    }

    private void acceptLoop() {
        ServerSocket current = server;
        while (current != null && !current.isClosed()) {
            try {
                Socket client = current.accept();
                Socket upstream = new Socket(targetHost, targetPort);
                sockets.add(client);
                sockets.add(upstream);
                Thread.ofVirtual().start(() -> pump(client, upstream));
                Thread.ofVirtual().start(() -> pump(upstream, client));
            } catch (IOException e) {
                return;
            }
        }
    }

    private void pump(Socket from, Socket to) {
        try (InputStream in = from.getInputStream();
                OutputStream out = to.getOutputStream()) {
            byte[] buffer = new byte[8192];
            for (int read = in.read(buffer); read >= 0; read = in.read(buffer)) {
                while (hung && !to.isClosed()) {
                    Thread.sleep(10);
                }
                out.write(buffer, 0, read);
                out.flush();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException ignored) {
            // one side closed: the other pump ends too
        } finally {
            closeQuietly(from);
            closeQuietly(to);
        }
    }

    /**
     * Holds every byte sent either way, on open connections and new ones, without closing anything: the peer behind
     * looks hung (a process stopped with SIGSTOP, a network dropping packets), not down. {@link #resume} delivers
     * what was held.
     */
    public void hang() {
        hung = true;
    }

    public void resume() {
        hung = false;
    }

    /** Stops accepting and cuts every open connection: the peer behind looks down. */
    @Override
    public synchronized void close() {
        ServerSocket current = server;
        server = null;
        if (current != null) {
            closeQuietly(current);
        }
        sockets.forEach(TcpForwarder::closeQuietly);
        sockets.clear();
    }

    private static void closeQuietly(AutoCloseable closeable) {
        try {
            closeable.close();
        } catch (Exception ignored) {
            // closing anyway
        }
    }
}
