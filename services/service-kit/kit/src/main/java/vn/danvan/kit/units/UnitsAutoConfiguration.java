package vn.danvan.kit.units;

import org.springframework.boot.autoconfigure.AutoConfiguration;

/** Administrative units reference data: lookups, scope checks, merge history. */
@AutoConfiguration
public class UnitsAutoConfiguration {}
