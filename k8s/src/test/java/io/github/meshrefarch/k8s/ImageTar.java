package io.github.meshrefarch.k8s;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The image configuration inside a Docker-format image tar as {@code jib:buildTar} writes it: {@code manifest.json}
 * names the config blob, which holds entrypoint, user, ports and labels; the layers are gzipped tars of the files.
 * Reads the ustar headers itself (the JDK has no tar reader); only the small JSON entries are kept.
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
            byte[] header = new byte[BLOCK];
            while (in.readNBytes(header, 0, BLOCK) == BLOCK && header[0] != 0) {
                String name = field(header, 0, 100);
                long size = Long.parseLong(field(header, 124, 12).trim(), 8);
                long padded = (size + BLOCK - 1) / BLOCK * BLOCK;
                if (name.endsWith(".tar.gz")) {
                    byte[] layer = in.readNBytes((int) size);
                    in.skipNBytes(padded - size);
                    files.addAll(names(new GZIPInputStream(new java.io.ByteArrayInputStream(layer))));
                } else {
                    in.skipNBytes(padded);
                }
            }
        }
        return files;
    }

    private static List<String> names(InputStream layer) throws IOException {
        List<String> names = new ArrayList<>();
        try (InputStream in = new BufferedInputStream(layer)) {
            byte[] header = new byte[BLOCK];
            while (in.readNBytes(header, 0, BLOCK) == BLOCK && header[0] != 0) {
                String name = field(header, 0, 100);
                String size = field(header, 124, 12).trim();
                long length = size.isEmpty() ? 0 : Long.parseLong(size, 8);
                if (header[156] == 'x' || header[156] == 'g') { // pax extended header: metadata, not a file
                    in.skipNBytes((length + BLOCK - 1) / BLOCK * BLOCK);
                    continue;
                }
                names.add(field(header, 345, 155).isEmpty() ? name : field(header, 345, 155) + "/" + name);
                in.skipNBytes((length + BLOCK - 1) / BLOCK * BLOCK);
            }
        }
        return names;
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
            byte[] header = new byte[BLOCK];
            while (in.readNBytes(header, 0, BLOCK) == BLOCK && header[0] != 0) {
                String name = field(header, 0, 100);
                long size = Long.parseLong(field(header, 124, 12).trim(), 8);
                long padded = (size + BLOCK - 1) / BLOCK * BLOCK;
                if (name.endsWith(".json")) {
                    entries.put(name, in.readNBytes((int) size));
                    in.skipNBytes(padded - size);
                } else {
                    in.skipNBytes(padded);
                }
            }
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
