package io.github.meshrefarch.mesh.local.dataplane;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpHeaders;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.netty.ByteBufFlux;

class ReplayableRequestBodyTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    @Test
    void noBody_isAlwaysReplayable() {
        ReplayableRequestBody body =
                new ReplayableRequestBody(ByteBufFlux.fromString(Flux.empty()), new DefaultHttpHeaders());

        assertThat(body.present()).isFalse();
        assertThat(body.replayable()).isTrue();
    }

    @Test
    void bodyStreamedOnce_isReplayedFromItsCopy() {
        ReplayableRequestBody body =
                new ReplayableRequestBody(ByteBufFlux.fromString(Flux.just("{\"order\":", "42}")), chunked());
        assertThat(body.replayable()).isTrue();

        assertThat(read(body)).isEqualTo("{\"order\":42}");
        assertThat(body.replayable()).isTrue();
        assertThat(read(body)).isEqualTo("{\"order\":42}");
        assertThat(read(body)).isEqualTo("{\"order\":42}");
    }

    @Test
    void bodyBeyondTheReplayLimit_isStreamedButNotReplayable() {
        String chunk = "x".repeat(64 * 1024);
        int chunks = ReplayableRequestBody.REPLAY_LIMIT_BYTES / chunk.length() + 1;
        ReplayableRequestBody body = new ReplayableRequestBody(
                ByteBufFlux.fromString(Flux.range(0, chunks).map(i -> chunk)), chunked());

        assertThat(read(body)).hasSize(chunk.length() * chunks);
        assertThat(body.replayable()).isFalse();
    }

    @Test
    void bodyCancelledHalfway_isNotReplayable() {
        ReplayableRequestBody body =
                new ReplayableRequestBody(ByteBufFlux.fromString(Flux.just("a", "b", "c")), chunked());

        Flux.from(body.nextAttempt()).take(1).doOnNext(ByteBuf::release).blockLast(TIMEOUT);

        assertThat(body.replayable()).isFalse();
    }

    private static String read(ReplayableRequestBody body) {
        return Flux.from(body.nextAttempt())
                .map(buffer -> {
                    try {
                        return buffer.toString(StandardCharsets.UTF_8);
                    } finally {
                        buffer.release();
                    }
                })
                .collectList()
                .map(parts -> String.join("", parts))
                .block(TIMEOUT);
    }

    private static HttpHeaders chunked() {
        return new DefaultHttpHeaders().add("transfer-encoding", "chunked");
    }
}
