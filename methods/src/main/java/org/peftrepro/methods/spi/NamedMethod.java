package org.peftrepro.methods.spi;

import java.util.List;

/** A method's identity (name and one-line description) held once; subclasses give the options and the attach logic. */
public abstract class NamedMethod implements PeftMethod {
    private final String name;
    private final String description;

    protected NamedMethod(String name, String description) {
        this.name = name;
        this.description = description;
    }

    @Override
    public final String name() {
        return name;
    }

    @Override
    public final String description() {
        return description;
    }

    /** None unless the method declares some. */
    @Override
    public List<OptionSpec> options() {
        return List.of();
    }
}
