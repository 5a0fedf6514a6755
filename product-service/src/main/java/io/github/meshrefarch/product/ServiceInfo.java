package io.github.meshrefarch.product;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/** What {@code GET /} answers: {@code {"service":"Product","version":"1.0"}}. */
@JsonPropertyOrder({"service", "version"})
record ServiceInfo(String service, String version) {}
