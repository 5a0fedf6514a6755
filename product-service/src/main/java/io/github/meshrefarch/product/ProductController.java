package io.github.meshrefarch.product;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

@RestController
class ProductController {

    private final ServiceInfo info;
    private final FaultInjection faults;

    ProductController(ServiceProperties service, FaultInjection faults) {
        this.info = service.info();
        this.faults = faults;
    }

    @GetMapping(path = "/", produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<ResponseEntity<?>> info() {
        return faults.delay().then(Mono.fromSupplier(this::answer));
    }

    private ResponseEntity<?> answer() {
        if (faults.shouldFail()) {
            return ResponseEntity.internalServerError().body(InjectedFault.of(info));
        }
        return ResponseEntity.ok(info);
    }

    /** Body of an injected 500: names the instance, so a failing canary version is visible in the answer. */
    record InjectedFault(String error, String service, String version) {

        static InjectedFault of(ServiceInfo info) {
            return new InjectedFault("injected fault", info.service(), info.version());
        }
    }
}
