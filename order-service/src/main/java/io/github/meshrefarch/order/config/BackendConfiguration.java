package io.github.meshrefarch.order.config;

import io.github.meshrefarch.order.client.BackendClient;
import io.github.meshrefarch.order.client.Backends;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * One {@link WebClient} per backend, built once from Boot's builder: it brings the codecs, the pooled Reactor Netty
 * connections and the observation that propagates {@code traceparent}.
 */
@Configuration(proxyBeanMethods = false)
class BackendConfiguration {

    @Bean
    Backends backends(WebClient.Builder builder, BackendProperties properties) {
        return new Backends(
                client("product", builder, properties.productUrl().toString(), properties),
                client("customer", builder, properties.customerUrl().toString(), properties));
    }

    private static BackendClient client(
            String name, WebClient.Builder builder, String baseUrl, BackendProperties properties) {
        return new BackendClient(name, baseUrl, builder.clone().baseUrl(baseUrl).build(), properties.timeout());
    }
}
