package dev.rdpprobe.cli;

import picocli.CommandLine;

/** {@code rdp-probe --version}: the version in the jar's manifest, and the Java that runs it. */
public final class VersionProvider implements CommandLine.IVersionProvider {

    @Override
    public String[] getVersion() {
        String version = RdpProbeCommand.class.getPackage().getImplementationVersion();
        return new String[] {
            "rdp-probe " + (version == null ? "(development build)" : version),
            "Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + ")"
        };
    }
}
