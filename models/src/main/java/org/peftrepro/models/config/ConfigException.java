package org.peftrepro.models.config;

/** A config.json that cannot describe a model we build: names the file and the field at fault. */
public class ConfigException extends RuntimeException {
    public ConfigException(String message) {
        super(message);
    }

    public ConfigException(String message, Throwable cause) {
        super(message, cause);
    }
}
