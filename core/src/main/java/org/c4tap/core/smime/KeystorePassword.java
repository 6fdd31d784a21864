package org.c4tap.core.smime;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where a key store's password comes from: a file (first line) or an environment variable. Never
 * a command-line argument, which other users of the machine can read.
 */
public final class KeystorePassword {

    private KeystorePassword() {
    }

    public static char[] fromFile(Path file) throws IOException {
        String content = Files.readString(file, StandardCharsets.UTF_8);
        int end = content.indexOf('\n');
        String line = end < 0 ? content : content.substring(0, end);
        return line.strip().toCharArray();
    }

    public static char[] fromEnvironment(String variable) throws IOException {
        String value = System.getenv(variable);
        if (value == null) {
            throw new IOException("the environment variable " + variable + " is not set");
        }
        return value.toCharArray();
    }
}
