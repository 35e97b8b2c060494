package vn.danvan.gateway.forwarded;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import vn.danvan.gateway.GatewayProperties;

class TrustedProxyFilterTest {

    private static TrustedProxyFilter trusting(String... proxies) {
        return new TrustedProxyFilter(new GatewayProperties(
                List.of(),
                List.of(proxies),
                new GatewayProperties.Cors(List.of()),
                new GatewayProperties.BodyLimit(org.springframework.util.unit.DataSize.ofMegabytes(1), List.of()),
                new GatewayProperties.RateLimit(true, "memory", Map.of(), 10, Duration.ofSeconds(1)),
                new GatewayProperties.Resilience(50, 20, 10, Duration.ofSeconds(10), Duration.ofSeconds(30)),
                new GatewayProperties.RequestHead(
                        org.springframework.util.unit.DataSize.ofKilobytes(4),
                        org.springframework.util.unit.DataSize.ofKilobytes(8)),
                new GatewayProperties.Streams(10, List.of())));
    }

    @Test
    void anUntrustedPeerIsTheClientWhateverItsHeadersSay() {
        assertThat(trusting().clientAddress("203.0.113.5", List.of("198.51.100.1")))
                .isEqualTo("203.0.113.5");
        assertThat(trusting("10.0.0.0/8").clientAddress("203.0.113.5", List.of("198.51.100.1")))
                .isEqualTo("203.0.113.5");
    }

    @Test
    void behindTrustedProxiesTheClientIsTheLastUntrustedHop() {
        TrustedProxyFilter filter = trusting("10.0.0.0/8", "127.0.0.1");
        assertThat(filter.clientAddress("127.0.0.1", List.of("198.51.100.1"))).isEqualTo("198.51.100.1");
        // a client that writes its own X-Forwarded-For only adds hops to the left of its real address
        assertThat(filter.clientAddress("10.1.2.3", List.of("6.6.6.6, 198.51.100.1, 10.0.0.7")))
                .isEqualTo("198.51.100.1");
        assertThat(filter.clientAddress("127.0.0.1", null)).isEqualTo("127.0.0.1");
    }

    @Test
    void rangesMatchByPrefix() {
        AddressRange range = AddressRange.parse("192.168.4.0/22");
        assertThat(range.contains(AddressRange.literal("192.168.7.255"))).isTrue();
        assertThat(range.contains(AddressRange.literal("192.168.8.0"))).isFalse();
        assertThat(AddressRange.parse("::1").contains(AddressRange.literal("::1")))
                .isTrue();
        assertThat(AddressRange.literal("proxy.example")).isNull();
    }
}
