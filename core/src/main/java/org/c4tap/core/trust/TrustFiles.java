package org.c4tap.core.trust;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Trust anchors and CRL files kept in force while the gateway runs. A CA publishes a new CRL
 * before the old one's nextUpdate; the gateway must pick it up without a restart, or it would
 * refuse everything once the old one expired (and miss every revocation in between). The files are
 * read again when one of them changes; a new version that cannot be read is refused and the last
 * good one stays in force. Safe to share between threads.
 */
public final class TrustFiles implements Supplier<CertificateValidator> {

    private static final Logger LOGGER = LoggerFactory.getLogger(TrustFiles.class);

    private final Path anchors;
    private final List<Path> crls;
    private final TrustSettings.ExpiredCrlPolicy policy;
    private final boolean ocsp;
    private volatile Loaded current;
    private volatile String refusedProblem;
    private String announcedProblem;

    private TrustFiles(Path anchors, List<Path> crls, TrustSettings.ExpiredCrlPolicy policy, boolean ocsp, Loaded first) {
        this.anchors = anchors;
        this.crls = List.copyOf(crls);
        this.policy = policy;
        this.ocsp = ocsp;
        this.current = first;
    }

    /** Reads the files once; fails if they cannot be read, because a gateway must not start without them. */
    public static TrustFiles open(Path anchors, List<Path> crls, TrustSettings.ExpiredCrlPolicy policy)
            throws IOException, GeneralSecurityException {
        return open(anchors, crls, policy, false);
    }

    /** The same, asking each end entity's OCSP responder too when {@code ocsp} (see {@link TrustSettings#ocsp()}). */
    public static TrustFiles open(Path anchors, List<Path> crls, TrustSettings.ExpiredCrlPolicy policy, boolean ocsp)
            throws IOException, GeneralSecurityException {
        return new TrustFiles(anchors, crls, policy, ocsp, load(anchors, crls, policy, ocsp));
    }

    /** The validator for the files in force, after reading them again if one of them changed. */
    @Override
    public CertificateValidator get() {
        Loaded loaded = current;
        List<String> stamps;
        try {
            stamps = stamps(anchors, crls);
        } catch (IOException e) {
            LOGGER.error("C4TAP trust files cannot be checked for changes; the loaded version stays in force: {}", e.getMessage());
            return loaded.validator();
        }
        if (stamps.equals(loaded.stamps())) {
            return loaded.validator();
        }
        synchronized (this) {
            loaded = current;
            if (!stamps.equals(loaded.stamps())) {
                try {
                    current = load(anchors, crls, policy, ocsp);
                    refusedProblem = null;
                    LOGGER.info("C4TAP trust anchors and CRLs reloaded: {} anchors, {} CRLs",
                            current.validator().settings().anchors().size(), current.validator().settings().crls().size());
                } catch (IOException | GeneralSecurityException | RuntimeException e) {
                    current = new Loaded(loaded.validator(), stamps);
                    refusedProblem = e.getMessage();
                    LOGGER.error("C4TAP trust anchors or CRLs changed but cannot be read; the previous version stays in force: {}",
                            e.getMessage());
                }
            }
            return current.validator();
        }
    }

    /** The refusal of the newest version of the files, once: so an administrator hears of it once, not per mail. */
    public synchronized Optional<String> newRefusal() {
        String problem = refusedProblem;
        if (problem == null || problem.equals(announcedProblem)) {
            return Optional.empty();
        }
        announcedProblem = problem;
        return Optional.of(problem);
    }

    public List<Path> files() {
        List<Path> files = new ArrayList<>();
        files.add(anchors);
        files.addAll(crls);
        return files;
    }

    private static Loaded load(Path anchors, List<Path> crls, TrustSettings.ExpiredCrlPolicy policy, boolean ocsp)
            throws IOException, GeneralSecurityException {
        List<String> before = stamps(anchors, crls);
        CertificateValidator validator = new CertificateValidator(TrustSettings.read(anchors, crls).withExpiredCrls(policy).withOcsp(ocsp));
        return new Loaded(validator, before);
    }

    /** Modification time and size of each file: what tells a rewritten file. */
    private static List<String> stamps(Path anchors, List<Path> crls) throws IOException {
        List<String> stamps = new ArrayList<>();
        stamps.add(stamp(anchors));
        for (Path crl : crls) {
            stamps.add(stamp(crl));
        }
        return stamps;
    }

    private static String stamp(Path file) throws IOException {
        return Files.getLastModifiedTime(file).toMillis() + ":" + Files.size(file);
    }

    private record Loaded(CertificateValidator validator, List<String> stamps) {
    }
}
