package vn.danvan.statistics.dashboard;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.ViewControllerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * The dashboard page: {@code static/dashboard/index.html} answers both {@code /dashboard} and {@code /dashboard/}
 * without a redirect (the gateway forwards {@code /dashboard/**} here, and a redirect's Location would name this
 * service rather than the gateway). The page names its files by absolute paths, so both addresses load it alike;
 * its WebJars are served under {@code /dashboard/webjars/} ({@code spring.mvc.webjars-path-pattern}) for the same
 * reason.
 */
@Configuration(proxyBeanMethods = false)
class DashboardWebConfig implements WebMvcConfigurer {

    static final String PAGE = "forward:/dashboard/index.html";

    @Override
    public void addViewControllers(ViewControllerRegistry registry) {
        registry.addViewController("/dashboard").setViewName(PAGE);
        registry.addViewController("/dashboard/").setViewName(PAGE);
    }

    /** The page's Content-Security-Policy, with the identity provider's origin from the sign-in settings. */
    @Bean
    FilterRegistrationBean<DashboardPolicy> dashboardPolicy(@Value(SignInSettings.ISSUER) String issuer) {
        FilterRegistrationBean<DashboardPolicy> registration =
                new FilterRegistrationBean<>(new DashboardPolicy(issuer));
        // "/dashboard/*" matches /dashboard itself too
        registration.addUrlPatterns("/dashboard/*");
        return registration;
    }
}
