package io.vqi.cli;

import io.vqi.format.VqiFormat;
import picocli.CommandLine.IVersionProvider;

/** {@code vqi --version}: the jar manifest's {@code Implementation-Version}, or {@code dev} when run from classes. */
public final class ManifestVersionProvider implements IVersionProvider {
    /** Printed when there is no manifest version: a build from an IDE or {@code target/classes}. */
    public static final String DEV = "dev";

    @Override
    public String[] getVersion() {
        return new String[] {
                "vqi " + version() + " (.vqi format " + VqiFormat.VERSION_MAJOR + "." + VqiFormat.VERSION_MINOR + ")",
                "Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + "), "
                        + System.getProperty("os.name") + " " + System.getProperty("os.arch"),
        };
    }

    /** The version of this build. */
    public static String version() {
        String version = VqiCli.class.getPackage().getImplementationVersion();
        return version == null || version.isBlank() ? DEV : version;
    }
}
