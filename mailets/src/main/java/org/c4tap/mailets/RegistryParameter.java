package org.c4tap.mailets;

import jakarta.mail.MessagingException;
import java.io.IOException;
import org.c4tap.core.registry.RegistryException;
import org.c4tap.core.registry.RegistryFile;

/** The {@code <registry>} parameter: the participant registry file, shared by every mailet that names it. */
final class RegistryParameter {

    static final String REGISTRY = "registry";

    private RegistryParameter() {
    }

    static RegistryFile open(InitParameters parameters) throws MessagingException {
        String value = parameters.required(REGISTRY);
        try {
            return RegistryFile.open(ServerFiles.resolve(value));
        } catch (RegistryException | IOException e) {
            throw parameters.error("the registry " + value + " cannot be used: " + e.getMessage());
        }
    }
}
