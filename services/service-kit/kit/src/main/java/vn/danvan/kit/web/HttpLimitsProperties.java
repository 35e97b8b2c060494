package vn.danvan.kit.web;

import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * HTTP limits of a service.
 *
 * @param maxRequestBody the largest request body accepted; a longer one gets a 413 problem before any
 *     handler sees it
 * @param maxRequestBodyByPath larger (or smaller) limits for the paths under a prefix, the longest matching prefix
 *     winning, e.g. {@code danvan.http.max-request-body-by-path[/api/v1/feedback/imports]=20MB}. A multipart path
 *     given more than {@code maxRequestBody} needs {@code spring.servlet.multipart.max-file-size} and
 *     {@code max-request-size} raised as well
 */
@ConfigurationProperties("danvan.http")
record HttpLimitsProperties(@DefaultValue("1MB") DataSize maxRequestBody, Map<String, DataSize> maxRequestBodyByPath) {

    HttpLimitsProperties {
        maxRequestBodyByPath = maxRequestBodyByPath == null ? Map.of() : Map.copyOf(maxRequestBodyByPath);
    }

    /** The limit of a request path, in bytes. */
    long limitFor(String path) {
        String longest = null;
        for (String prefix : maxRequestBodyByPath.keySet()) {
            if (path != null
                    && (path.equals(prefix) || path.startsWith(prefix.endsWith("/") ? prefix : prefix + "/"))
                    && (longest == null || prefix.length() > longest.length())) {
                longest = prefix;
            }
        }
        return (longest == null ? maxRequestBody : maxRequestBodyByPath.get(longest)).toBytes();
    }
}
