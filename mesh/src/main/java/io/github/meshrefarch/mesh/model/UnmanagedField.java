package io.github.meshrefarch.mesh.model;

/**
 * A field set on a resource in the mesh that meshctl has no place for in a description (a route's header matches or
 * priority, a node's health check or TLS...): meshctl leaves it as it finds it and reports it.
 *
 * @param path the field's path within the resource's spec, with App Mesh's member names, e.g. {@code
 *     httpRoute.match.headers}
 * @param value its value as compact JSON
 */
public record UnmanagedField(String path, String value) {}
