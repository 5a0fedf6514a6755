package io.github.meshrefarch.mesh.cli;

import io.github.meshrefarch.mesh.appmesh.AppMeshTarget;
import io.github.meshrefarch.mesh.model.InvalidInputException;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Where meshctl's mesh calls go: an App Mesh endpoint (local or AWS) or a cluster's Gateway API. */
enum Target {
    LOCAL("local"),
    AWS("aws"),
    GATEWAY_API("gateway-api");

    private final String text;

    Target(String text) {
        this.text = text;
    }

    /** The App Mesh target, for the targets that have one. */
    AppMeshTarget appMesh() {
        return switch (this) {
            case LOCAL -> AppMeshTarget.LOCAL;
            case AWS -> AppMeshTarget.AWS;
            case GATEWAY_API ->
                throw new InvalidInputException(
                        "this command speaks App Mesh: use --target local or --target aws, not gateway-api");
        };
    }

    @Override
    public String toString() {
        return text;
    }

    /** Reads {@code local}, {@code aws} or {@code gateway-api}; anything else is a usage error. */
    static final class Converter implements ITypeConverter<Target> {
        @Override
        public Target convert(String value) {
            return Arrays.stream(values())
                    .filter(target -> target.text.equals(value.toLowerCase(Locale.ROOT)))
                    .findFirst()
                    .orElseThrow(() -> new TypeConversionException("'" + value + "' is not one of "
                            + Arrays.stream(values()).map(Target::toString).collect(Collectors.joining(", "))));
        }
    }
}
