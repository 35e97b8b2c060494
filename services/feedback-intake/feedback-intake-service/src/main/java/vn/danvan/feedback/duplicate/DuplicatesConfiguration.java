package vn.danvan.feedback.duplicate;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(DuplicateProperties.class)
class DuplicatesConfiguration {}
