package io.mcpbridge.dr.coordinator.safety;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** No loop: a component that flaps for an hour gets at most three actions, then people. */
class ActionBudgetTest {

    private static final Instant START = Instant.parse("2026-11-26T10:00:00Z");

    @Test
    void aGatewayFlappingEveryFiveSecondsForAnHourGetsAtMostThreeActionsThenEscalation() {
        ActionBudget budget = ActionBudget.defaults();
        List<Instant> actions = new ArrayList<>();
        int escalations = 0;
        for (Instant now = START; now.isBefore(START.plus(Duration.ofHours(1))); now = now.plusSeconds(10)) {
            // DOWN at every tenth second, UP five seconds later: each DOWN asks to act.
            ActionBudget.Decision decision = budget.check(actions, now);
            switch (decision.verdict()) {
                case ALLOWED -> actions.add(now);
                case EXHAUSTED -> escalations++;
                case COOLING_DOWN -> assertThat(decision.notBefore()).isAfter(now);
            }
        }

        assertThat(actions).hasSize(3);
        assertThat(escalations).isPositive();
        assertThat(Duration.between(actions.get(0), actions.get(1))).isGreaterThanOrEqualTo(Duration.ofMinutes(1));
    }

    @Test
    void theWindowSlides() {
        ActionBudget budget = new ActionBudget(3, Duration.ofHours(1), Duration.ZERO);
        List<Instant> actions = List.of(START, START.plusSeconds(60), START.plusSeconds(120));

        assertThat(budget.check(actions, START.plusSeconds(600)).verdict()).isEqualTo(ActionBudget.Verdict.EXHAUSTED);
        assertThat(budget.check(actions, START.plus(Duration.ofMinutes(61))).verdict())
                .isEqualTo(ActionBudget.Verdict.ALLOWED);
    }

    @Test
    void aCooldownFollowsEachAction() {
        ActionBudget budget = new ActionBudget(3, Duration.ofHours(1), Duration.ofMinutes(2));

        ActionBudget.Decision decision = budget.check(List.of(START), START.plusSeconds(30));

        assertThat(decision.verdict()).isEqualTo(ActionBudget.Verdict.COOLING_DOWN);
        assertThat(decision.notBefore()).isEqualTo(START.plus(Duration.ofMinutes(2)));
        assertThat(budget.check(List.of(START), START.plus(Duration.ofMinutes(2)))
                        .verdict())
                .isEqualTo(ActionBudget.Verdict.ALLOWED);
    }

    @Test
    void theNextStepOfARunbookSkipsTheCooldownButNotTheHourlyLimit() {
        ActionBudget budget = new ActionBudget(3, Duration.ofHours(1), Duration.ofMinutes(2));

        assertThat(budget.check(List.of(START), START.plusSeconds(30), true).verdict())
                .isEqualTo(ActionBudget.Verdict.ALLOWED);
        assertThat(budget.check(
                                List.of(START, START.plusSeconds(10), START.plusSeconds(20)),
                                START.plusSeconds(30),
                                true)
                        .verdict())
                .isEqualTo(ActionBudget.Verdict.EXHAUSTED);
    }
}
