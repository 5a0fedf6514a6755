package io.github.meshrefarch.mesh.local.dataplane;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.LastHttpContent;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ReplayableRequestBodyTest {

    @Test
    void noBody_isAlwaysReplayable() {
        ReplayableRequestBody body = new ReplayableRequestBody(new DefaultHttpHeaders());

        assertThat(body.present()).isFalse();
        assertThat(body.replayable()).isTrue();
    }

    @Test
    void bodyStreamedOnce_isReplayedFromItsCopy() {
        ReplayableRequestBody body = new ReplayableRequestBody(chunked());
        EmbeddedChannel first = new EmbeddedChannel();
        body.attach(first);
        body.append(buffer("{\"order\":"), false);
        body.append(buffer("42}"), true);
        body.detach();

        assertThat(read(first)).isEqualTo("{\"order\":42}");
        assertThat(body.replayable()).isTrue();
        assertThat(readAttempt(body)).isEqualTo("{\"order\":42}");
        assertThat(readAttempt(body)).isEqualTo("{\"order\":42}");
        body.release();
    }

    @Test
    void bodyBeyondTheReplayLimit_isStreamedButNotReplayable() {
        String chunk = "x".repeat(64 * 1024);
        int chunks = ReplayableRequestBody.REPLAY_LIMIT_BYTES / chunk.length() + 1;
        ReplayableRequestBody body = new ReplayableRequestBody(chunked());
        EmbeddedChannel upstream = new EmbeddedChannel();
        body.attach(upstream);
        for (int i = 0; i < chunks; i++) {
            body.append(buffer(chunk), i == chunks - 1);
        }

        assertThat(read(upstream)).hasSize(chunk.length() * chunks);
        assertThat(body.replayable()).isFalse();
        body.release();
    }

    @Test
    void bodyBeyondTheReplayLimit_heldUntilAnUpstreamTakesIt_isStillReplayable() {
        String chunk = "x".repeat(64 * 1024);
        int chunks = ReplayableRequestBody.REPLAY_LIMIT_BYTES / chunk.length() + 1;
        ReplayableRequestBody body = new ReplayableRequestBody(chunked());
        for (int i = 0; i < chunks; i++) {
            body.append(buffer(chunk), i == chunks - 1);
        }

        assertThat(body.overLimit()).isTrue();
        assertThat(body.replayable()).isTrue();
        assertThat(readAttempt(body)).hasSize(chunk.length() * chunks);
        assertThat(body.replayable()).isFalse();
        body.release();
    }

    private static String readAttempt(ReplayableRequestBody body) {
        EmbeddedChannel upstream = new EmbeddedChannel();
        body.attach(upstream);
        body.detach();
        return read(upstream);
    }

    private static String read(EmbeddedChannel channel) {
        channel.flushOutbound();
        StringBuilder text = new StringBuilder();
        boolean last = false;
        HttpContent content;
        while ((content = channel.readOutbound()) != null) {
            text.append(content.content().toString(StandardCharsets.UTF_8));
            last |= content instanceof LastHttpContent;
            content.release();
        }
        assertThat(last).isTrue();
        channel.finishAndReleaseAll();
        return text.toString();
    }

    private static io.netty.buffer.ByteBuf buffer(String text) {
        return Unpooled.copiedBuffer(text, StandardCharsets.UTF_8);
    }

    private static HttpHeaders chunked() {
        return new DefaultHttpHeaders().add("transfer-encoding", "chunked");
    }
}
