package io.github.meshrefarch.mesh.gatewayapi.schema;

import dev.cel.common.CelAbstractSyntaxTree;
import dev.cel.common.CelValidationException;
import dev.cel.common.types.SimpleType;
import dev.cel.compiler.CelCompiler;
import dev.cel.compiler.CelCompilerFactory;
import dev.cel.extensions.CelExtensions;
import dev.cel.parser.CelStandardMacro;
import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelRuntime;
import dev.cel.runtime.CelRuntimeFactory;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;

/**
 * The {@code x-kubernetes-validations} of a CRD version, compiled with CEL-Java and evaluated at the node that carries
 * them (inside arrays and maps, for every element), with {@code self} bound to that node. Rules that cannot be evaluated
 * here are collected with the reason, never dropped silently: transition rules (they need {@code oldSelf}, the object
 * before an update), rules calling a function this validator does not provide, and rules under
 * {@code anyOf}/{@code allOf}/{@code oneOf}/{@code not}.
 */
final class CelRules {

    private static final Pattern OLD_SELF = Pattern.compile("\\boldSelf\\b");
    private static final Set<String> COMBINATORS = Set.of("anyOf", "allOf", "oneOf", "not");

    private static final CelCompiler COMPILER = CelCompilerFactory.standardCelCompilerBuilder()
            .setStandardMacros(CelStandardMacro.STANDARD_MACROS)
            .addVar("self", SimpleType.DYN)
            .addLibraries(CelExtensions.strings())
            .addFunctionDeclarations(KubernetesCelLibrary.declarations())
            .build();
    private static final CelRuntime RUNTIME = CelRuntimeFactory.standardCelRuntimeBuilder()
            .addLibraries(CelExtensions.strings())
            .addFunctionBindings(KubernetesCelLibrary.bindings())
            .build();

    /** A compiled rule, or why it is not evaluated. */
    private record Compiled(CelRuntime.Program program, String notEvaluated) {}

    private final Map<String, Compiled> compiled = new ConcurrentHashMap<>();
    private final Set<String> unevaluated = new TreeSet<>();
    private int count;

    /** Compiles every rule of one CRD version's schema; {@code crd} names it in {@link #unevaluated()}. */
    void register(String crd, JsonNode schema) {
        register(crd, schema, "", true);
    }

    /** Each rule that is not evaluated: {@code <crd> <schema location>: <rule> -- <why>}. */
    Set<String> unevaluated() {
        return Collections.unmodifiableSortedSet(new TreeSet<>(unevaluated));
    }

    int count() {
        return count;
    }

    private void register(String crd, JsonNode schema, String location, boolean reachable) {
        for (JsonNode rule : schema.path("x-kubernetes-validations")) {
            count++;
            String expression = rule.path("rule").asString();
            String reason = reachable ? compile(expression).notEvaluated() : "under a schema combinator: not visited";
            if (reason != null) {
                unevaluated.add(crd + " " + Paths.shown(location) + ": " + expression + " -- " + reason);
            }
        }
        for (Map.Entry<String, JsonNode> property : schema.path("properties").properties()) {
            register(crd, property.getValue(), Paths.field(location, property.getKey()), reachable);
        }
        if (schema.path("items").isObject()) {
            register(crd, schema.get("items"), location + "[*]", reachable);
        }
        if (schema.path("additionalProperties").isObject()) {
            register(crd, schema.get("additionalProperties"), location + "[*]", reachable);
        }
        for (String combinator : COMBINATORS) {
            JsonNode alternatives = schema.path(combinator);
            if (alternatives.isObject()) {
                register(crd, alternatives, location, false);
            }
            alternatives.forEach(alternative -> register(crd, alternative, location, false));
        }
    }

    private Compiled compile(String expression) {
        return compiled.computeIfAbsent(expression, CelRules::compileNow);
    }

    private static Compiled compileNow(String expression) {
        if (OLD_SELF.matcher(expression).find()) {
            return new Compiled(null, "transition rule: needs oldSelf, the object before an update");
        }
        try {
            CelAbstractSyntaxTree ast = COMPILER.compile(expression).getAst();
            return new Compiled(RUNTIME.createProgram(ast), null);
        } catch (CelValidationException | CelEvaluationException e) {
            return new Compiled(
                    null,
                    "does not compile here: "
                            + e.getMessage().lines().findFirst().orElse(""));
        }
    }

    /** Evaluates every rule at and below {@code value}, adding a violation per rule that does not hold. */
    void evaluate(JsonNode schema, JsonNode value, String path, List<String> violations) {
        if (!Types.matches(schema, value)) {
            return; // the OpenAPI check reports the wrong type; the API server runs no rule on it either
        }
        for (JsonNode rule : schema.path("x-kubernetes-validations")) {
            Compiled rules = compile(rule.path("rule").asString());
            if (rules.program() != null) {
                check(rule, rules.program(), CelValues.of(value, schema, path.isEmpty()), path)
                        .ifPresent(violations::add);
            }
        }
        if (value.isObject()) {
            for (Map.Entry<String, JsonNode> field : value.properties()) {
                JsonNode fieldSchema = schema.path("properties").has(field.getKey())
                        ? schema.path("properties").get(field.getKey())
                        : schema.path("additionalProperties");
                if (fieldSchema.isObject() && !(path.isEmpty() && field.getKey().equals("metadata"))) {
                    evaluate(fieldSchema, field.getValue(), Paths.field(path, field.getKey()), violations);
                }
            }
        } else if (value.isArray() && schema.path("items").isObject()) {
            for (int i = 0; i < value.size(); i++) {
                evaluate(schema.get("items"), value.get(i), Paths.index(path, i), violations);
            }
        }
    }

    private Optional<String> check(JsonNode rule, CelRuntime.Program program, Object self, String path) {
        String expression = rule.path("rule").asString();
        String where = Paths.shown(path) + rule.path("fieldPath").asString("");
        Object result;
        try {
            result = program.eval(Map.of("self", self));
        } catch (CelEvaluationException e) {
            return Optional.of(
                    where + ": rule could not be evaluated: " + e.getMessage() + " (rule: " + expression + ")");
        }
        if (Boolean.TRUE.equals(result)) {
            return Optional.empty();
        }
        if (!(result instanceof Boolean)) {
            return Optional.of(
                    where + ": rule did not evaluate to a bool but " + result + " (rule: " + expression + ")");
        }
        return Optional.of(where + ": " + message(rule, self) + " (rule: " + expression + ")");
    }

    private String message(JsonNode rule, Object self) {
        if (rule.path("messageExpression").isString()) {
            Compiled message = compile(rule.get("messageExpression").asString());
            if (message.program() != null) {
                try {
                    return String.valueOf(message.program().eval(Map.of("self", self)));
                } catch (CelEvaluationException e) {
                    // fall through to the static message, as the API server does
                }
            }
        }
        return rule.path("message").isString()
                ? rule.get("message").asString()
                : "failed rule: " + rule.path("rule").asString();
    }
}
