package io.tidecast.learners.groupwise;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class GroupRuleTest {
    static final Map<String, String> ROW = Map.of("age", "51", "smoker", "yes", "bmi", "30.0", "region", "south west");

    static boolean in(String rule) {
        return GroupRule.parse(rule).test(ROW::get);
    }

    @Test
    void everyOperatorOnNumbersAndText() {
        assertThat(in("smoker=yes")).isTrue();
        assertThat(in("smoker=no")).isFalse();
        assertThat(in("age>50")).isTrue();
        assertThat(in("age>51")).isFalse();
        assertThat(in("age>=51")).isTrue();
        assertThat(in("age<51")).isFalse();
        assertThat(in("age<=51")).isTrue();
        assertThat(in("bmi=30")).isTrue(); // numeric equality: 30.0 == 30
        assertThat(in("bmi>=30")).isTrue();
        assertThat(in(" region = south west ")).isTrue();
        assertThat(in("smoker>1")).isFalse(); // a text cell never passes a numeric test
        assertThat(in("missing=1")).isFalse();
    }

    @Test
    void namesAndConjunctions() {
        GroupRule r = GroupRule.parse("middle:age>35&age<=50");
        assertThat(r.name()).isEqualTo("middle");
        assertThat(r.columns()).containsExactly("age");
        assertThat(r.test(ROW::get)).isFalse();
        assertThat(GroupRule.parse("old:age>50&smoker=yes").test(ROW::get)).isTrue();
        assertThat(GroupRule.parse("age>50").name()).isEqualTo("age>50");
        assertThat(GroupRule.parse("s:smoker=yes").equalityOn("smoker")).isEqualTo("yes");
        assertThat(GroupRule.parse("age>50").equalityOn("age")).isNull();
    }

    @Test
    void corruptedRulesAreRefusedWithTheReason() {
        assertThatThrownBy(() -> GroupRule.parse("")).hasMessageContaining("empty");
        assertThatThrownBy(() -> GroupRule.parse("smoker")).hasMessageContaining("no operator");
        assertThatThrownBy(() -> GroupRule.parse("=yes")).hasMessageContaining("no column");
        assertThatThrownBy(() -> GroupRule.parse("age>")).hasMessageContaining("no value");
        assertThatThrownBy(() -> GroupRule.parse("age>old")).hasMessageContaining("not a number");
        assertThatThrownBy(() -> GroupRule.parse("age>NaN")).hasMessageContaining("not a number");
        assertThatThrownBy(() -> GroupRule.parse("age>>5")).hasMessageContaining("doubled operator");
        assertThatThrownBy(() -> GroupRule.parse("age>5&")).hasMessageContaining("condition is empty");
        assertThatThrownBy(() -> GroupRule.parse(":age>5")).hasMessageContaining("name before ':'");
        assertThatThrownBy(() -> GroupRule.parse("age<=1e999")).hasMessageContaining("not a number")
                .hasMessageContaining("col=value");
    }
}
