package io.mcpbridge.dr.system.deploy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

/** Where the deploy checks find the project's files, and a service's own settings. */
public final class ProjectFiles {

    /** The repository's root: the parent of this module, unless {@code project.root} says otherwise. */
    public static final Path ROOT = Path.of(System.getProperty("project.root", ".."));

    private ProjectFiles() {}

    /** A service's {@code application.properties}, as it ships. */
    public static Properties settingsOf(String service) throws IOException {
        Properties properties = new Properties();
        try (InputStream in =
                Files.newInputStream(ROOT.resolve(service + "/src/main/resources/application.properties"))) {
            properties.load(in);
        }
        return properties;
    }
}
