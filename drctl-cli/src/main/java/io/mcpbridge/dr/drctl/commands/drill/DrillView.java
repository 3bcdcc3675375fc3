package io.mcpbridge.dr.drctl.commands.drill;

import io.mcpbridge.dr.drctl.output.Human;
import io.mcpbridge.dr.drctl.output.Table;
import io.mcpbridge.dr.drctl.output.Terminal;
import io.mcpbridge.dr.events.drill.DrillResult;
import io.mcpbridge.dr.events.drill.DrillStep;
import java.time.Duration;

/** A drill for people: its facts, its steps, and the RTO and RPO it measured against their targets. */
final class DrillView {

    private DrillView() {}

    static String render(DrillResult drill, Terminal terminal) {
        Table facts = new Table("FIELD", "VALUE");
        facts.row("drill", drill.id());
        facts.row("type", drill.type().wireName());
        if (drill.target() != null) {
            facts.row("target", drill.target());
        }
        facts.row("result", verdict(drill, terminal));
        facts.row("asked by", drill.requestedBy());
        facts.row("started", Human.time(drill.startedAt()));
        facts.row("took", Human.duration(Duration.between(drill.startedAt(), drill.endedAt())));
        facts.row("RTO", measured(drill.rtoMillis(), drill.rtoTargetMillis()));
        facts.row("RPO", measured(drill.rpoMillis(), drill.rpoTargetMillis()));
        if (!drill.leftBehind().isEmpty()) {
            facts.row("left behind", terminal.red(String.join(", ", drill.leftBehind())));
        }
        Table steps = new Table("STEP", "RESULT", "TOOK", "DETAIL");
        for (DrillStep step : drill.steps()) {
            steps.row(
                    step.name(),
                    step.passed() ? terminal.green("passed") : terminal.red("failed"),
                    Human.duration(Duration.between(step.startedAt(), step.endedAt())),
                    step.detail() == null ? "" : step.detail());
        }
        return facts.render() + "\n" + steps.render();
    }

    static String verdict(DrillResult drill, Terminal terminal) {
        return drill.passed() ? terminal.green("passed") : terminal.red("failed") + ": " + drill.reason();
    }

    /** "4m12s (target 1h)", "-" when the drill measures none. */
    static String measured(Long millis, Long targetMillis) {
        if (millis == null) {
            return "-";
        }
        String value = Human.duration(Duration.ofMillis(millis));
        return targetMillis == null
                ? value
                : value + " (target " + Human.duration(Duration.ofMillis(targetMillis)) + ")";
    }
}
