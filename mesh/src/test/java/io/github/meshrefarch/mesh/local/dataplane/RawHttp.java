package io.github.meshrefarch.mesh.local.dataplane;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/** HTTP/1.1 over a plain socket, for tests that must see exactly when and how the data plane closes a connection. */
final class RawHttp {

    private RawHttp() {}

    /**
     * Sends {@code GET path} with {@code Connection: close} and reads until the data plane closes the connection (at
     * most 15 s); returns everything received.
     */
    static String getUntilClosed(InetSocketAddress listener, String path) throws IOException {
        try (Socket socket = connect(listener)) {
            send(socket, path, "close");
            return readUntilClosed(socket);
        }
    }

    static Socket connect(InetSocketAddress listener) throws IOException {
        Socket socket = new Socket();
        socket.connect(new InetSocketAddress("127.0.0.1", listener.getPort()), 5_000);
        socket.setSoTimeout(15_000);
        return socket;
    }

    static void send(Socket socket, String path, String connection) throws IOException {
        String request =
                "GET " + path + " HTTP/1.1\r\nHost: " + Routes.PRODUCT + "\r\nConnection: " + connection + "\r\n\r\n";
        socket.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
        socket.getOutputStream().flush();
    }

    /** Reads until the peer closes (or resets) the connection; a read timeout is an error. */
    static String readUntilClosed(Socket socket) throws IOException {
        ByteArrayOutputStream received = new ByteArrayOutputStream();
        InputStream in = socket.getInputStream();
        byte[] buffer = new byte[8192];
        try {
            for (int n; (n = in.read(buffer)) >= 0; ) {
                received.write(buffer, 0, n);
            }
        } catch (java.net.SocketException reset) {
            // a reset is a close too
        }
        return received.toString(StandardCharsets.UTF_8);
    }

    /** Reads one response whose body has a Content-Length, leaving the connection open; returns head and body. */
    static String readOneResponse(Socket socket) throws IOException {
        InputStream in = socket.getInputStream();
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        while (!head.toString(StandardCharsets.US_ASCII).endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("closed before a whole response head: " + head);
            }
            head.write(b);
        }
        String headText = head.toString(StandardCharsets.US_ASCII);
        int length = headText.lines()
                .filter(line -> line.toLowerCase(java.util.Locale.ROOT).startsWith("content-length:"))
                .mapToInt(line ->
                        Integer.parseInt(line.substring(line.indexOf(':') + 1).strip()))
                .findFirst()
                .orElseThrow(() -> new IOException("no content-length in " + headText));
        byte[] body = in.readNBytes(length);
        return headText + new String(body, StandardCharsets.UTF_8);
    }
}
