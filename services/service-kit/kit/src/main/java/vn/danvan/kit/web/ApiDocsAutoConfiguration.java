package vn.danvan.kit.web;

import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.servers.Server;
import java.util.List;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springdoc.core.customizers.ParameterCustomizer;
import org.springdoc.core.utils.SpringDocUtils;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ValueConstants;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;
import vn.danvan.kit.security.AccessProperties;

/**
 * A service's OpenAPI document names no host of its own: its server is "/", so "Try it out" in the gateway's one
 * Swagger UI calls through the gateway (where the document was fetched), not straight to the service. Every operation
 * lists the problem answers it can give ({@link ProblemResponses}).
 */
@AutoConfiguration
@ConditionalOnClass(OpenApiCustomizer.class)
@EnableConfigurationProperties(AccessProperties.class)
public class ApiDocsAutoConfiguration {

    static {
        // an event stream is text, not the emitter object ({"timeout": ...}) springdoc would describe; the operation
        // says what its events are
        SpringDocUtils.getConfig().replaceWithSchema(SseEmitter.class, new StringSchema());
    }

    /**
     * A query parameter documented with {@code @Parameter(schema = @Schema(allowableValues = ...))} keeps its
     * {@code @RequestParam} default: springdoc drops it then, and {@code @Schema(defaultValue)} is lost as well.
     */
    @Bean
    ParameterCustomizer danvanRequestParamDefaults() {
        return (parameter, methodParameter) -> {
            RequestParam param = methodParameter.getParameterAnnotation(RequestParam.class);
            if (parameter != null
                    && parameter.getSchema() != null
                    && parameter.getSchema().getDefault() == null
                    && param != null
                    && !ValueConstants.DEFAULT_NONE.equals(param.defaultValue())) {
                parameter.getSchema().setDefault(param.defaultValue());
            }
            return parameter;
        };
    }

    /** Public endpoints (the security chain's list) are documented without 401 and 403. */
    @Bean
    OpenApiCustomizer danvanProblemResponses(AccessProperties access) {
        return new ProblemResponses(access.getPublicEndpoints());
    }

    @Bean
    OpenApiCustomizer serverIsWhereTheDocumentCameFrom() {
        return openApi -> openApi.setServers(List.of(new Server()
                .url("/")
                .description("Nơi tải tài liệu này (cổng API) / where this document was loaded from (the gateway)")));
    }
}
