package vn.danvan.statistics.dashboard;

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
}
