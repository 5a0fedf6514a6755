package io.github.meshrefarch.order;

import java.io.IOException;
import java.util.concurrent.TimeUnit;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;

/** A backend on an ephemeral loopback port that gives the same answer to every request, optionally late. */
final class Backend implements AutoCloseable {

    private final MockWebServer server = new MockWebServer();

    private Backend(MockResponse answer) throws IOException {
        server.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                return answer;
            }
        });
        server.start();
    }

    static Backend answering(String service, String version, long delayMillis) throws IOException {
        return new Backend(new MockResponse.Builder()
                .addHeader("Content-Type", "application/json")
                .body("{\"service\":\"" + service + "\",\"version\":\"" + version + "\"}")
                .headersDelay(delayMillis, TimeUnit.MILLISECONDS)
                .build());
    }

    static Backend failing(int status) throws IOException {
        return new Backend(new MockResponse.Builder()
                .code(status)
                .addHeader("Content-Type", "application/json")
                .body("{\"error\":\"injected fault\"}")
                .build());
    }

    String url() {
        return "http://127.0.0.1:" + server.getPort();
    }

    /** The next request this backend received, waiting a few seconds at most. */
    RecordedRequest takeRequest() throws InterruptedException {
        RecordedRequest request = server.takeRequest(5, TimeUnit.SECONDS);
        if (request == null) {
            throw new AssertionError("no request reached the backend at " + url());
        }
        return request;
    }

    @Override
    public void close() {
        server.close();
    }
}
