package io.github.meshrefarch.product;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.Assert;

/**
 * Name and version this instance reports, from {@code SERVICE_NAME} and {@code SERVICE_VERSION}, so that one jar
 * serves every version of the service.
 */
@ConfigurationProperties("service")
record ServiceProperties(String name, String version) {

    ServiceProperties {
        Assert.hasText(name, "SERVICE_NAME (service.name) must not be blank");
        Assert.hasText(version, "SERVICE_VERSION (service.version) must not be blank");
    }

    ServiceInfo info() {
        return new ServiceInfo(name, version);
    }
}
