package io.github.meshrefarch.mesh.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import picocli.CommandLine.IVersionProvider;

/** {@code meshctl --version}: the version the build wrote into {@code meshctl-build.properties}. */
final class BuildVersion implements IVersionProvider {

    static final String RESOURCE = "/meshctl-build.properties";

    @Override
    public String[] getVersion() throws IOException {
        Properties build = new Properties();
        try (InputStream in = BuildVersion.class.getResourceAsStream(RESOURCE)) {
            if (in != null) {
                build.load(in);
            }
        }
        return new String[] {"meshctl " + build.getProperty("version", "(version unknown: not built by Maven)")};
    }
}
