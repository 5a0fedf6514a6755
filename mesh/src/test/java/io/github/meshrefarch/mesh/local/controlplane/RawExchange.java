package io.github.meshrefarch.mesh.local.controlplane;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * One HTTP/1.1 exchange written byte for byte on a socket, so that a test can send what no HTTP client would (a foreign
 * {@code Host}, a lying {@code Content-Length}, a broken request line), and the answer as read back.
 *
 * @param status the status code, or -1 when the server closed the connection without an answer
 */
record RawExchange(int status, Map<String, String> headers, String body) {

    static RawExchange send(int port, byte[] request) throws IOException {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            try {
                out.write(request);
                out.flush();
                socket.shutdownOutput();
            } catch (SocketException closedEarly) {
                // the server may answer (and close) before reading everything: read what it said
            }
            return parse(readAll(socket.getInputStream()));
        }
    }

    static byte[] request(String method, String target, String host, String body) {
        String head = method + " " + target + " HTTP/1.1\r\n" + "Host: " + host + "\r\n"
                + "Content-Type: application/json\r\n" + "Connection: close\r\n"
                + "Content-Length: " + body.getBytes(StandardCharsets.UTF_8).length + "\r\n\r\n";
        return (head + body).getBytes(StandardCharsets.UTF_8);
    }

    /** Whether this is an App Mesh error: the error type header and a JSON object with a message. */
    boolean isAppMeshError() {
        return headers.containsKey("x-amzn-errortype") && body.startsWith("{\"message\":\"") && body.endsWith("\"}");
    }

    String errorType() {
        return headers.get("x-amzn-errortype");
    }

    private static byte[] readAll(InputStream in) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try {
            in.transferTo(bytes);
        } catch (SocketException reset) {
            // a reset after the answer: keep what arrived
        }
        return bytes.toByteArray();
    }

    private static RawExchange parse(byte[] raw) {
        String text = new String(raw, StandardCharsets.ISO_8859_1);
        int end = text.indexOf("\r\n\r\n");
        if (!text.startsWith("HTTP/1.1 ") || end < 0) {
            return new RawExchange(-1, Map.of(), text);
        }
        String[] lines = text.substring(0, end).split("\r\n");
        Map<String, String> headers = new LinkedHashMap<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            headers.put(
                    lines[i].substring(0, colon).strip().toLowerCase(Locale.ROOT),
                    lines[i].substring(colon + 1).strip());
        }
        String body = new String(raw, end + 4, raw.length - end - 4, StandardCharsets.UTF_8);
        return new RawExchange(Integer.parseInt(lines[0].substring(9, 12)), headers, body);
    }
}
