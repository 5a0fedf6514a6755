package io.github.meshrefarch.product;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class ProductConfiguration {

    @Bean
    FaultInjection faultInjection(FaultProperties properties) {
        return new FaultInjection(properties);
    }

    @Bean
    StartupLog startupLog(ServiceProperties service) {
        return new StartupLog(service);
    }
}
