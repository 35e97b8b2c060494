package vn.danvan.kit.web;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * HTTP limits of a service.
 *
 * @param maxRequestBody the largest request body accepted; a longer one gets a 413 problem before any
 *     handler sees it
 */
@ConfigurationProperties("danvan.http")
record HttpLimitsProperties(@DefaultValue("1MB") DataSize maxRequestBody) {}
