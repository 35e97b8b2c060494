package vn.danvan.kit.consumer;

import org.springframework.boot.autoconfigure.AutoConfiguration;

/** Idempotent event consumption: processed-event log, dead-letter defaults. */
@AutoConfiguration
public class ConsumerAutoConfiguration {}
