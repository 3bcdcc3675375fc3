package io.mcpbridge.dr.drctl.commands;

import io.mcpbridge.dr.drctl.output.Table;
import io.mcpbridge.dr.drctl.settings.Setting;
import io.mcpbridge.dr.drctl.settings.Settings;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;

@Command(
        name = "config",
        description = {
            "Show the settings drctl uses and where each comes from: a flag, the environment (MCPDR_*), the"
                    + " settings file, or the default. Passwords and JAAS settings are never shown."
        })
public final class ConfigCommand extends ReadingCommand {

    /** One setting as printed. */
    public record Shown(String name, String value, String origin) {}

    @Override
    protected int run() {
        Settings settings = connection.settings();
        List<Shown> shown = settings.all().stream()
                .map(setting -> new Shown(setting.name(), setting.shown(), setting.origin()))
                .toList();
        Map<String, Object> value = new LinkedHashMap<>();
        value.put("file", settings.file().toString());
        value.put("fileExists", settings.fileExists());
        value.put("settings", shown);
        return show(value, () -> {
            Table table = new Table("SETTING", "VALUE", "FROM");
            for (Setting setting : settings.all()) {
                table.row(setting.name(), setting.shown(), setting.origin());
            }
            return table.render() + "\n\nsettings file: " + settings.file()
                    + (settings.fileExists() ? "" : " (none there)");
        });
    }
}
