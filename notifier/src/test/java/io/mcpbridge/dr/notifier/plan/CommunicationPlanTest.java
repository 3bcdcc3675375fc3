package io.mcpbridge.dr.notifier.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mcpbridge.dr.events.alert.Severity;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The plan's communication matrix as data, and the cells as people write them. */
class CommunicationPlanTest {

    @ParameterizedTest(name = "{0}: {1} {2}")
    @CsvSource({
        "Immediate, DEADLINE, PT0S",
        "15 min, DEADLINE, PT15M",
        "1 hour, DEADLINE, PT1H",
        "4 hours, DEADLINE, PT4H",
        "30s, DEADLINE, PT30S",
        "2h, DEADLINE, PT2H",
        "Daily, DIGEST, PT24H",
        "Weekly, DIGEST, PT168H",
        "As needed, AS_NEEDED, PT0S",
        "Not required, NOT_REQUIRED, PT0S"
    })
    void aCellReadsAsThePlanWritesIt(String text, Cell.Kind kind, Duration deadline) {
        Cell cell = Cell.parse(text);
        assertThat(cell.kind()).isEqualTo(kind);
        assertThat(cell.deadline()).isEqualTo(deadline);
        assertThat(Cell.parse(cell.describe())).as("describe() reads back").isEqualTo(cell);
    }

    @Test
    void aCellThatIsNoneOfTheseIsRefusedSayingWhatWouldDo() {
        assertThatThrownBy(() -> Cell.parse("soonish"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'soonish'")
                .hasMessageContaining("Immediate");
    }

    @Test
    void thePlansMatrixIsThePlansTable() {
        String[][] table = {
            {"Immediate", "15 min", "30 min", "1 hour"},
            {"15 min", "1 hour", "2 hours", "4 hours"},
            {"1 hour", "4 hours", "Daily", "As needed"},
            {"Daily", "Weekly", "Weekly", "Not required"}
        };
        String[] audiences = {
            CommunicationPlan.INTERNAL,
            CommunicationPlan.EXTERNAL,
            CommunicationPlan.LEADERSHIP,
            CommunicationPlan.CUSTOMERS
        };
        for (Severity severity : Severity.values()) {
            for (int a = 0; a < audiences.length; a++) {
                assertThat(CommunicationPlan.PLAN
                                .audience(audiences[a])
                                .orElseThrow()
                                .cell(severity)
                                .describe())
                        .as(severity + " / " + audiences[a])
                        .isEqualTo(table[severity.ordinal()][a]);
            }
        }
        assertThat(CommunicationPlan.PLAN.cadence(Severity.CRITICAL))
                .as("the template's Next Update: In 15 minutes")
                .isEqualTo(Duration.ofMinutes(15));
    }
}
