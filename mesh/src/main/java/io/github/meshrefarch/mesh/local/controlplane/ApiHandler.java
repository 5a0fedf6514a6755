package io.github.meshrefarch.mesh.local.controlplane;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The HTTP face of the control plane: maps App Mesh REST requests (method + path) to {@link MeshOperations} and writes
 * App Mesh's answers: 200 with the JSON payload, or the error's status with {@code x-amzn-ErrorType} and {@code
 * {"message": ...}}. The region is the one the request was signed for (SigV4 credential scope).
 */
final class ApiHandler implements HttpHandler {

    private static final Pattern CREDENTIAL_SCOPE = Pattern.compile("Credential=[^/,\\s]+/\\d{8}/([a-z0-9-]+)/");

    private final MeshOperations operations;
    private final JsonMapper mapper;
    private final String account;
    private final String defaultRegion;
    private final AtomicLong mutatingRequests = new AtomicLong();

    /** The largest request body accepted; App Mesh's largest specs are a few kilobytes. */
    static final int MAX_BODY_BYTES = 256 * 1024;

    private final int port;

    ApiHandler(MeshOperations operations, JsonMapper mapper, String account, String defaultRegion, int port) {
        this.operations = operations;
        this.mapper = mapper;
        this.account = account;
        this.defaultRegion = defaultRegion;
        this.port = port;
    }

    long mutatingRequestCount() {
        return mutatingRequests.get();
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        String method = exchange.getRequestMethod();
        if (!method.equals("GET") && !method.equals("HEAD")) {
            mutatingRequests.incrementAndGet();
        }
        try (exchange) {
            try {
                checkRequestLine(exchange);
                LoopbackHosts.check(exchange.getRequestHeaders().getFirst("Host"), port);
                byte[] body = readBody(exchange);
                send(exchange, 200, null, dispatch(exchange, method, body));
            } catch (ApiException e) {
                ObjectNode message = JsonNodeFactory.instance.objectNode().put("message", e.getMessage());
                send(exchange, e.status(), e.errorType(), message);
            } catch (
                    JacksonException
                            e) { // a value the checks let through that JSON cannot hold: still the input's fault
                ObjectNode message = JsonNodeFactory.instance
                        .objectNode()
                        .put("message", "Invalid input: " + e.getOriginalMessage());
                send(exchange, 400, "BadRequestException", message);
            } catch (RuntimeException e) {
                ObjectNode message = JsonNodeFactory.instance.objectNode().put("message", "Internal error: " + e);
                send(exchange, 500, "InternalServerErrorException", message);
            }
        }
    }

    /** HTTP/1.x in origin form ({@code /path}): an absolute URI would name a host past the {@code Host} check. */
    private static void checkRequestLine(HttpExchange exchange) {
        String protocol = exchange.getProtocol();
        if (!protocol.equals("HTTP/1.1") && !protocol.equals("HTTP/1.0")) {
            throw ApiException.badRequest("Unsupported protocol version '%s'", protocol);
        }
        if (exchange.getRequestURI().isAbsolute() || exchange.getRequestURI().getRawAuthority() != null) {
            throw ApiException.badRequest("The request target must be a path, not '%s'", exchange.getRequestURI());
        }
    }

    private ObjectNode dispatch(HttpExchange exchange, String method, byte[] body) {
        String rawPath = exchange.getRequestURI().getRawPath();
        ApiRoute route = rawPath.equals(ApiRoute.PREFIX) || rawPath.startsWith(ApiRoute.PREFIX + "/")
                ? ApiRoute.parse(segments(rawPath.substring(ApiRoute.PREFIX.length())))
                : null;
        if (route == null) {
            throw ApiException.unknownOperation(method, rawPath);
        }
        Map<String, String> query = query(exchange.getRequestURI().getRawQuery());
        checkOwner(query.get("meshOwner"), route);
        if (route.key() != null) {
            checkNames(route.key());
            return switch (method) {
                case "GET" -> operations.describe(route.key());
                case "PUT" -> operations.update(route.key(), json(body));
                case "DELETE" -> operations.delete(route.key());
                default -> throw ApiException.unknownOperation(method, rawPath);
            };
        }
        if (route.parent() != null) {
            checkNames(route.parent());
        }
        return switch (method) {
            case "GET" -> operations.list(route.type(), route.parent(), query.get("limit"), query.get("nextToken"));
            case "PUT" -> operations.create(route.type(), route.parent(), json(body), region(exchange));
            default -> throw ApiException.unknownOperation(method, rawPath);
        };
    }

