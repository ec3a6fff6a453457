package ai.sentiric.dialplan.trunk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.sentiric.support.errors.DomainException;
import org.junit.jupiter.api.Test;

class CidrTests {

    @Test
    void matchesIpv4AndIpv6Blocks() {
        assertThat(Cidr.parse("203.0.113.0/24").contains("203.0.113.77")).isTrue();
        assertThat(Cidr.parse("203.0.113.0/24").contains("203.0.114.1")).isFalse();
        assertThat(Cidr.parse("10.0.0.0/9").contains("10.127.255.255")).isTrue();
        assertThat(Cidr.parse("10.0.0.0/9").contains("10.128.0.0")).isFalse();
        assertThat(Cidr.parse("198.51.100.7").contains("198.51.100.7")).isTrue();
        assertThat(Cidr.parse("2001:db8::/32").contains("2001:db8:1::5")).isTrue();
        assertThat(Cidr.parse("2001:db8::/32").contains("203.0.113.1")).isFalse();
        assertThat(Cidr.parse("0.0.0.0/0").contains("8.8.8.8")).isTrue();
    }

    @Test
    void neverResolvesNamesAndRefusesMalformedBlocks() {
        assertThatThrownBy(() -> Cidr.parse("carrier.example.com/24")).isInstanceOf(DomainException.class);
        assertThatThrownBy(() -> Cidr.parse("10.0.0.0/33")).isInstanceOf(DomainException.class);
        assertThatThrownBy(() -> Cidr.parse("10.0.0.0/x")).isInstanceOf(DomainException.class);
        assertThat(Cidr.parse("10.0.0.0/8").contains("localhost")).isFalse();
    }
}
