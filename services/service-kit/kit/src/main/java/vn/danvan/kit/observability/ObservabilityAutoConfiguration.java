package vn.danvan.kit.observability;

import org.springframework.boot.autoconfigure.AutoConfiguration;

/** Health groups, metrics and logging defaults. */
@AutoConfiguration
public class ObservabilityAutoConfiguration {}
