package io.github.meshrefarch.customer;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Fault injection gets its own bean method: its second constructor, taking the random source, is for tests. */
@Configuration(proxyBeanMethods = false)
class CustomerConfiguration {

    @Bean
    FaultInjection faultInjection(FaultProperties properties) {
        return new FaultInjection(properties);
    }
}
