package io.github.meshrefarch.order.client;

import io.github.meshrefarch.order.ServiceInfo;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import reactor.core.publisher.Mono;

/**
 * The two backends of order, called in parallel.
 *
 * <p>Both calls run to their end (each bounded by its timeout) before the result is decided, so that a failure
 * names every failed backend in the fixed order product, customer, whatever the order in which they failed.
 */
public record Backends(BackendClient product, BackendClient customer) {

    /**
     * Product's then customer's answer; fails with a {@link BackendsUnavailableException} when either call failed.
     */
    public Mono<List<ServiceInfo>> fetchAll() {
        return Mono.zip(attempt(product), attempt(customer)).flatMap(answers -> {
            List<BackendException> failures = Stream.of(answers.getT1(), answers.getT2())
                    .flatMap(answer -> answer.failure().stream())
                    .toList();
            if (!failures.isEmpty()) {
                return Mono.error(new BackendsUnavailableException(failures));
            }
            return Mono.just(List.of(
                    answers.getT1().info().orElseThrow(), answers.getT2().info().orElseThrow()));
        });
    }

    private static Mono<Answer> attempt(BackendClient client) {
        return client.fetch()
                .map(Answer::success)
                .onErrorResume(BackendException.class, failure -> Mono.just(Answer.failed(failure)));
    }

    /** One call's outcome: exactly one of info and failure is present. */
    private record Answer(Optional<ServiceInfo> info, Optional<BackendException> failure) {

        static Answer success(ServiceInfo info) {
            return new Answer(Optional.of(info), Optional.empty());
        }

        static Answer failed(BackendException failure) {
            return new Answer(Optional.empty(), Optional.of(failure));
        }
    }
}
