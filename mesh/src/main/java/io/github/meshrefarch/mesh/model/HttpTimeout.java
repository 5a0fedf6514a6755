package io.github.meshrefarch.mesh.model;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * An App Mesh HTTP route's {@code timeout}, with App Mesh's field names; either may be absent (null).
 *
 * @param perRequest bound of a whole request, retries included (App Mesh's default: 15 s; 0 turns it off)
 * @param idle how long a connection may stay idle (App Mesh's default: 300 s)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record HttpTimeout(MeshDuration perRequest, MeshDuration idle) {

    /** True when {@code current} has each member this timeout sets (a member left out here is not compared). */
    public boolean satisfiedBy(HttpTimeout current) {
        return (perRequest == null || (current != null && perRequest.equals(current.perRequest)))
                && (idle == null || (current != null && idle.equals(current.idle)));
    }

    @Override
    public String toString() {
        return "perRequest " + (perRequest == null ? "-" : perRequest) + ", idle " + (idle == null ? "-" : idle);
    }
}
