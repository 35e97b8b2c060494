package vn.danvan.kit.events;

import org.springframework.boot.autoconfigure.AutoConfiguration;

/** CloudEvents envelope, the service's own topic and the outbox relay. */
@AutoConfiguration
public class EventsAutoConfiguration {}
