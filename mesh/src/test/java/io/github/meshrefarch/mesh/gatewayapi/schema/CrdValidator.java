package io.github.meshrefarch.mesh.gatewayapi.schema;

import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.dialect.Dialects;
import com.networknt.schema.path.NodePath;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * Validates Kubernetes objects against the upstream CustomResourceDefinitions, the way the API server would on create:
 * null pruning, defaults, unknown fields and list types ({@link Structural}), the OpenAPI v3 schema of the served
 * version (networknt, OpenAPI 3.0 dialect, so {@code nullable} counts), then every CEL rule of
 * {@code x-kubernetes-validations} at the node that carries it ({@link CelRules}).
 *
 * <p>{@link #standard()} knows Gateway API v1.5.1 (standard channel: GatewayClass, Gateway, HTTPRoute) and the AWS
 * Gateway API Controller v2.1.3 (TargetGroupPolicy, IAMAuthPolicy, ServiceExport, ServiceImport). The CEL rules it
 * cannot evaluate are in {@link #unevaluatedRules()} and printed once when it is built.
 */
public final class CrdValidator {

    /** The CRDs in this module's test resources (see gateway-api/README.md there for where they come from). */
    public static final List<String> STANDARD_CRDS = List.of(
            "gateway-api/crds/v1.5.1/gateway.networking.k8s.io_gatewayclasses.yaml",
            "gateway-api/crds/v1.5.1/gateway.networking.k8s.io_gateways.yaml",
            "gateway-api/crds/v1.5.1/gateway.networking.k8s.io_httproutes.yaml",
            "gateway-api/lattice/crds/application-networking.k8s.aws_iamauthpolicies.yaml",
            "gateway-api/lattice/crds/application-networking.k8s.aws_serviceexports.yaml",
            "gateway-api/lattice/crds/application-networking.k8s.aws_serviceimports.yaml",
            "gateway-api/lattice/crds/application-networking.k8s.aws_targetgrouppolicies.yaml");

    private static final YAMLMapper YAML = YAMLMapper.builder().build();
    private static final SchemaRegistry SCHEMAS = SchemaRegistry.withDefaultDialect(
            Dialects.getOpenApi30(),
            builder -> builder.schemaRegistryConfig(
                    SchemaRegistryConfig.builder().formatAssertionsEnabled(true).build()));
    private static CrdValidator standard;

    private record Served(String name, JsonNode openApi, Schema schema) {}

    private final Map<String, Served> served = new LinkedHashMap<>();
    private final Set<String> groups = new TreeSet<>();
    private final CelRules rules = new CelRules();

    private CrdValidator(List<String> resources) {
        resources.forEach(this::load);
    }

    /** Gateway API v1.5.1 standard channel and the Lattice CRDs, built once per JVM. */
    public static synchronized CrdValidator standard() {
        if (standard == null) {
            standard = of(STANDARD_CRDS);
        }
        return standard;
    }

    /** A validator for the CRDs at these class-path resources; prints the CEL rules it cannot evaluate. */
    public static CrdValidator of(List<String> classpathResources) {
        CrdValidator validator = new CrdValidator(classpathResources);
        System.out.println("CRD validator: " + validator.served.keySet() + ", " + validator.rules.count()
                + " CEL rules, " + validator.unevaluatedRules().size() + " not evaluated"
                + (validator.unevaluatedRules().isEmpty() ? "" : ":"));
        validator.unevaluatedRules().forEach(rule -> System.out.println("  not evaluated: " + rule));
        return validator;
    }

    /**
     * What the API server would reject in this object (a fabric8 model object, a {@code Map}, a Jackson tree, or one
     * YAML/JSON document): each entry names the field path and the schema keyword or CEL rule. Empty: valid.
     */
    public List<String> violations(Object object) {
        ObjectNode tree = Documents.tree(object);
        String apiVersion = tree.path("apiVersion").asString("");
        String kind = tree.path("kind").asString("");
        Served version = served.get(apiVersion + "/" + kind);
        if (version == null) {
            return List.of("apiVersion/kind: no CRD here serves " + kind + " in " + apiVersion);
        }
        List<String> violations = new ArrayList<>();
        Structural.apply(version.openApi(), tree, violations);
        for (Error error : version.schema().validate(tree)) {
            violations.add(Paths.shown(path(error.getInstanceLocation())) + ": " + error.getMessage() + " ("
                    + error.getKeyword() + ")");
        }
        rules.evaluate(version.openApi(), tree, Paths.ROOT, violations);
        return List.copyOf(violations);
    }

    /** The violations of every object in a YAML stream, each prefixed with the object's kind and name. */
    public List<String> violationsOfStream(String yaml) {
        List<String> violations = new ArrayList<>();
        for (ObjectNode document : Documents.stream(yaml)) {
            String name = document.path("kind").asString() + " "
                    + document.path("metadata").path("name").asString();
            violations(document).forEach(violation -> violations.add(name + ": " + violation));
        }
        return violations;
    }

    /** Whether the object's API group is one of these CRDs' (an object of another group is not theirs to check). */
    public boolean covers(Object object) {
        String apiVersion = Documents.tree(object).path("apiVersion").asString("");
        return apiVersion.contains("/") && groups.contains(apiVersion.substring(0, apiVersion.indexOf('/')));
    }

    /** Each CEL rule not evaluated, with where it is and why: {@code <Kind>/<version> <location>: <rule> -- <why>}. */
    public Set<String> unevaluatedRules() {
        return rules.unevaluated();
    }

    private void load(String resource) {
        JsonNode crd;
        try (InputStream in = CrdValidator.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalArgumentException("no CRD on the class path at " + resource);
            }
            crd = YAML.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException("reading " + resource, e);
        }
        String group = crd.path("spec").path("group").asString();
        String kind = crd.path("spec").path("names").path("kind").asString();
        groups.add(group);
        for (JsonNode version : crd.path("spec").path("versions")) {
            if (!version.path("served").asBoolean(false)) {
                continue;
            }
            String name = kind + "/" + version.path("name").asString();
            JsonNode openApi = version.path("schema").path("openAPIV3Schema");
            served.put(
                    group + "/" + version.path("name").asString() + "/" + kind,
                    new Served(name, openApi, SCHEMAS.getSchema(openApi)));
            rules.register(name, openApi);
        }
    }

    private static String path(NodePath location) {
        String path = Paths.ROOT;
        for (int i = 0; i < location.getNameCount(); i++) {
            Object element = location.getElement(i);
            path = element instanceof Integer index ? Paths.index(path, index) : Paths.field(path, element.toString());
        }
        return path;
    }
}
