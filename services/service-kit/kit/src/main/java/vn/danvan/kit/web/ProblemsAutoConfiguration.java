package vn.danvan.kit.web;

import jakarta.servlet.DispatcherType;
import java.time.Instant;
import org.apache.catalina.core.StandardHost;
import org.apache.catalina.startup.Tomcat;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.boot.webmvc.autoconfigure.error.ErrorMvcAutoConfiguration;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.http.converter.HttpMessageConverters;
import org.springframework.security.web.firewall.RequestRejectedHandler;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.cfg.CoercionAction;
import tools.jackson.databind.cfg.CoercionInputShape;
import tools.jackson.databind.deser.std.StdDeserializer;
import tools.jackson.databind.ext.javatime.deser.InstantDeserializer;
import tools.jackson.databind.module.SimpleModule;
import tools.jackson.databind.type.LogicalType;
import vn.danvan.kit.observability.CurrentTrace;
import vn.danvan.kit.observability.ObservabilityAutoConfiguration;

/**
 * RFC 9457 problem responses for every client error: an exception handler for everything that leaves a
 * controller, an error controller for what fails outside Spring MVC, and the request body limit.
 */
@AutoConfiguration(before = ErrorMvcAutoConfiguration.class, after = ObservabilityAutoConfiguration.class)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@EnableConfigurationProperties(HttpLimitsProperties.class)
public class ProblemsAutoConfiguration {

    /** Inside the request observation (trace id known), before anything that reads the body. */
    static final int BODY_LIMIT_FILTER_ORDER = Ordered.HIGHEST_PRECEDENCE + 10;

    @Bean
    ProblemResponder danvanProblemResponder(
            ApplicationContext context, HttpLimitsProperties limits, CurrentTrace trace) {
        // The context as message source: the service's messages bean, whatever it is called and typed.
        ProblemTexts texts = new ProblemTexts(context);
        return new ProblemResponder(new ProblemMapper(texts, limits), texts, trace);
    }

    /**
     * Bodies are JSON only. A library on the class path (swagger-core brings Jackson 2's YAML format) makes Spring MVC
     * read and write YAML too, through a mapper none of the platform's JSON rules reach: a YAML body could carry
     * {@code status: CLOSED} or a number for a text and be accepted. Converters of YAML, XML, CBOR and Smile are
     * removed, so such a body is a 415 and such an Accept a 406.
     */
    @Bean
    WebMvcConfigurer danvanJsonOnlyBodies() {
        return new WebMvcConfigurer() {
            @Override
            public void configureMessageConverters(HttpMessageConverters.ServerBuilder builder) {
                builder.configureMessageConvertersList(
                        converters -> converters.removeIf(ProblemsAutoConfiguration::otherThanJson));
            }
        };
    }

    static boolean otherThanJson(HttpMessageConverter<?> converter) {
        return converter.getSupportedMediaTypes().stream().anyMatch(type -> {
            String subtype = type.getSubtype();
            return subtype.contains("yaml")
                    || subtype.equals("xml")
                    || subtype.endsWith("+xml")
                    || subtype.contains("cbor")
                    || subtype.contains("smile");
        });
    }

    @Bean
    ViolationTexts danvanViolationTexts(ApplicationContext context) {
        return new ViolationTexts(new ProblemTexts(context));
    }

    @Bean
    ProblemExceptionHandler danvanProblemExceptionHandler(ProblemResponder responder) {
        return new ProblemExceptionHandler(responder);
    }

    @Bean
    @ConditionalOnMissingBean(ErrorController.class)
    ProblemErrorController danvanProblemErrorController(ProblemResponder responder) {
        return new ProblemErrorController(responder);
    }

    /**
     * Text is read only from JSON strings: {@code "topic": true} or {@code 12.5} is an invalid value of the field, not
     * the text "true"; a number from no blank string; a time only from a string (numbers read from strings and enum
     * constants from numbers are refused by kit-defaults.properties).
     */
    @Bean
    @ConditionalOnClass(JsonMapperBuilderCustomizer.class)
    JsonMapperBuilderCustomizer danvanTextOnlyFromStrings() {
        return builder -> builder.withCoercionConfig(
                        LogicalType.Textual, text -> text.setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail)
                                .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                                .setCoercion(CoercionInputShape.Float, CoercionAction.Fail))
                // " " is no number either (an empty string already is not, with scalars not coerced)
                .withCoercionConfig(LogicalType.Float, number -> number.setAcceptBlankAsEmpty(false))
                // nor is 4.9 the whole number 4 (Jackson would truncate it)
                .withCoercionConfig(LogicalType.Integer, number -> number.setAcceptBlankAsEmpty(false)
                        .setCoercion(CoercionInputShape.Float, CoercionAction.Fail))
                // a time is an ISO-8601 string: 0 is not 1970 (the time deserializers follow none of the above)
                .addModule(new SimpleModule("danvan-times-from-strings")
                        .addDeserializer(Instant.class, new InstantFromString()));
    }

    /** An {@link Instant} read only from a JSON string; a number is an unexpected token (invalid-value). */
    static final class InstantFromString extends StdDeserializer<Instant> {

        InstantFromString() {
            super(Instant.class);
        }

        @Override
        public Instant deserialize(JsonParser parser, DeserializationContext context) {
            if (!parser.hasToken(JsonToken.VALUE_STRING)) {
                return (Instant) context.handleUnexpectedToken(Instant.class, parser);
            }
            return InstantDeserializer.INSTANT.deserialize(parser, context);
        }
    }

    /**
     * Spring Security's firewall refuses a path ("//", ";", an encoded period) before any filter runs; its default
     * answer is a bare 400. This one says why, as the kit's problem.
     */
    @Bean
    @ConditionalOnClass(RequestRejectedHandler.class)
    RequestRejectedHandler danvanRequestRejectedHandler(ProblemResponder responder) {
        return (request, response, rejected) -> responder.write(rejected, request, response);
    }

    /** Tomcat's own refusals (a request line or path it cannot read) as problems, not its HTML page. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(Tomcat.class)
    static class TomcatErrorReport {

        @Bean
        WebServerFactoryCustomizer<TomcatServletWebServerFactory> danvanProblemReportValve(ProblemResponder responder) {
            return factory -> factory.addContextCustomizers(context -> {
                // the context is added to its host before customizers run, and the host starts afterwards: a
                // host keeps an error report valve of its configured class it finds, instead of adding its own
                if (context.getParent() instanceof StandardHost host) {
                    host.setErrorReportValveClass(ProblemReportValve.class.getName());
                    host.getPipeline().addValve(new ProblemReportValve(responder));
                }
            });
        }
    }

    @Bean
    FilterRegistrationBean<RequestBodyLimitFilter> danvanRequestBodyLimitFilter(
            HttpLimitsProperties limits, ProblemResponder responder) {
        var registration = new FilterRegistrationBean<>(new RequestBodyLimitFilter(limits, responder));
        registration.setOrder(BODY_LIMIT_FILTER_ORDER);
        registration.setDispatcherTypes(DispatcherType.REQUEST);
        return registration;
    }
}
