/**
 * The local App Mesh control plane: App Mesh's REST API (version 2019-01-25) for meshes, virtual nodes, virtual routers,
 * routes and virtual services, served on 127.0.0.1 so that any AWS client with an endpoint override (the SDK, the AWS
 * CLI) gets App Mesh's answers and errors.
 *
 * <ul>
 *   <li>Paths, methods, member names, status codes (200 for every success) and error types follow the service model;
 *       errors carry {@code x-amzn-ErrorType} and {@code {"message": ...}}.
 *   <li>Every resource belongs to the account {@link
 *       io.github.meshrefarch.mesh.local.controlplane.LocalControlPlane#ACCOUNT_ID}; a {@code meshOwner} naming another
 *       account finds nothing. The ARN's region is the one the creating request was signed for. All regions share one
 *       set of resources.
 *   <li>Specs are kept as sent: members this control plane does not interpret are stored and returned unchanged.
 *   <li>Changes are serialized, written atomically to {@code appmesh-state.json} in the state directory and published
 *       to the {@link io.github.meshrefarch.mesh.local.routetable.RouteTableSource} subscribers before the answer;
 *       reads run concurrently on snapshots. When 8 changes already wait or run, the next one is answered with
 *       {@code TooManyRequestsException} (HTTP 429), which the SDKs retry with back-off.
 * </ul>
 */
package io.github.meshrefarch.mesh.local.controlplane;
