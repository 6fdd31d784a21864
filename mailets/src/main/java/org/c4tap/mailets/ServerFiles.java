package org.c4tap.mailets;

import java.nio.file.Path;

/**
 * Resolves file parameters the way an administrator expects: absolute paths as they are, relative
 * paths against James's working directory (where {@code conf/} lives), so that
 * {@code conf/c4tap/operator.p12} works wherever James was started from.
 */
final class ServerFiles {

    private ServerFiles() {
    }

    static Path resolve(String value) {
        String stripped = value.strip();
        if (stripped.startsWith("file://")) {
            stripped = stripped.substring("file://".length());
        }
        Path path = Path.of(stripped);
        if (path.isAbsolute()) {
            return path;
        }
        String workingDirectory = System.getProperty("working.directory");
        return workingDirectory == null ? path.toAbsolutePath() : Path.of(workingDirectory).resolve(path);
    }
}
