package io.github.meshrefarch.mesh.load.order;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class OrderResponseParserTest {

    private static final String BODY = """
            {"service":"Order","version":"1.0"}
            {"service":"Product","version":"1.5"}
            {"service":"Customer","version":"1.0"}
            """;

    @Test
    void parse_threeLines_versionsInResponseOrder() {
        OrderResponse response = OrderResponse.parse(BODY);

        assertThat(response.versions())
                .containsExactly(Map.entry("Order", "1.0"), Map.entry("Product", "1.5"), Map.entry("Customer", "1.0"));
        assertThat(response.versionOf("Product")).isEqualTo("1.5");
        assertThat(response.versionOf("Inventory")).isNull();
    }

    @Test
    void parse_missingTrailingNewlineOrCrLf_sameResult() {
        OrderResponse expected = OrderResponse.parse(BODY);

        assertThat(OrderResponse.parse(BODY.stripTrailing())).isEqualTo(expected);
        assertThat(OrderResponse.parse(BODY.replace("\n", "\r\n"))).isEqualTo(expected);
        assertThat(OrderResponse.parse("\n" + BODY + "\n\n")).isEqualTo(expected);
    }

    @Test
    void parse_singleDocumentWithBackends_sameVersions() {
        String document = """
                {"service":"Order","version":"1.0","backends":[
                  {"service":"Product","version":"1.5"},{"service":"Customer","version":"1.0"}]}""";

        assertThat(OrderResponse.parse(document.replace("\n", ""))).isEqualTo(OrderResponse.parse(BODY));
    }

    @Test
    void parse_errorBody_rejectedNamingTheMissingField() {
        assertThatThrownBy(() -> OrderResponse.parse("{\"error\":\"product unavailable\",\"detail\":\"timeout\"}"))
                .isInstanceOf(MalformedOrderResponseException.class)
                .hasMessageContaining("line 1 has no string field 'service'");
    }

    @Test
    void parse_garbage_rejectedWithTheLineAndAnExcerpt() {
        assertThatThrownBy(() -> OrderResponse.parse("{\"service\":\"Order\",\"version\":\"1.0\"}\nerror"))
                .isInstanceOf(MalformedOrderResponseException.class)
                .hasMessage("line 2 is not JSON: 'error'");
        assertThatThrownBy(() -> OrderResponse.parse("[1,2]")).hasMessageContaining("line 1 is not a JSON object");
        assertThatThrownBy(() -> OrderResponse.parse("{\"service\":\"Order\",\"version\":1.0}"))
                .hasMessageContaining("no string field 'version'");
        assertThatThrownBy(() -> OrderResponse.parse("  \n")).hasMessageContaining("empty body");
        assertThatThrownBy(() -> OrderResponse.parse("<html>" + "x".repeat(200)))
                .hasMessageEndingWith("...'");
    }

    @Test
    void parse_sameServiceTwice_rejected() {
        assertThatThrownBy(() -> OrderResponse.parse(BODY + "{\"service\":\"Product\",\"version\":\"1.0\"}"))
                .hasMessageContaining("service 'Product' appears twice");
    }

    @Test
    void parseError_orderErrorBody_errorAndDetail() {
        OrderError error = OrderError.parse("{\"error\":\"product unavailable\",\"detail\":\"connection refused\"}\n");

        assertThat(error).isEqualTo(new OrderError("product unavailable", "connection refused"));
        assertThat(OrderError.parse("{\"error\":\"customer timeout\"}").detail())
                .isEmpty();
        assertThatThrownBy(() -> OrderError.parse("Bad Gateway"))
                .isInstanceOf(MalformedOrderResponseException.class)
                .hasMessageContaining("error body is not JSON");
    }
}
