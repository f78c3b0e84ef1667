package io.vqi.cli;

import picocli.CommandLine;

/** The entry point of {@code vqi.jar}. */
public final class Main {
    /** JavaCPP's choice among the native ND4J builds in the jar: the oneDNN one (the plain one is not shipped). */
    static final String PLATFORM_EXTENSION = "org.bytedeco.javacpp.platform.extension";

    private Main() {
    }

    public static void main(String[] args) {
        if (System.getProperty(PLATFORM_EXTENSION) == null) {
            System.setProperty(PLATFORM_EXTENSION, "-onednn");
        }
        System.exit(VqiCli.newCommandLine(args).execute(args));
    }
}
