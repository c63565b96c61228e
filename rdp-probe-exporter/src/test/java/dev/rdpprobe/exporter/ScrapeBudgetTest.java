package dev.rdpprobe.exporter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** X-Prometheus-Scrape-Timeout-Seconds shrinks the probe's deadline, less the margin, never below half of it. */
class ScrapeBudgetTest {

    static final Duration MARGIN = Duration.ofMillis(500);
    static final Duration MODULE = Duration.ofSeconds(10);

    @Test
    void withoutTheHeaderTheModulesTimeoutApplies() {
        assertThat(ScrapeBudget.of(null, MARGIN, MODULE)).isEqualTo(MODULE);
    }

    @Test
    void theScrapeTimeoutLessTheMarginWhenShorterThanTheModules() {
        assertThat(ScrapeBudget.of("5", MARGIN, MODULE)).isEqualTo(Duration.ofMillis(4500));
        assertThat(ScrapeBudget.of("2.75", MARGIN, MODULE)).isEqualTo(Duration.ofMillis(2250));
    }

    @Test
    void theModulesTimeoutWhenShorterThanTheScrapes() {
        assertThat(ScrapeBudget.of("60", MARGIN, MODULE)).isEqualTo(MODULE);
    }

    @Test
    void aMarginLargerThanHalfAShortTimeoutLeavesHalfOfIt() {
        assertThat(ScrapeBudget.of("0.6", MARGIN, MODULE)).isEqualTo(Duration.ofMillis(300));
    }

    @Test
    void aHeaderThatIsNotAPositiveNumberIsRefused() {
        assertThatThrownBy(() -> ScrapeBudget.of("ten", MARGIN, MODULE)).hasMessage("X-Prometheus-Scrape-Timeout-Seconds 'ten' is not a number of seconds");
        assertThatThrownBy(() -> ScrapeBudget.of("0", MARGIN, MODULE)).hasMessageContaining("out of range");
        assertThatThrownBy(() -> ScrapeBudget.of("-1", MARGIN, MODULE)).hasMessageContaining("out of range");
        assertThatThrownBy(() -> ScrapeBudget.of("NaN", MARGIN, MODULE)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ScrapeBudget.of("1e9", MARGIN, MODULE)).hasMessageContaining("out of range");
    }
}
