package io.github.meshrefarch.order;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.Objects;

/** A service's name and version, as every service answers them: {@code {"service":"Product","version":"1.0"}}. */
@JsonPropertyOrder({"service", "version"})
public record ServiceInfo(String service, String version) {

    public ServiceInfo {
        Objects.requireNonNull(service, "service");
        Objects.requireNonNull(version, "version");
    }
}
