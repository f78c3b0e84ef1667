package io.vqi.compare;

/** What the timings were measured on, for the report. */
public record Machine(int cores, String osName, String osVersion, String osArch, String javaVersion,
                      String javaVm) {

    public static Machine current() {
        return new Machine(Runtime.getRuntime().availableProcessors(), System.getProperty("os.name"),
                System.getProperty("os.version"), System.getProperty("os.arch"),
                System.getProperty("java.version"),
                System.getProperty("java.vm.name") + " " + System.getProperty("java.vm.version"));
    }
}
