package dev.breezeway.config;

import java.util.List;

/** Bad configuration found at start-up; the message lists every problem, one per line. */
public final class ConfigException extends RuntimeException {
    public ConfigException(List<String> problems) {
        super("Invalid configuration:\n  - " + String.join("\n  - ", problems));
    }
}
