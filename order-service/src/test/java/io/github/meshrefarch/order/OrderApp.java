package io.github.meshrefarch.order;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.time.Duration;
import java.util.stream.Stream;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/** The order application started in-process on an ephemeral port, with environment variables passed as properties. */
final class OrderApp implements AutoCloseable {

    private final ConfigurableApplicationContext context;
    private final HttpClient http =
            HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build(); // what curl and WebClient speak

    private OrderApp(ConfigurableApplicationContext context) {
        this.context = context;
    }

    /** @param variables entries such as {@code PRODUCT_SVC_URL=http://127.0.0.1:1234} */
    static OrderApp start(String... variables) {
        String[] args = Stream.concat(Stream.of("SERVER_PORT=0"), Stream.of(variables))
                .map(variable -> "--" + variable)
                .toArray(String[]::new);
        return new OrderApp(new SpringApplicationBuilder(OrderServiceApplication.class).run(args));
    }

    int port() {
        return ((WebServerApplicationContext) context).getWebServer().getPort();
    }

    /** Actuator's port when it has its own ({@code MANAGEMENT_PORT}). */
    int managementPort() {
        return context.getEnvironment().getRequiredProperty("local.management.port", Integer.class);
    }

    HttpResponse<String> get(String path, String... headers) throws Exception {
        return getOn(port(), path, headers);
    }

    HttpResponse<String> getOn(int port, String path, String... headers) throws Exception {
        var request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(30));
        if (headers.length > 0) {
            request.headers(headers);
        }
        return http.send(request.build(), BodyHandlers.ofString());
    }

    @Override
    public void close() {
        context.close();
    }
}
