package dev.rdpprobe.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The range syntax of the Monitoring Plugins Development Guidelines: every form, its ends, @ and ~. */
class ThresholdRangeTest {

    @Test
    void aPlainNumberAlertsOutsideZeroToIt() {
        ThresholdRange r = ThresholdRange.parse("10");
        assertThat(r.alerts(-0.001)).isTrue();
        assertThat(r.alerts(0)).as("start included").isFalse();
        assertThat(r.alerts(5)).isFalse();
        assertThat(r.alerts(10)).as("end included").isFalse();
        assertThat(r.alerts(10.001)).isTrue();
    }

    @Test
    void aStartWithoutEndAlertsBelowIt() {
        ThresholdRange r = ThresholdRange.parse("10:");
        assertThat(r.alerts(9.999)).isTrue();
        assertThat(r.alerts(10)).isFalse();
        assertThat(r.alerts(1e12)).as("the end is +infinity").isFalse();
        assertThat(r.alerts(Double.POSITIVE_INFINITY)).isFalse();
    }

    @Test
    void aTildeStartIsMinusInfinity() {
        ThresholdRange r = ThresholdRange.parse("~:10");
        assertThat(r.alerts(-1e12)).isFalse();
        assertThat(r.alerts(Double.NEGATIVE_INFINITY)).isFalse();
        assertThat(r.alerts(10)).isFalse();
        assertThat(r.alerts(10.5)).isTrue();
        assertThat(ThresholdRange.parse("~:").alerts(-1e9)).as("~: spans everything").isFalse();
        assertThat(ThresholdRange.parse("~:").alerts(1e9)).isFalse();
    }

    @Test
    void bothEndsAlertOutsideAndAreIncluded() {
        ThresholdRange r = ThresholdRange.parse("10:20");
        assertThat(r.alerts(9.99)).isTrue();
        assertThat(r.alerts(10)).isFalse();
        assertThat(r.alerts(15)).isFalse();
        assertThat(r.alerts(20)).isFalse();
        assertThat(r.alerts(20.01)).isTrue();
        ThresholdRange single = ThresholdRange.parse("5:5");
        assertThat(single.alerts(5)).isFalse();
        assertThat(single.alerts(5.0001)).isTrue();
    }

    @Test
    void anAtSignInvertsAndIncludesTheEnds() {
        ThresholdRange r = ThresholdRange.parse("@10:20");
        assertThat(r.alerts(9.99)).isFalse();
        assertThat(r.alerts(10)).as("start included").isTrue();
        assertThat(r.alerts(15)).isTrue();
        assertThat(r.alerts(20)).as("end included").isTrue();
        assertThat(r.alerts(20.01)).isFalse();
        assertThat(ThresholdRange.parse("@10").alerts(0)).isTrue();
        assertThat(ThresholdRange.parse("@10").alerts(-1)).isFalse();
        assertThat(ThresholdRange.parse("@~:0").alerts(-5)).isTrue();
        assertThat(ThresholdRange.parse("@~:0").alerts(0.5)).isFalse();
        assertThat(ThresholdRange.parse("@5:").alerts(1e9)).isTrue();
    }

    @Test
    void decimalsAndNegativesAreNumbers() {
        ThresholdRange r = ThresholdRange.parse("-1.5:2.25");
        assertThat(r.alerts(-1.5)).isFalse();
        assertThat(r.alerts(-1.51)).isTrue();
        assertThat(r.alerts(2.25)).isFalse();
        assertThat(r.alerts(2.26)).isTrue();
        assertThat(ThresholdRange.parse(".5").alerts(0.6)).isTrue();
        assertThat(ThresholdRange.parse(" 7: ").alerts(6)).as("surrounding blanks are ignored").isTrue();
    }

    @Test
    void printsTheGuidelinesForm() {
        assertThat(ThresholdRange.parse("10")).hasToString("10");
        assertThat(ThresholdRange.parse("0:10")).hasToString("10");
        assertThat(ThresholdRange.parse("10:")).hasToString("10:");
        assertThat(ThresholdRange.parse("0:")).hasToString("0:");
        assertThat(ThresholdRange.parse("~:10")).hasToString("~:10");
        assertThat(ThresholdRange.parse("~:")).hasToString("~:");
        assertThat(ThresholdRange.parse("10:20")).hasToString("10:20");
        assertThat(ThresholdRange.parse("@10:20")).hasToString("@10:20");
        assertThat(ThresholdRange.parse("@10")).hasToString("@10");
        assertThat(ThresholdRange.parse("1.50:2.0")).hasToString("1.5:2");
        assertThat(ThresholdRange.parse("-3:-1")).hasToString("-3:-1");
        for (String form : new String[] {"10", "10:", "~:10", "10:20", "@10:20", "@~:5", "~:", "-3:-1", "0.25"}) {
            ThresholdRange r = ThresholdRange.parse(form);
            assertThat(ThresholdRange.parse(r.toString())).as(form).isEqualTo(r);
        }
    }

    @Test
    void refusesWhatIsNotARange() {
        for (String bad : new String[] {"", " ", "@", ":", "@:", "~", "abc", "10:20:30", "1e3", "NaN", "Infinity", "10-20", "10,20", "~10",
                "10:~", "@@10", "1..2", "--1"}) {
            assertThatThrownBy(() -> ThresholdRange.parse(bad)).as("'%s'", bad)
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("range");
        }
    }

    @Test
    void refusesAStartAboveTheEnd() {
        assertThatThrownBy(() -> ThresholdRange.parse("20:10")).hasMessageContaining("above its end").hasMessageContaining("10:20");
        assertThatThrownBy(() -> ThresholdRange.parse("-5")).as("a plain negative number is 0:-5").hasMessageContaining("above its end");
        assertThatThrownBy(() -> new ThresholdRange(Double.POSITIVE_INFINITY, 1, false)).isInstanceOf(IllegalArgumentException.class);
    }
}
