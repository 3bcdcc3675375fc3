package io.mcpbridge.dr.drctl.output;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class TableTest {

    @Test
    void columnsAlignOnTheWidestCellAndColourCodesTakeNoWidth() {
        String red = "\u001b[31mDOWN\u001b[0m";
        String table = new Table("TARGET", "STATE", "DETAIL")
                .row("gateway", "UP", null)
                .row("redis-aof", red, "AOF off")
                .render();

        assertThat(table.lines())
                .containsExactly("TARGET     STATE  DETAIL", "gateway    UP     -", "redis-aof  " + red + "   AOF off");
    }

    @Test
    void aRowOfTheWrongWidthIsAMistake() {
        assertThatThrownBy(() -> new Table("A", "B").row("only one")).isInstanceOf(IllegalArgumentException.class);
    }
}
