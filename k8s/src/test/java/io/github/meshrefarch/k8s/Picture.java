package io.github.meshrefarch.k8s;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import net.sourceforge.plantuml.FileFormat;
import net.sourceforge.plantuml.FileFormatOption;
import net.sourceforge.plantuml.SourceStringReader;
import net.sourceforge.plantuml.error.PSystemError;

/**
 * One architecture picture rendered by PlantUML (smetana layout, no Graphviz). PlantUML writes its source, encoded,
 * into both outputs: a {@code plantuml-src} processing instruction in the SVG and a {@code plantuml} iTXt chunk in the
 * PNG. That, not the drawing (whose coordinates depend on the machine's fonts), tells whether a committed picture was
 * rendered from the current source.
 */
record Picture(byte[] svg, byte[] png) {

    private static final Pattern SVG_SOURCE = Pattern.compile("<\\?plantuml-src (\\S+)\\?>");
    private static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};

    static Picture render(String source) throws IOException {
        SourceStringReader reader = new SourceStringReader(source);
        if (reader.getBlocks().size() != 1) {
            throw new AssertionError(
                    "expected one @startuml block, found " + reader.getBlocks().size());
        }
        if (reader.getBlocks().get(0).getDiagram() instanceof PSystemError error) {
            throw new AssertionError("PlantUML cannot render the source: " + error.getDescription());
        }
        return new Picture(output(reader, FileFormat.SVG), output(reader, FileFormat.PNG));
    }

    /** The encoded source an SVG written by PlantUML carries. */
    static Optional<String> svgSource(byte[] svg) {
        Matcher matcher = SVG_SOURCE.matcher(new String(svg, StandardCharsets.UTF_8));
        return matcher.find() ? Optional.of(matcher.group(1)) : Optional.empty();
    }

    /** The source chunk a PNG written by PlantUML carries, as stored (compressed) bytes. */
    static Optional<String> pngSource(byte[] png) throws IOException {
        if (png.length < PNG_SIGNATURE.length || !Arrays.equals(Arrays.copyOf(png, 8), PNG_SIGNATURE)) {
            return Optional.empty();
        }
        DataInputStream in = new DataInputStream(new ByteArrayInputStream(png, 8, png.length - 8));
        while (in.available() >= 12) {
            int length = in.readInt();
            String type = new String(in.readNBytes(4), StandardCharsets.US_ASCII);
            byte[] data = in.readNBytes(length);
            in.skipNBytes(4); // CRC
            if (type.equals("iTXt") && new String(data, StandardCharsets.ISO_8859_1).startsWith("plantuml\0")) {
                return Optional.of(java.util.HexFormat.of().formatHex(data));
            }
        }
        return Optional.empty();
    }

    private static byte[] output(SourceStringReader reader, FileFormat format) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        reader.outputImage(out, new FileFormatOption(format));
        return out.toByteArray();
    }
}
