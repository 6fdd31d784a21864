package org.c4tap.core.registry;

import java.util.List;

/** A registry file that cannot be used, with every problem found and where it is. */
public final class RegistryException extends Exception {

    private final List<String> problems;

    public RegistryException(String file, List<String> problems) {
        super(file + ": " + problems.size() + " problem(s):\n  " + String.join("\n  ", problems));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}
