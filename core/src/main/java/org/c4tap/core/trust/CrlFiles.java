package org.c4tap.core.trust;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CRL;
import java.security.cert.CRLException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509CRL;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/** Reading and writing X.509 CRLs: PEM ({@code -----BEGIN X509 CRL-----}) or DER. */
public final class CrlFiles {

    private CrlFiles() {
    }

    /** Every CRL in a PEM or DER file, in file order. */
    public static List<X509CRL> read(Path file) throws IOException, CRLException {
        try (InputStream in = Files.newInputStream(file)) {
            return read(in);
        } catch (CRLException e) {
            throw new CRLException("cannot read a CRL from " + file + ": " + e.getMessage(), e);
        }
    }

    public static List<X509CRL> read(InputStream in) throws CRLException {
        List<X509CRL> crls = new ArrayList<>();
        try {
            for (CRL crl : CertificateFactory.getInstance("X.509").generateCRLs(in)) {
                crls.add((X509CRL) crl);
            }
        } catch (CertificateException e) {
            throw new CRLException("no X.509 support", e);
        }
        if (crls.isEmpty()) {
            throw new CRLException("no CRL found");
        }
        return crls;
    }

    public static String pem(X509CRL crl) {
        try {
            String body = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(crl.getEncoded());
            return "-----BEGIN X509 CRL-----\n" + body + "\n-----END X509 CRL-----\n";
        } catch (CRLException e) {
            throw new IllegalStateException("a parsed CRL always encodes", e);
        }
    }
}
