package org.peftrepro.methods.spi;

/**
 * One option a method accepts on the command line ({@code --set key=value}).
 *
 * @param defaultValue the value used when the option is not set, as the user would type it
 */
public record OptionSpec(String key, String defaultValue, String description) {}
