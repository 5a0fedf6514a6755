package io.github.meshrefarch.mesh.local.dataplane;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.LastHttpContent;
import java.util.ArrayDeque;

/**
 * A downstream request body, written to the current attempt's upstream connection as it arrives, while its chunks are
 * kept so that a retry can send it again. As in Envoy, a body larger than {@link #REPLAY_LIMIT_BYTES} is streamed
 * without a copy, and its request is then not retried once part of it went to an upstream; until an upstream
 * connection takes it, the body is held whatever its size (the caller stops reading while {@link #overLimit()}).
 *
 * <p>Only touched from the downstream connection's event loop; the upstream connections it writes to are on the same
 * loop.
 */
final class ReplayableRequestBody {

    /** Envoy's default buffer limit, which also bounds the bodies it can replay on retry. */
    static final int REPLAY_LIMIT_BYTES = 1024 * 1024;

    private final boolean present;
    private final ArrayDeque<ByteBuf> held = new ArrayDeque<>();
    private long heldBytes;
    private boolean replayable = true;
    private boolean complete;
    private boolean released;
    private Channel sink;

    ReplayableRequestBody(HttpHeaders headers) {
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
        return !present || replayable;
    }

    /** Whether the whole body has arrived from downstream. */
    boolean complete() {
        return complete;
    }

    /** Whether more is held than a retry could replay while no upstream takes it: time to stop reading. */
    boolean overLimit() {
        return sink == null && heldBytes > REPLAY_LIMIT_BYTES;
    }

    /** Takes a chunk from downstream (and ownership of its buffer); {@code last} ends the body. */
    void append(ByteBuf chunk, boolean last) {
        if (released) {
            chunk.release();
            return;
        }
        if (!chunk.isReadable()) {
            chunk.release();
        } else if (replayable) {
            held.add(chunk);
            heldBytes += chunk.readableBytes();
            if (sink != null) {
                sink.write(new DefaultHttpContent(chunk.retainedDuplicate()), sink.voidPromise());
            }
        } else if (sink != null) {
            sink.write(new DefaultHttpContent(chunk), sink.voidPromise());
        } else {
            chunk.release(); // the attempt that took the body is gone, and no other can be made
        }
        complete |= last;
        if (last && sink != null) {
            sink.write(LastHttpContent.EMPTY_LAST_CONTENT, sink.voidPromise());
        }
        dropCopyBeyondLimit();
    }

    /** Writes what has arrived to {@code upstream} (not flushed) and the rest as it arrives; the body must be replayable. */
    void attach(Channel upstream) {
        if (!replayable()) {
            throw new IllegalStateException("request body already consumed");
        }
        sink = upstream;
        for (ByteBuf chunk : held) {
            upstream.write(new DefaultHttpContent(chunk.retainedDuplicate()), upstream.voidPromise());
        }
        if (complete) {
            upstream.write(LastHttpContent.EMPTY_LAST_CONTENT, upstream.voidPromise());
        }
        dropCopyBeyondLimit();
    }

    /** The attempt that took the body ended; what was written to it is gone. */
    void detach() {
        sink = null;
    }

    /** Releases the copy; later chunks are dropped. */
    void release() {
        released = true;
        sink = null;
        releaseHeld();
    }

    private void dropCopyBeyondLimit() {
        if (replayable && present && sink != null && heldBytes > REPLAY_LIMIT_BYTES) {
            replayable = false;
            releaseHeld();
        }
    }

    private void releaseHeld() {
        ByteBuf chunk;
        while ((chunk = held.poll()) != null) {
            chunk.release();
        }
        heldBytes = 0;
    }
}
