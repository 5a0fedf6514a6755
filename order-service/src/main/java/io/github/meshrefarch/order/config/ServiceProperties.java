package io.github.meshrefarch.order.config;

import io.github.meshrefarch.order.ServiceInfo;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.Assert;

/** Name and version this instance reports, from {@code SERVICE_NAME} and {@code SERVICE_VERSION}. */
@ConfigurationProperties("service")
public record ServiceProperties(String name, String version) {

    public ServiceProperties {
        Assert.hasText(name, "SERVICE_NAME (service.name) must not be blank");
        Assert.hasText(version, "SERVICE_VERSION (service.version) must not be blank");
    }

    public ServiceInfo info() {
        return new ServiceInfo(name, version);
    }
}
