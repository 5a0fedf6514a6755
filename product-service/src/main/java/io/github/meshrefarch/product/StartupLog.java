package io.github.meshrefarch.product;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.web.server.context.WebServerInitializedEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.stereotype.Component;

/**
 * Logs the line operators and scripts look for: {@code Product 1.5 listening on port 8081}, and the management port's
 * when Actuator has its own ({@code MANAGEMENT_PORT}).
 */
@Component
class StartupLog implements ApplicationListener<WebServerInitializedEvent> {

    private static final Logger log = LoggerFactory.getLogger(StartupLog.class);

    private final ServiceProperties service;

    StartupLog(ServiceProperties service) {
        this.service = service;
    }

    @Override
    public void onApplicationEvent(WebServerInitializedEvent event) {
        String namespace = event.getApplicationContext().getServerNamespace();
        if (namespace == null) {
            log.info(
                    "{} {} listening on port {}",
                    service.name(),
                    service.version(),
                    event.getWebServer().getPort());
        } else if (namespace.equals("management")) {
            log.info(
                    "{} {} management (Actuator) on port {}",
                    service.name(),
                    service.version(),
                    event.getWebServer().getPort());
        }
    }
}
