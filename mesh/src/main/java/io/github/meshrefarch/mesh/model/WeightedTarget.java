package io.github.meshrefarch.mesh.model;

import com.fasterxml.jackson.annotation.JsonProperty;

/** A route's weighted target: the share of traffic, 0..100, sent to one virtual node. */
public record WeightedTarget(
        String virtualNode, @JsonProperty(required = true) int weight) {

    @Override
    public String toString() {
        return virtualNode + "=" + weight;
    }
}
