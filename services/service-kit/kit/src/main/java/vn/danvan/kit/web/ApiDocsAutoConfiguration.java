package vn.danvan.kit.web;

import io.swagger.v3.oas.models.servers.Server;
import java.util.List;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.context.annotation.Bean;

/**
 * A service's OpenAPI document names no host of its own: its server is "/", so "Try it out" in the gateway's one
 * Swagger UI calls through the gateway (where the document was fetched), not straight to the service.
 */
@AutoConfiguration
@ConditionalOnClass(OpenApiCustomizer.class)
public class ApiDocsAutoConfiguration {

    @Bean
    OpenApiCustomizer serverIsWhereTheDocumentCameFrom() {
        return openApi -> openApi.setServers(List.of(new Server()
                .url("/")
                .description("Nơi tải tài liệu này (cổng API) / where this document was loaded from (the gateway)")));
    }
}
