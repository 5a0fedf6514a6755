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

    ApiHandler(MeshOperations operations, JsonMapper mapper, String account, String defaultRegion) {
        this.operations = operations;
        this.mapper = mapper;
        this.account = account;
        this.defaultRegion = defaultRegion;
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
            byte[] body = readBody(exchange.getRequestBody());
            try {
                send(exchange, 200, null, dispatch(exchange, method, body));
            } catch (ApiException e) {
                ObjectNode message = JsonNodeFactory.instance.objectNode().put("message", e.getMessage());
                send(exchange, e.status(), e.errorType(), message);
            } catch (RuntimeException e) {
                ObjectNode message = JsonNodeFactory.instance.objectNode().put("message", "Internal error: " + e);
                send(exchange, 500, "InternalServerErrorException", message);
            }
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

    private static byte[] readBody(InputStream in) throws IOException {
        try (in) {
            return in.readAllBytes();
        }
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
        return URLDecoder.decode(value.replace("+", "%2B"), StandardCharsets.UTF_8);
    }
}
