package io.github.meshrefarch.mesh.local.dataplane;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A strict reader of the Prometheus text exposition format 0.0.4, for tests: every line is a {@code # TYPE} line, a
 * comment, or a sample whose metric family was typed before it; names, label syntax (with escapes) and values are
 * checked, and a malformed line fails with its number.
 */
final class PrometheusExposition {

    private static final Pattern NAME = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");
    private static final Pattern LABEL_NAME = Pattern.compile("[a-zA-Z_][a-zA-Z0-9_]*");
    private static final Pattern TYPE = Pattern.compile("# TYPE (\\S+) (counter|gauge|histogram|summary|untyped)");

    record Sample(String name, Map<String, String> labels, double value) {}

    final Map<String, String> types = new LinkedHashMap<>();
    final List<Sample> samples = new ArrayList<>();

    static PrometheusExposition parse(String text) {
        var exposition = new PrometheusExposition();
        String[] lines = text.split("\n", -1);
        if (!text.endsWith("\n")) {
            throw new IllegalArgumentException("the exposition does not end with a line feed");
        }
        for (int i = 0; i < lines.length - 1; i++) {
            try {
                exposition.line(lines[i]);
            } catch (RuntimeException e) {
                throw new IllegalArgumentException("line " + (i + 1) + " '" + lines[i] + "': " + e.getMessage(), e);
            }
        }
        return exposition;
    }

    private void line(String line) {
        if (line.isEmpty() || (line.startsWith("#") && !line.startsWith("# TYPE"))) {
            return;
        }
        Matcher type = TYPE.matcher(line);
        if (type.matches()) {
            require(NAME.matcher(type.group(1)).matches(), "bad metric name");
            require(types.put(type.group(1), type.group(2)) == null, "a second TYPE line for " + type.group(1));
            return;
        }
        require(!line.startsWith("#"), "malformed TYPE line");
        int nameEnd = 0;
        while (nameEnd < line.length() && line.charAt(nameEnd) != '{' && line.charAt(nameEnd) != ' ') {
            nameEnd++;
        }
        String name = line.substring(0, nameEnd);
        require(NAME.matcher(name).matches(), "bad metric name " + name);
        require(types.containsKey(family(name)), "sample before its TYPE line");
        int[] position = {nameEnd};
        Map<String, String> labels = line.charAt(nameEnd) == '{' ? labels(line, position) : Map.of();
        require(line.charAt(position[0]) == ' ', "no space before the value");
        String[] valueAndTime = line.substring(position[0] + 1).split(" ");
        require(valueAndTime.length <= 2, "trailing text");
        samples.add(new Sample(name, labels, value(valueAndTime[0])));
    }

    private Map<String, String> labels(String line, int[] position) {
        var labels = new LinkedHashMap<String, String>();
        int i = position[0] + 1;
        while (line.charAt(i) != '}') {
            int equals = line.indexOf('=', i);
            String label = line.substring(i, equals);
            require(LABEL_NAME.matcher(label).matches(), "bad label name " + label);
            require(line.charAt(equals + 1) == '"', "label value not quoted");
            var value = new StringBuilder();
            i = equals + 2;
            while (line.charAt(i) != '"') {
                char c = line.charAt(i++);
                if (c == '\\') {
                    char escaped = line.charAt(i++);
                    require(escaped == '\\' || escaped == '"' || escaped == 'n', "bad escape \\" + escaped);
                    value.append(escaped == 'n' ? '\n' : escaped);
                } else {
                    value.append(c);
                }
            }
            require(labels.put(label, value.toString()) == null, "label " + label + " twice");
            i++;
            if (line.charAt(i) == ',') {
                i++;
            } else {
                require(line.charAt(i) == '}', "expected , or }");
            }
        }
        position[0] = i + 1;
        return labels;
    }

    /** The family a sample belongs to: a histogram's {@code _bucket}, {@code _sum} and {@code _count} are its own. */
    private String family(String name) {
        for (String suffix : List.of("_bucket", "_sum", "_count")) {
            if (name.endsWith(suffix)) {
                String base = name.substring(0, name.length() - suffix.length());
                if ("histogram".equals(types.get(base))) {
                    return base;
                }
            }
        }
        return name;
    }

    private static double value(String text) {
        return switch (text) {
            case "+Inf" -> Double.POSITIVE_INFINITY;
            case "-Inf" -> Double.NEGATIVE_INFINITY;
            case "NaN" -> Double.NaN;
            default -> Double.parseDouble(text);
        };
    }

    private static void require(boolean condition, String problem) {
        if (!condition) {
            throw new IllegalArgumentException(problem);
        }
    }

    /** The value of the one sample with this name and these labels (among others), or fails. */
    double value(String name, Map<String, String> labels) {
        List<Sample> matching = samples.stream()
                .filter(sample -> sample.name().equals(name))
                .filter(sample -> sample.labels().entrySet().containsAll(labels.entrySet()))
                .toList();
        if (matching.size() != 1) {
            throw new AssertionError(matching.size() + " samples " + name + labels + " in " + samples);
        }
        return matching.get(0).value();
    }

    /** Every sample of this name and labels, by the value of {@code label}. */
    Map<String, Double> byLabel(String name, Map<String, String> labels, String label) {
        var values = new HashMap<String, Double>();
        samples.stream()
                .filter(sample -> sample.name().equals(name))
                .filter(sample -> sample.labels().entrySet().containsAll(labels.entrySet()))
                .forEach(sample -> values.put(sample.labels().get(label), sample.value()));
        return values;
    }
}