    /** Meshes here all belong to the one local account; naming another owner finds nothing, as on AWS. */
    private void checkOwner(String meshOwner, ApiRoute route) {
        if (meshOwner != null && !meshOwner.equals(account)) {
            String mesh = route.parent() != null
                    ? route.parent().meshName()
                    : route.key().meshName();
            throw ApiException.notFound("Mesh with name %s is not present for account %s", mesh, meshOwner);
        }
    }

    private static void checkNames(ResourceKey key) {
        Checks.name("meshName", key.meshName());
        if (key.type() == ResourceType.ROUTE) {
            Checks.name("virtualRouterName", key.virtualRouterName());
        }
        Checks.name(key.type().nameMember(), key.name());
    }

    private String region(HttpExchange exchange) {
        String authorization = exchange.getRequestHeaders().getFirst("Authorization");
        if (authorization != null) {
            Matcher matcher = CREDENTIAL_SCOPE.matcher(authorization);
            if (matcher.find()) {
                return matcher.group(1);
            }
        }
        return defaultRegion;
    }

    private ObjectNode json(byte[] body) {
        if (body.length == 0) {
            return JsonNodeFactory.instance.objectNode();
        }
        try {
            JsonNode node = mapper.readTree(body);
            if (node != null && node.isObject()) {
                return (ObjectNode) node;
            }
        } catch (JacksonException e) {
            throw ApiException.badRequest("The request body is not valid JSON: %s", e.getOriginalMessage());
        }
        throw ApiException.badRequest("The request body must be a JSON object");
    }

    private void send(HttpExchange exchange, int status, String errorType, ObjectNode payload) throws IOException {
        byte[] bytes = mapper.writeValueAsBytes(payload);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.getResponseHeaders().set("x-amzn-RequestId", UUID.randomUUID().toString());
        if (errorType != null) {
            exchange.getResponseHeaders().set("x-amzn-ErrorType", errorType);
        }
        boolean head = exchange.getRequestMethod().equals("HEAD");
        exchange.sendResponseHeaders(status, head ? -1 : bytes.length);
        if (!head) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
    }

    /** The body, up to {@link #MAX_BODY_BYTES}: a longer one (declared or sent) is refused unread, 413. */
    private static byte[] readBody(HttpExchange exchange) throws IOException {
        String declared = exchange.getRequestHeaders().getFirst("Content-Length");
        if (declared != null && declared.matches("\\d{1,18}") && Long.parseLong(declared) > MAX_BODY_BYTES) {
            throw tooLarge();
        }
        try (InputStream in = exchange.getRequestBody()) {
            byte[] body = in.readNBytes(MAX_BODY_BYTES + 1);
            if (body.length > MAX_BODY_BYTES) {
                throw tooLarge();
            }
            return body;
        }
    }

    private static ApiException tooLarge() {
        return ApiException.tooLarge("The request body is larger than %d bytes", MAX_BODY_BYTES);
    }

    private static List<String> segments(String rawPath) {
        List<String> segments = new ArrayList<>();
        for (String segment : rawPath.split("/")) {
            if (!segment.isEmpty()) {
                segments.add(decode(segment));
            }
        }
        return segments;
    }

    private static Map<String, String> query(String rawQuery) {
        Map<String, String> query = new HashMap<>();
        if (rawQuery != null) {
            for (String pair : rawQuery.split("&")) {
                int equals = pair.indexOf('=');
                String name = decode(equals < 0 ? pair : pair.substring(0, equals));
                query.putIfAbsent(name, equals < 0 ? "" : decode(pair.substring(equals + 1)));
            }
        }
        return query;
    }

    private static String decode(String value) {
        try {
            return URLDecoder.decode(value.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException badEscape) {
            throw ApiException.badRequest("Invalid %%-escape in '%s': %s", value, badEscape.getMessage());
        }
    }
}
