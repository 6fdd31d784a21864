package org.c4tap.core.registry;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A registry file kept in force while the gateway runs: it is read again when it changes, and a
 * new version that fails validation is refused while the last good one stays in force. One
 * instance per file is shared by every mailet that names it.
 */
public final class RegistryFile {

    private static final Logger LOGGER = LoggerFactory.getLogger(RegistryFile.class);
    private static final Map<Path, RegistryFile> OPEN = new ConcurrentHashMap<>();

    private final Path path;
    private volatile Loaded current;
    private volatile String refusedProblem;
    private volatile String announcedProblem;

    private RegistryFile(Path path, Loaded first) {
        this.path = path;
        this.current = first;
    }

    /**
     * The shared holder for {@code path}. The first call reads the file and fails if it is not a
     * valid registry: a gateway must not start without one.
     */
    public static RegistryFile open(Path path) throws RegistryException, IOException {
        Path key = path.toAbsolutePath().normalize();
        RegistryFile existing = OPEN.get(key);
        if (existing != null) {
            return existing;
        }
        Loaded first = load(key);
        return OPEN.computeIfAbsent(key, ignored -> new RegistryFile(key, first));
    }

    /** The registry in force, after reading the file again if it changed since last time. */
    public Registry current() {
        Loaded loaded = current;
        try {
            FileTime modified = Files.getLastModifiedTime(path);
            long size = Files.size(path);
            if (!modified.equals(loaded.modified()) || size != loaded.size()) {
                synchronized (this) {
                    loaded = current;
                    if (!modified.equals(loaded.modified()) || size != loaded.size()) {
                        try {
                            current = load(path);
                            refusedProblem = null;
                            LOGGER.info("C4TAP registry {} reloaded: {} organisations", path, current.registry().organisations().size());
                        } catch (RegistryException | IOException e) {
                            // remember the refused version so it is not re-read on every mail
                            current = new Loaded(loaded.registry(), modified, size);
                            refusedProblem = e.getMessage();
                            LOGGER.error("C4TAP registry {} changed but is not valid; the previous version stays in force: {}",
                                    path, e.getMessage());
                        }
                    }
                }
            }
        } catch (IOException e) {
            LOGGER.error("C4TAP registry {} cannot be checked for changes; the loaded version stays in force: {}",
                    path, e.getMessage());
        }
        return current.registry();
    }

    /**
     * The refusal of the newest version of the file, the first time it is asked for after that
     * version was refused: so that an administrator is told once per broken version, not per mail.
     */
    public synchronized Optional<String> newRefusal() {
        String problem = refusedProblem;
        if (problem == null || problem.equals(announcedProblem)) {
            return Optional.empty();
        }
        announcedProblem = problem;
        return Optional.of(problem);
    }

    /** Why the newest version of the file was refused, while it is; empty when the file in force is the newest. */
    public Optional<String> refusedProblem() {
        return Optional.ofNullable(refusedProblem);
    }

    public Path path() {
        return path;
    }

    private static Loaded load(Path path) throws RegistryException, IOException {
        FileTime modified = Files.getLastModifiedTime(path);
        long size = Files.size(path);
        return new Loaded(RegistryLoader.load(path), modified, size);
    }

    private record Loaded(Registry registry, FileTime modified, long size) {
        Loaded {
            Objects.requireNonNull(registry, "registry");
        }
    }
}
