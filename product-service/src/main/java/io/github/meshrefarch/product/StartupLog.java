package io.github.meshrefarch.product;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.web.server.context.WebServerInitializedEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.stereotype.Component;

/** Logs the one line operators and scripts look for: {@code Product 1.5 listening on port 8081}. */
@Component
class StartupLog implements ApplicationListener<WebServerInitializedEvent> {

    private static final Logger log = LoggerFactory.getLogger(StartupLog.class);

    private final ServiceProperties service;

    StartupLog(ServiceProperties service) {
        this.service = service;
    }

    @Override
    public void onApplicationEvent(WebServerInitializedEvent event) {
        if (event.getApplicationContext().getServerNamespace() == null) {
            log.info(
                    "{} {} listening on port {}",
                    service.name(),
                    service.version(),
                    event.getWebServer().getPort());
        }
    }
}
