package dev.pressuremonitor.agent.cli;

import picocli.CommandLine;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** The version the build stamped into the jar. */
final class Version implements CommandLine.IVersionProvider {
    static String current() {
        Properties p = new Properties();
        try (InputStream in = Version.class.getClassLoader().getResourceAsStream("pressure-monitor-version.properties")) {
            if (in != null) p.load(in);
        } catch (IOException e) {
            return "unknown (" + e.getMessage() + ")";
        }
        String v = p.getProperty("version", "");
        return v.isEmpty() || v.startsWith("${") ? "unknown (not built with Maven)" : v;
    }

    @Override
    public String[] getVersion() {
        return new String[]{"pressure-monitor " + current(), "Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + ")"};
    }
}
