package io.github.meshrefarch.mesh.local.admin;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Reads a data plane's admin endpoint, as {@code local status} does. */
public final class AdminClient {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(1))
            .build();

    private AdminClient() {}

    /**
     * The listeners the data plane serves now, by virtual service, as {@code address:port}.
     *
     * @throws IOException when the endpoint does not answer, or answers something else than its listener list
     */
    public static Map<String, String> listeners(URI admin) throws IOException {
        String body = get(admin.resolve("/listeners?format=json"));
        try {
            var listeners = new TreeMap<String, String>();
            for (JsonNode status : JSON.readTree(body).path("listener_statuses")) {
                JsonNode socket = status.path("local_address").path("socket_address");
                listeners.put(
                        status.path("name").asString(),
                        socket.path("address").asString() + ":"
                                + socket.path("port_value").asInt());
            }
            return listeners;
        } catch (JacksonException e) {
            throw new IOException("not a listener list: " + e.getOriginalMessage(), e);
        }
    }

    private static String get(URI uri) throws IOException {
        try {
            HttpResponse<String> response = HTTP.send(
                    HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(2)).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IOException("HTTP " + response.statusCode() + " from " + uri);
            }
            return response.body();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }
}
