package dev.pressuremonitor.agent.cli;

import picocli.CommandLine;

final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
        String v = PressureMonitor.class.getPackage().getImplementationVersion();
        return new String[]{"pressure-monitor " + (v == null ? "dev" : v)};
    }
}
