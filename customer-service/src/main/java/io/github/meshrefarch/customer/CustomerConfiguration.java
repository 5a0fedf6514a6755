package io.github.meshrefarch.customer;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class CustomerConfiguration {

    @Bean
    FaultInjection faultInjection(FaultProperties properties) {
        return new FaultInjection(properties);
    }

    @Bean
    StartupLog startupLog(ServiceProperties service) {
        return new StartupLog(service);
    }
}
