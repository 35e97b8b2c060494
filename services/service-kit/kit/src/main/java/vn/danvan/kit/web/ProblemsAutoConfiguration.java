package vn.danvan.kit.web;

import jakarta.servlet.DispatcherType;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.boot.webmvc.autoconfigure.error.ErrorMvcAutoConfiguration;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;
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

    @Bean
    ProblemExceptionHandler danvanProblemExceptionHandler(ProblemResponder responder) {
        return new ProblemExceptionHandler(responder);
    }

    @Bean
    @ConditionalOnMissingBean(ErrorController.class)
    ProblemErrorController danvanProblemErrorController(ProblemResponder responder) {
        return new ProblemErrorController(responder);
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
