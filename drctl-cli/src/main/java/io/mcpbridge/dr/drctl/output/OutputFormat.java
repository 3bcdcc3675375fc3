package io.mcpbridge.dr.drctl.output;

/** How a reading command prints: a table for people, JSON or YAML for scripts (documented in docs/drctl.md). */
public enum OutputFormat {
    TABLE,
    JSON,
    YAML
}
