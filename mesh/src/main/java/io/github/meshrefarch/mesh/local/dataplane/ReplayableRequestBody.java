package io.github.meshrefarch.mesh.local.dataplane;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import java.util.ArrayList;
import java.util.List;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;
import reactor.netty.ByteBufFlux;

/**
 * A downstream request body streamed to the upstream as it arrives, while a copy of it is kept so that a retry can
 * send it again; as Envoy, a body larger than {@link #REPLAY_LIMIT_BYTES} is streamed without a copy and its request
 * is then not retried once the body started to flow.
 */
final class ReplayableRequestBody {

    /** Envoy's default buffer limit, which also bounds the bodies it can replay on retry. */
    static final int REPLAY_LIMIT_BYTES = 1024 * 1024;

    private enum State {
        UNREAD,
        STREAMING,
        COPIED,
        NOT_REPLAYABLE
    }

    private final ByteBufFlux inbound;
    private final boolean present;
    private final List<byte[]> copy = new ArrayList<>();
    private long copiedBytes;
    private volatile State state = State.UNREAD;

    ReplayableRequestBody(ByteBufFlux inbound, HttpHeaders headers) {
        this.inbound = inbound;
        String contentLength = headers.get(HttpHeaderNames.CONTENT_LENGTH);
        this.present = (contentLength != null && !"0".equals(contentLength.trim()))
                || headers.contains(HttpHeaderNames.TRANSFER_ENCODING);
    }

    /** Whether the request carries a body at all: a request without one is always replayable. */
    boolean present() {
        return present;
    }

    /** Whether another attempt can send the whole body. */
    boolean replayable() {
        State current = state;
        return !present || current == State.UNREAD || current == State.COPIED;
    }

    /** The body for the next attempt; only called when {@link #replayable()}. */
    Publisher<ByteBuf> nextAttempt() {
        if (state == State.COPIED) {
            return Flux.fromIterable(copy).map(Unpooled::wrappedBuffer);
        }
        if (state != State.UNREAD) {
            throw new IllegalStateException("request body already consumed");
        }
        return inbound.retain()
                .doOnSubscribe(subscription -> state = State.STREAMING)
                .doOnNext(this::keepCopy)
                .doOnComplete(() -> state = state == State.STREAMING ? State.COPIED : state)
                .doOnError(error -> state = State.NOT_REPLAYABLE)
                .doOnCancel(() -> state = State.NOT_REPLAYABLE);
    }

    private void keepCopy(ByteBuf chunk) {
        if (state != State.STREAMING) {
            return;
        }
        copiedBytes += chunk.readableBytes();
        if (copiedBytes > REPLAY_LIMIT_BYTES) {
            copy.clear();
            state = State.NOT_REPLAYABLE;
            return;
        }
        copy.add(ByteBufUtil.getBytes(chunk));
    }
}
