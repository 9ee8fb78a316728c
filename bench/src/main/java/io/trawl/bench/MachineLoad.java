package io.trawl.bench;

import java.lang.management.ManagementFactory;
import java.util.Locale;

/** The machine is shared: every measurement says how busy it was, so numbers from a loaded machine are read as such. */
final class MachineLoad
{
    private MachineLoad() {}

    /** {@code 1.23 (1 min) on 2 cores}, or {@code unknown} where the OS does not report it. */
    static String describe()
    {
        double load = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        int cores = Runtime.getRuntime().availableProcessors();
        if (load < 0) {
            return "unknown on %d cores".formatted(cores);
        }
        return String.format(Locale.ROOT, "%.2f (1 min) on %d cores", load, cores);
    }
}
