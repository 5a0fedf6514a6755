package io.github.meshrefarch.product;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Fault injection gets its own bean method: its second constructor, taking the random source, is for tests. */
@Configuration(proxyBeanMethods = false)
class ProductConfiguration {

    @Bean
    FaultInjection faultInjection(FaultProperties properties) {
        return new FaultInjection(properties);
    }
}
