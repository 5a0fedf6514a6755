package io.github.meshrefarch.customer;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/** What {@code GET /} answers: {@code {"service":"Customer","version":"1.0"}}. */
@JsonPropertyOrder({"service", "version"})
record ServiceInfo(String service, String version) {}
