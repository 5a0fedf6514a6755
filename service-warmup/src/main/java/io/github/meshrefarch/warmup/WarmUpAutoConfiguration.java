package io.github.meshrefarch.warmup;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

/**
 * Registers the {@link WarmUpBeforeReady} runner in every service that has this module on its class path. It has no
 * conditions on purpose: Spring's AOT processing fixes conditions at build time, while {@code WARM_UP_REQUESTS} is read
 * when the service starts.
 */
@AutoConfiguration
@EnableConfigurationProperties(WarmUpProperties.class)
public class WarmUpAutoConfiguration {

    @Bean
    WarmUpBeforeReady warmUpBeforeReady(WarmUpProperties properties, Environment environment) {
        return new WarmUpBeforeReady(properties, environment);
    }
}
