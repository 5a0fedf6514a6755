package io.github.meshrefarch.mesh.local.controlplane;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.AfterProperty;
import net.jqwik.api.lifecycle.BeforeContainer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Generated malformed requests over real sockets against one control plane: every answer is a 4xx (App Mesh's error
 * shape wherever the request reaches the API, i.e. the JDK's HTTP parser accepted it), never a 5xx; after each property
 * the server still answers and its state file still loads.
 */
class MalformedRequestsIT {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String ROUTE = "/v20190125/meshes/m/virtualRouter/vr/routes/r";
    private static final List<String> WRITE_PATHS = List.of(
            "/v20190125/meshes",
            "/v20190125/meshes/m/virtualNodes",
            "/v20190125/meshes/m/virtualRouter/vr/routes",
            ROUTE);

    private static Path stateDir;
    private static LocalControlPlane controlPlane;
    private static int port;

    @BeforeContainer
    static void start() throws IOException {
        stateDir = Files.createTempDirectory("malformed-requests-");
        controlPlane = LocalControlPlane.start(0, stateDir);
        port = controlPlane.endpoint().getPort();
        put("/v20190125/meshes", "{\"meshName\":\"m\"}");
        put("/v20190125/meshes/m/virtualNodes", "{\"virtualNodeName\":\"vn\",\"spec\":{}}");
        put(
                "/v20190125/meshes/m/virtualRouters",
                "{\"virtualRouterName\":\"vr\",\"spec\":{\"listeners\":[{\"portMapping\":"
                        + "{\"port\":8080,\"protocol\":\"http\"}}]}}");
        put(
                "/v20190125/meshes/m/virtualRouter/vr/routes",
                validRoute().put("routeName", "r").toString());
    }

    @AfterContainer
    static void stop() throws IOException {
        controlPlane.close();
        try (var paths = Files.walk(stateDir)) {
            for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }

    @AfterProperty
    void serverStillAnswers_andItsStateFileLoads() throws IOException {
        RawExchange list = RawExchange.send(port, RawExchange.request("GET", "/v20190125/meshes", host(), ""));
        assertThat(list.status()).isEqualTo(200);
        MeshState saved = new StateFile(stateDir, JSON).load();
        assertThat(saved.find(ResourceKey.route("m", "vr", "r"))).isPresent();
    }

    @Property(tries = 60)
    void bodyThatIsNotAJsonObject_isABadRequest(
            @ForAll("notJsonObjects") String body, @ForAll("writePaths") String path) throws IOException {
        RawExchange answer = RawExchange.send(port, RawExchange.request("PUT", path, host(), body));

        assertThat(answer.status()).as(body).isEqualTo(400);
        assertThat(answer.errorType()).isEqualTo("BadRequestException");
        assertThat(answer.isAppMeshError()).as(answer.body()).isTrue();
    }

    @Property(tries = 150)
    void routeUpdateWithAMemberChanged_isAcceptedOrAnAppMeshClientError(@ForAll("mutatedRoutes") String body)
            throws IOException {
        RawExchange answer = RawExchange.send(port, RawExchange.request("PUT", ROUTE, host(), body));

        if (answer.status() != 200) {
            assertThat(answer.status()).as(body + " -> " + answer.body()).isBetween(400, 499);
            assertThat(answer.isAppMeshError()).as(answer.body()).isTrue();
        }
    }

    @Property(tries = 40)
    void hostOtherThanLoopbackWithThePort_isForbidden(@ForAll("foreignHosts") String host) throws IOException {
        RawExchange answer = RawExchange.send(port, RawExchange.request("GET", "/v20190125/meshes", host, ""));

        assertThat(answer.status()).as(host).isEqualTo(403);
        assertThat(answer.errorType()).isEqualTo("ForbiddenException");
        assertThat(answer.isAppMeshError()).isTrue();
    }

    @Property(tries = 40)
    void clientTokenOutsideAppMeshFormat_isABadRequest(@ForAll("invalidTokens") String token) throws IOException {
        ObjectNode body =
                JsonNodeFactory.instance.objectNode().put("meshName", "t").put("clientToken", token);
        RawExchange answer =
                RawExchange.send(port, RawExchange.request("PUT", "/v20190125/meshes", host(), body.toString()));

        assertThat(answer.status()).as(token).isEqualTo(400);
        assertThat(answer.errorType()).isEqualTo("BadRequestException");
        assertThat(answer.body()).contains("clientToken");
    }

    @Property(tries = 10)
    void bodyBeyondTheLimit_isTooLarge_declaredOrChunked(
            @ForAll("oversizedLengths") int length, @ForAll boolean chunked) throws IOException {
        String body = "{\"meshName\":\"" + "x".repeat(length) + "\"}";
        byte[] request = chunked ? chunked(body) : RawExchange.request("PUT", "/v20190125/meshes", host(), body);

        RawExchange answer = RawExchange.send(port, request);

        assertThat(answer.status()).isEqualTo(413);
        assertThat(answer.isAppMeshError()).isTrue();
    }

    @Property(tries = 80)
    void requestTargetWithStrayPercentSigns_isAClientError(@ForAll("percentTargets") String target) throws IOException {
        RawExchange answer = RawExchange.send(port, RawExchange.request("GET", target, host(), ""));

        assertThat(answer.status()).as(target).isBetween(400, 499);
        if (validUri(target)) { // else the JDK's parser answers before the API sees the request
            assertThat(answer.isAppMeshError())
                    .as(target + " -> " + answer.body())
                    .isTrue();
        }
    }

    @Property(tries = 60)
    void garbageInsteadOfARequestLine_isRefusedOrDropped(@ForAll("garbage") String requestLine) throws IOException {
        byte[] request = (requestLine + "\r\nHost: " + host() + "\r\nConnection: close\r\n\r\n")
                .getBytes(StandardCharsets.UTF_8);

        RawExchange answer = RawExchange.send(port, request);

        assertThat(answer.status() == -1 || answer.status() >= 400 && answer.status() < 500)
                .as(requestLine + " -> " + answer.status() + " " + answer.body())
                .isTrue();
    }

    @Provide
    Arbitrary<String> writePaths() {
        return Arbitraries.of(WRITE_PATHS);
    }

    @Provide
    Arbitrary<String> notJsonObjects() {
        Arbitrary<String> text = Arbitraries.strings().all().ofMaxLength(40);
        Arbitrary<String> truncated = Arbitraries.integers()
                .between(1, validRoute().toString().length() - 1)
                .map(end -> validRoute().toString().substring(0, end));
        Arbitrary<String> otherJson =
                Arbitraries.of("[]", "[{}]", "42", "1e999", "\"text\"", "null", "true", "{\"a\":1}{", "{'a':1}");
        Arbitrary<String> deep = Arbitraries.integers().between(600, 5000).map(depth -> "[".repeat(depth));
        return Arbitraries.oneOf(text, truncated, otherJson, deep).filter(MalformedRequestsIT::notAnObject);
    }

    @Provide
    Arbitrary<String> mutatedRoutes() {
        Arbitrary<JsonNode> values = Arbitraries.oneOf(
                Arbitraries.of(
                        JSON.readTree("null"),
                        JSON.readTree("true"),
                        JSON.readTree("[]"),
                        JSON.readTree("{}"),
                        JSON.readTree("[1,\"a\",null]"),
                        JSON.readTree("99999999999999999999999"),
                        JSON.readTree("-1"),
                        JSON.readTree("1.5"),
                        JSON.readTree("1e400")),
                Arbitraries.strings().ofMaxLength(300).map(s -> JsonNodeFactory.instance.stringNode(s)),
                Arbitraries.longs().map(n -> JsonNodeFactory.instance.numberNode(n)));
        List<String> paths = memberPaths(validRoute(), "");
        return Combinators.combine(Arbitraries.of(paths), values, Arbitraries.of(true, false))
                .as((path, value, remove) -> mutate(path, value, remove));
    }

    @Provide
    Arbitrary<String> foreignHosts() {
        Arbitrary<String> names = Arbitraries.strings()
                .withChars("abcdefghijklmnopqrstuvwxyz0123456789.-")
                .ofMinLength(1)
                .ofMaxLength(30);
        Arbitrary<String> withPort = Combinators.combine(
                        names, Arbitraries.integers().between(0, 65535))
                .as((name, p) -> name + ":" + p);
        Arbitrary<String> nearMisses = Arbitraries.of(
                "localhost",
                "127.0.0.1",
                "localhost:" + (port + 1),
                "127.0.0.1:" + (port + 1),
                "localhost.example.com:" + port,
                "example.com:" + port,
                "10.0.0.1:" + port,
                "[::2]:" + port,
                "0.0.0.0:" + port,
                "");
        return Arbitraries.oneOf(names, withPort, nearMisses).filter(host -> !isLoopbackWithPort(host));
    }

    @Provide
    Arbitrary<String> invalidTokens() {
        Arbitrary<String> tooLong =
                Arbitraries.strings().withChars("abcXYZ019_-").ofMinLength(37).ofMaxLength(80);
        Arbitrary<String> badCharacters =
                Arbitraries.strings().all().ofMinLength(1).ofMaxLength(36).filter(s -> !s.matches("[A-Za-z0-9_-]*"));
        return Arbitraries.oneOf(tooLong, badCharacters, Arbitraries.just(""));
    }

    @Provide
    Arbitrary<Integer> oversizedLengths() {
        return Arbitraries.integers().between(ApiHandler.MAX_BODY_BYTES, ApiHandler.MAX_BODY_BYTES * 3);
    }

    @Provide
    Arbitrary<String> percentTargets() {
        Arbitrary<String> tail = Arbitraries.strings()
                .withChars("%0123456789abcdefgzAFZ/._-+")
                .ofMinLength(1)
                .ofMaxLength(12)
                .filter(s -> s.contains("%"));
        return Combinators.combine(
                        Arbitraries.of("/v20190125/meshes/", "/v20190125/meshes/m/virtualNodes/", "/v20190125/"),
                        tail,
                        Arbitraries.of("", "?limit=%", "?nextToken=%4", "?limit=1"))
                .as((prefix, rest, query) -> prefix + rest + query);
    }

    @Provide
    Arbitrary<String> garbage() {
        return Arbitraries.oneOf(
                Arbitraries.strings().withCharRange(' ', '~').ofMaxLength(200),
                Arbitraries.of(
                        "GET",
                        "GET /v20190125/meshes",
                        "GET /v20190125/meshes HTTP/9.9",
                        "GET /v20190125/meshes/%zz HTTP/1.1",
                        "GET http://evil.example/v20190125/meshes HTTP/1.1",
                        " / HTTP/1.1",
                        "PUT  HTTP/1.1"));
    }

    private static boolean notAnObject(String body) {
        if (body.isEmpty()) {
            return false; // an empty body is an empty input: a different case
        }
        try {
            return !JSON.readTree(body).isObject();
        } catch (RuntimeException unreadable) {
            return true;
        }
    }

    private boolean isLoopbackWithPort(String host) {
        return List.of("localhost:" + port, "127.0.0.1:" + port, "[::1]:" + port)
                        .contains(host)
                || host.matches("127\\.\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}:" + port);
    }

    private static boolean validUri(String target) {
        try {
            new URI(target);
            return true;
        } catch (URISyntaxException e) {
            return false;
        }
    }

    private static ObjectNode validRoute() {
        return (ObjectNode) JSON.readTree("""
                {"spec": {"priority": 5, "httpRoute": {
                  "match": {"prefix": "/", "method": "GET", "headers": [{"name": "x-a", "match": {"exact": "1"}}]},
                  "action": {"weightedTargets": [{"virtualNode": "vn", "weight": 100, "port": 8080}]},
                  "retryPolicy": {"maxRetries": 2, "perRetryTimeout": {"unit": "ms", "value": 250},
                                  "httpRetryEvents": ["server-error"], "tcpRetryEvents": ["connection-error"]},
                  "timeout": {"perRequest": {"unit": "s", "value": 2}, "idle": {"unit": "s", "value": 5}}}},
                 "clientToken": "base"}
                """);
    }

    /** Every member path in the tree, e.g. {@code /spec/httpRoute/action/weightedTargets/0/weight}. */
    private static List<String> memberPaths(JsonNode node, String at) {
        List<String> paths = new ArrayList<>();
        if (node.isObject()) {
            node.propertyNames().forEach(name -> {
                paths.add(at + "/" + name);
                paths.addAll(memberPaths(node.get(name), at + "/" + name));
            });
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                paths.add(at + "/" + i);
                paths.addAll(memberPaths(node.get(i), at + "/" + i));
            }
        }
        return paths;
    }

    private static String mutate(String path, JsonNode value, boolean remove) {
        ObjectNode root = validRoute();
        root.remove("clientToken");
        int slash = path.lastIndexOf('/');
        JsonNode parent = root.at(path.substring(0, slash));
        String last = path.substring(slash + 1);
        if (parent.isObject()) {
            if (remove) {
                ((ObjectNode) parent).remove(last);
            } else {
                ((ObjectNode) parent).set(last, value);
            }
        } else if (parent.isArray()) {
            var array = (tools.jackson.databind.node.ArrayNode) parent;
            if (remove) {
                array.remove(Integer.parseInt(last));
            } else {
                array.set(Integer.parseInt(last), value);
            }
        }
        return root.toString();
    }

    private static byte[] chunked(String body) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        StringBuilder request = new StringBuilder("PUT /v20190125/meshes HTTP/1.1\r\nHost: " + host()
                + "\r\nConnection: close\r\nTransfer-Encoding: chunked\r\n\r\n");
        for (int offset = 0; offset < bytes.length; offset += 8192) {
            int size = Math.min(8192, bytes.length - offset);
            request.append(Integer.toHexString(size))
                    .append("\r\n")
                    .append(new String(bytes, offset, size, StandardCharsets.UTF_8))
                    .append("\r\n");
        }
        return request.append("0\r\n\r\n").toString().getBytes(StandardCharsets.UTF_8);
    }

    private static String host() {
        return "127.0.0.1:" + port;
    }

    private static void put(String path, String body) throws IOException {
        RawExchange answer = RawExchange.send(port, RawExchange.request("PUT", path, host(), body));
        assertThat(answer.status()).as(path + " -> " + answer.body()).isEqualTo(200);
    }
}
