package io.github.meshrefarch.mesh.rollout.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Envoy's {@code /stats/prometheus} text, written by hand the way Envoy writes it, read into interval figures. */
class EnvoyStatsTextTest {

    private static final String CANARY = "cds_egress_demomesh_customer-v2-vn_http_8080";
    private static final String BASELINE = "cds_egress_demomesh_customer-vn_http_8080";

    /** Two scrapes of the canary and baseline clusters, {@code n} apart in the canary's counters. */
    private static String scrape(long ok, long errors, long fast, long slow) {
        long total = ok + errors;
        return """
                # TYPE envoy_cluster_upstream_rq counter
                envoy_cluster_upstream_rq{envoy_cluster_name="%1$s",envoy_response_code="200"} %2$d
                envoy_cluster_upstream_rq{envoy_cluster_name="%1$s",envoy_response_code="503"} %3$d
                envoy_cluster_upstream_rq{envoy_cluster_name="%5$s",envoy_response_code="200"} 1000
                # TYPE envoy_cluster_upstream_rq_xx counter
                envoy_cluster_upstream_rq_xx{envoy_cluster_name="%1$s",envoy_response_code_class="2"} %2$d
                envoy_cluster_upstream_rq_xx{envoy_cluster_name="%1$s",envoy_response_code_class="5"} %3$d
                envoy_cluster_upstream_rq_xx{envoy_cluster_name="%5$s",envoy_response_code_class="2"} 1000
                envoy_cluster_upstream_rq_xx{envoy_cluster_name="%5$s",envoy_response_code_class="5"} 0
                # TYPE envoy_cluster_upstream_rq_total counter
                envoy_cluster_upstream_rq_total{envoy_cluster_name="%1$s"} %4$d
                envoy_cluster_upstream_rq_total{envoy_cluster_name="%5$s"} 1000
                # TYPE envoy_cluster_upstream_rq_retry counter
                envoy_cluster_upstream_rq_retry{envoy_cluster_name="%1$s"} 7
                # TYPE envoy_cluster_upstream_rq_time histogram
                envoy_cluster_upstream_rq_time_bucket{envoy_cluster_name="%1$s",le="0.5"} 0
                envoy_cluster_upstream_rq_time_bucket{envoy_cluster_name="%1$s",le="5"} %6$d
                envoy_cluster_upstream_rq_time_bucket{envoy_cluster_name="%1$s",le="10"} %6$d
                envoy_cluster_upstream_rq_time_bucket{envoy_cluster_name="%1$s",le="1000"} %4$d
                envoy_cluster_upstream_rq_time_bucket{envoy_cluster_name="%1$s",le="+Inf"} %4$d
                envoy_cluster_upstream_rq_time_sum{envoy_cluster_name="%1$s"} 1234.5
                envoy_cluster_upstream_rq_time_count{envoy_cluster_name="%1$s"} %4$d
                envoy_cluster_upstream_rq_time_bucket{envoy_cluster_name="%5$s",le="5"} 1000
                envoy_cluster_upstream_rq_time_bucket{envoy_cluster_name="%5$s",le="+Inf"} 1000
                """.formatted(CANARY, ok, errors, total, BASELINE, fast).replace("%6$d", Long.toString(fast));
    }

    @Test
    void interval_isTheDifferenceOfTwoScrapes_errorRateFromThe5xxClass() {
        ClusterCounters before = EnvoyStatsText.parse(scrape(100, 0, 100, 0)).get(CANARY);
        ClusterCounters after = EnvoyStatsText.parse(scrape(170, 30, 200, 0)).get(CANARY);

        NodeMetrics interval = after.minus(before).metrics();

        assertThat(interval.requests()).isEqualTo(100);
        assertThat(interval.errorRate()).isEqualTo(0.30);
        // 100 new requests all in (0.5, 5]: p99 interpolated at 99% of that bucket
        assertThat(interval.p99()).isEqualTo(Duration.ofNanos(Math.round((0.5 + 4.5 * 0.99) * 1e6)));
    }

    @Test
    void p99_slowTail_fallsIntoTheUpperBucket() {
        ClusterCounters before = EnvoyStatsText.parse(scrape(0, 0, 0, 0)).get(CANARY);
        // 100 requests: 90 within 5 ms, 10 between 10 ms and 1 s
        ClusterCounters after = EnvoyStatsText.parse(scrape(100, 0, 90, 10)).get(CANARY);

        Duration p99 = after.minus(before).metrics().p99();

        // rank 99 of 100: 9 of the 10 in (10, 1000] -> 10 + 990 * 0.9
        assertThat(p99).isEqualTo(Duration.ofMillis(901));
    }

    @Test
    void sum_addsTheClustersOfANode_byThePrefixOfItsClusterName() {
        Map<String, ClusterCounters> clusters = EnvoyStatsText.parse(scrape(50, 50, 100, 0));
        MetricsTarget target = new MetricsTarget("demomesh", "customer-v2-vn", "customer-vn");

        assertThat(EnvoyStatsText.sum(clusters, target.clusterPrefix("customer-v2-vn"))
                        .metrics()
                        .errorRate())
                .isEqualTo(0.5);
        assertThat(EnvoyStatsText.sum(clusters, target.clusterPrefix("customer-vn"))
                        .metrics()
                        .requests())
                .isEqualTo(1000);
        assertThat(EnvoyStatsText.sum(clusters, target.clusterPrefix("nobody-vn")))
                .isEqualTo(ClusterCounters.ZERO);
        assertThat(ClusterCounters.ZERO.metrics()).isEqualTo(NodeMetrics.NONE);
    }

    @Test
    void labels_withEscapesAndTimestamps_areRead() {
        var clusters = EnvoyStatsText.parse(
                "envoy_cluster_upstream_rq_total{envoy_cluster_name=\"a\\\"b\",other=\"x,y\"} 42 1700000000000\n");

        assertThat(clusters.get("a\"b").requests()).isEqualTo(42);
    }

    @Test
    void malformedLine_isRejectedWithTheLine() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> EnvoyStatsText.parse("envoy_cluster_upstream_rq_total{envoy_cluster_name=\"a\" 1\n"))
                .withMessageContaining("envoy_cluster_upstream_rq_total");
    }

    @Test
    void promQueries_fillTheVariables_andRejectUnknownOnes() {
        MetricsTarget target = new MetricsTarget("demomesh", "customer-v2-vn", "customer-vn");

        assertThat(PromQueries.fill(PromQueries.DEFAULTS.errorRate(), target, Duration.ofMillis(9500)))
                .contains("envoy_cluster_name=~\"cds_egress_demomesh_customer-v2-vn_http_.*\"")
                .contains("[10s]")
                .doesNotContain("{{");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new PromQueries("up{job=\"{{target}}\"}", "1", "1"))
                .withMessageContaining("{{target}}");
    }
}
