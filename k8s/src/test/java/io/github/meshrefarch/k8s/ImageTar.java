package io.github.meshrefarch.k8s;

import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.zip.GZIPInputStream;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The image configuration inside a Docker-format image tar as {@code jib:buildTar} writes it: {@code manifest.json}
 * names the config blob, which holds entrypoint, user, ports and labels; the layers are gzipped tars of the files.
 * Reads the ustar headers itself (the JDK has no tar reader); only the JSON entries, and for the file list the
 * layers, are read into memory.
 */
final class ImageTar {

    private static final int BLOCK = 512;
    private static final JsonMapper JSON = new JsonMapper();

    private ImageTar() {}

    /** The {@code config} object of the image's configuration (Entrypoint, User, ExposedPorts, Labels, ...). */
    static JsonNode config(Path tar) throws IOException {
        Map<String, byte[]> json = jsonEntries(tar);
        JsonNode manifest = JSON.readTree(entry(json, "manifest.json", tar));
        String configName = manifest.path(0).path("Config").asString();
        return JSON.readTree(entry(json, configName, tar)).path("config");
    }

    /** The paths of the files in all of the image's layers ({@code app/libs/x.jar}, ...). */
    static List<String> files(Path tar) throws IOException {
        List<String> files = new ArrayList<>();
        try (InputStream in = new BufferedInputStream(Files.newInputStream(tar))) {
            for (Entry layer : entries(in, name -> name.endsWith(".tar.gz"))) {
                if (layer.content() != null) {
                    try (InputStream unzipped = new GZIPInputStream(new ByteArrayInputStream(layer.content()))) {
                        entries(new BufferedInputStream(unzipped), name -> false).stream()
                                .filter(entry -> entry.type() != 'x' && entry.type() != 'g') // pax metadata, no file
                                .map(Entry::name)
                                .forEach(files::add);
                    }
                }
            }
        }
        return files;
    }

    private static byte[] entry(Map<String, byte[]> entries, String name, Path tar) {
        byte[] content = entries.get(name);
        if (content == null) {
            throw new AssertionError(tar + " has no entry " + name + ", only " + entries.keySet());
        }
        return content;
    }

    private static Map<String, byte[]> jsonEntries(Path tar) throws IOException {
        Map<String, byte[]> entries = new HashMap<>();
        try (InputStream in = new BufferedInputStream(Files.newInputStream(tar))) {
            for (Entry entry : entries(in, name -> name.endsWith(".json"))) {
                if (entry.content() != null) {
                    entries.put(entry.name(), entry.content());
                }
            }
        }
        return entries;
    }

    /** One tar entry: its name, its type flag, and its content when it was wanted (else null). */
    private record Entry(String name, byte type, byte[] content) {}

    /** The entries of a tar stream, the content read for those whose name {@code wanted} accepts, else skipped. */
    private static List<Entry> entries(InputStream in, Predicate<String> wanted) throws IOException {
        List<Entry> entries = new ArrayList<>();
        byte[] header = new byte[BLOCK];
        while (in.readNBytes(header, 0, BLOCK) == BLOCK && header[0] != 0) {
            String prefix = field(header, 345, 155);
            String name = prefix.isEmpty() ? field(header, 0, 100) : prefix + "/" + field(header, 0, 100);
            String sizeField = field(header, 124, 12).trim();
            long size = sizeField.isEmpty() ? 0 : Long.parseLong(sizeField, 8);
            long padded = (size + BLOCK - 1) / BLOCK * BLOCK;
            byte[] content = null;
            if (wanted.test(name)) {
                content = in.readNBytes((int) size);
                in.skipNBytes(padded - size);
            } else {
                in.skipNBytes(padded);
            }
            entries.add(new Entry(name, header[156], content));
        }
        return entries;
    }

    private static String field(byte[] header, int offset, int length) {
        int end = offset;
        while (end < offset + length && header[end] != 0) {
            end++;
        }
        return new String(header, offset, end - offset, StandardCharsets.US_ASCII);
    }
}
