package org.peftrepro.reproduce.engine;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.peftrepro.datasets.Scale;
import org.peftrepro.hub.io.StrictJson;
import org.peftrepro.methods.spi.PeftMethod;
import org.peftrepro.methods.spi.ProtocolDefaults;

/**
 * A paper's training protocol as data ({@code protocols/<name>.json}): per task (epochs, batch size, length cap,
 * learning rate), the defaults every run shares, and what each scale changes. What a method sets for the
 * protocol (its learning rate, head learning rate, weight decay, per-task options such as Lily's experts) it
 * declares itself ({@link ProtocolDefaults}, under the protocol's name).
 */
public final class Protocol {
    private final String name;
    private final JsonNode root;

    private Protocol(String name, JsonNode root) {
        this.name = name;
        this.root = root;
    }

    public static Protocol load(String name) {
        String resource = "/org/peftrepro/reproduce/protocols/" + name + ".json";
        try (InputStream in = Protocol.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalArgumentException("no protocol named " + name);
            }
            return new Protocol(name, StrictJson.parse(in.readAllBytes(), resource));
        } catch (IOException e) {
            throw new UncheckedIOException(resource + ": cannot be read", e);
        }
    }

    public String name() {
        return name;
    }

    public long seed(Scale scale) {
        return scaleNode(scale).path("seed").asLong(root.path("defaults").path("seed").asLong(0));
    }

    /**
     * The hyperparameters of {@code method} on {@code task} at {@code scale}, before command-line overrides: the
     * task's, then what the method declares for this protocol (its learning rate, head rate, weight decay), then
     * what the scale changes.
     */
    public Hyperparameters hyperparameters(String task, PeftMethod method, Scale scale) {
        JsonNode t = root.path("tasks").path(task);
        if (t.isMissingNode()) {
            throw new IllegalArgumentException("protocol " + name + " has no task " + task);
        }
        JsonNode d = root.path("defaults");
        ProtocolDefaults m = methodDefaults(method);
        JsonNode s = scaleNode(scale);
        int epochs = t.path("epochs").asInt();
        int batch = t.path("batchSize").asInt();
        int maxLength = t.path("maxLength").asInt();
        double lr = m.lr().orElse(t.path("lr").asDouble());
        double headLrScale = m.headLrScaleFor(task).orElse(d.path("headLrScale").asDouble(1));
        double weightDecay = m.weightDecay().orElse(d.path("weightDecay").asDouble(0));
        boolean padToCap = s.path("padToCap").asBoolean(d.path("padToCap").asBoolean(false));
        if (s.has("epochs")) {
            epochs = s.get("epochs").asInt();
        }
        if (s.has("maxEpochs")) {
            epochs = Math.min(epochs, s.get("maxEpochs").asInt());
        }
        if (s.has("batchSize")) {
            batch = s.get("batchSize").asInt();
        }
        if (s.has("maxLength")) {
            maxLength = Math.min(maxLength, s.get("maxLength").asInt());
        }
        if (s.has("headLrScale")) {
            headLrScale = s.get("headLrScale").asDouble();
        }
        if (s.path("methodLr").has(method.name())) {
            lr = s.path("methodLr").get(method.name()).asDouble();
        } else if (s.has("lrScale")) {
            lr *= s.get("lrScale").asDouble();
        }
        return new Hyperparameters(epochs, batch, maxLength, lr, headLrScale, weightDecay,
                d.path("warmupRatio").asDouble(0), padToCap, d.path("maxGradNorm").asDouble(0),
                d.path("gradientAccumulation").asInt(1), s.path("maxTrainExamples").asInt(0), s.path("maxDevExamples").asInt(0));
    }

    /** Method options the method declares for this protocol and task (e.g. Lily's experts), before the user's --set. */
    public Map<String, String> methodOptions(String task, PeftMethod method) {
        return methodDefaults(method).optionsFor(task);
    }

    /** What the method declares for this protocol; nothing when it declares nothing (a user's method, say). */
    private ProtocolDefaults methodDefaults(PeftMethod method) {
        return method.declaration().protocol(name).orElse(ProtocolDefaults.of(name, "declared by no one"));
    }

    /** Method options a scale changes (the tiny smoke model has fewer layers to merge). */
    public Map<String, String> scaleMethodOptions(Scale scale, String method) {
        Map<String, String> options = new LinkedHashMap<>();
        scaleNode(scale).path("methodOptions").path(method).fields()
                .forEachRemaining(e -> options.put(e.getKey(), e.getValue().asText()));
        return options;
    }

    private JsonNode scaleNode(Scale scale) {
        return root.path("scales").path(scale.name().toLowerCase(java.util.Locale.ROOT));
    }
}
