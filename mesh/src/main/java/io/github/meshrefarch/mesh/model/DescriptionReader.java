package io.github.meshrefarch.mesh.model;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import tools.jackson.core.JacksonException;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.exc.UnrecognizedPropertyException;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * Reads description and step files (YAML, or JSON which is YAML too) into records. A file that
 * does not parse is reported with its name, line and field, as {@link InvalidInputException}.
 */
public final class DescriptionReader {

    private static final YAMLMapper YAML = YAMLMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private DescriptionReader() {}

    /** Reads a mesh description and checks it with {@link Validator}. */
    public static MeshDescription readDescription(Path file) {
        MeshDescription description = read(file, MeshDescription.class);
        if (description.mesh() == null) {
            throw new InvalidInputException(file + ": field 'mesh' is missing: name the mesh, e.g. 'mesh: demomesh'");
        }
        Validator.requireValid(file.toString(), description);
        return description;
    }

    static <T> T read(Path file, Class<T> type) {
        if (!Files.isRegularFile(file)) {
            throw new InvalidInputException(file + ": no such file");
        }
        try {
            T value = YAML.readValue(file.toFile(), type);
            if (value == null) {
                throw new InvalidInputException(file + ": the file is empty");
            }
            return value;
        } catch (JacksonException e) {
            throw new InvalidInputException(describe(file, e), e);
        } catch (RuntimeException e) {
            if (e.getCause() instanceof NoSuchFileException) {
                throw new InvalidInputException(file + ": no such file", e);
            }
            throw e;
        }
    }

    private static String describe(Path file, JacksonException e) {
        StringBuilder message = new StringBuilder(file.toString());
        TokenStreamLocation location = e.getLocation();
        if (location != null && location.getLineNr() > 0) {
            int line = e instanceof UnrecognizedPropertyException unknown
                    ? lineOfKey(file, unknown.getPropertyName(), location.getLineNr())
                    : location.getLineNr();
            message.append(':').append(line);
        }
        String field = fieldPath(e);
        if (!field.isEmpty()) {
            message.append(": field '").append(field).append('\'');
        }
        String reason = e.getOriginalMessage() == null ? "" : e.getOriginalMessage();
        int detail = reason.indexOf(" (class ");
        message.append(": ")
                .append(
                        detail > 0
                                ? reason.substring(0, detail)
                                : reason.lines().findFirst().orElse(""));
        return message.toString();
    }

    /**
     * The line of the last {@code key:} at or before {@code reported}: records are built once all
     * their fields are read, so Jackson reports an unknown field where the record ends.
     */
    private static int lineOfKey(Path file, String key, int reported) {
        Pattern keyPattern = Pattern.compile("(^|[\\s{,-])" + Pattern.quote(key) + "\\s*:");
        try {
            List<String> lines = Files.readAllLines(file);
            for (int line = Math.min(reported, lines.size()); line >= 1; line--) {
                if (keyPattern.matcher(lines.get(line - 1)).find()) {
                    return line;
                }
            }
        } catch (IOException e) {
            // keep the reported line
        }
        return reported;
    }

    private static String fieldPath(JacksonException e) {
        StringBuilder path = new StringBuilder();
        for (JacksonException.Reference reference : e.getPath()) {
            if (reference.getPropertyName() != null) {
                path.append(path.isEmpty() ? "" : ".").append(reference.getPropertyName());
            } else if (reference.getIndex() >= 0) {
                path.append('[').append(reference.getIndex()).append(']');
            }
        }
        return path.toString();
    }
}
