package org.peftrepro.methods.spi;

/** A method's declaration held once, given to the constructor; subclasses give the math ({@link #attach}). */
public abstract class DeclaredMethod implements PeftMethod {
    private final MethodDeclaration declaration;

    protected DeclaredMethod(MethodDeclaration declaration) {
        this.declaration = declaration;
    }

    @Override
    public final MethodDeclaration declaration() {
        return declaration;
    }
}
