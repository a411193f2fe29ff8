package org.peftrepro.reports;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Properties;

/**
 * plotly.js as shipped in the {@code org.webjars.npm:plotly.js-dist} WebJar, to inline into report
 * pages so that they draw their charts without any network access.
 */
public final class PlotlyBundle {

    private static final String POM_PROPERTIES =
            "/META-INF/maven/org.webjars.npm/plotly.js-dist/pom.properties";
    private static final String SCRIPT = "/META-INF/resources/webjars/plotly.js-dist/%s/plotly.js";

    private static volatile PlotlyBundle loaded;

    private final String version;
    private final String script;

    private PlotlyBundle(String version, String script) {
        this.version = version;
        this.script = script;
    }

    /** The bundle on the class path, read once (it is about 10 MB). */
    public static PlotlyBundle load() {
        PlotlyBundle bundle = loaded;
        if (bundle == null) {
            synchronized (PlotlyBundle.class) {
                if (loaded == null) {
                    loaded = read();
                }
                bundle = loaded;
            }
        }
        return bundle;
    }

    /** The plotly.js version, e.g. {@code 2.35.3}. */
    public String version() {
        return version;
    }

    /**
     * The script, safe to place between {@code <script>} tags: a {@code </script} inside it (in a
     * string or comment) would end the element early, so it is written as {@code <\/script}, which
     * JavaScript reads the same.
     */
    public String inlineScript() {
        return script.replace("</script", "<\\/script").replace("</SCRIPT", "<\\/SCRIPT");
    }

    private static PlotlyBundle read() {
        Properties pom = new Properties();
        try (InputStream in = resource(POM_PROPERTIES)) {
            pom.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read " + POM_PROPERTIES, e);
        }
        String version = pom.getProperty("version");
        if (version == null) {
            throw new IllegalStateException(POM_PROPERTIES + " has no version property");
        }
        String path = String.format(SCRIPT, version);
        try (InputStream in = resource(path)) {
            return new PlotlyBundle(version, new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read " + path, e);
        }
    }

    private static InputStream resource(String path) {
        InputStream in = PlotlyBundle.class.getResourceAsStream(path);
        if (in == null) {
            throw new IllegalStateException(
                    path
                            + " is not on the class path: the org.webjars.npm:plotly.js-dist dependency is missing");
        }
        return in;
    }
}
