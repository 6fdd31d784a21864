package org.c4tap.core.pki;

import java.io.IOException;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.cert.X509CRL;
import java.security.cert.X509CRLEntry;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.AccessDescription;
import org.bouncycastle.asn1.x509.AuthorityInformationAccess;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.CRLNumber;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.Extensions;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v2CRLBuilder;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CRLConverter;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v2CRLBuilder;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.c4tap.core.pki.IssueOptions.Flaw;
import org.c4tap.core.smime.Certificates;
import org.c4tap.core.smime.Credential;
import org.c4tap.core.smime.Crypto;

/**
 * A small certificate authority for demos and tests ({@code c4tap pki}): it issues S/MIME
 * certificates (RSA or EC P-256) as a real CA would shape them, or with deliberate flaws, issues
 * intermediate CAs, keeps a list of revoked serials and signs CRLs. Its keys live in memory; nothing
 * here is meant to run a production CA.
 *
 * <p>Thread-safe: the key and certificates never change; the revocation list and the CRL number are
 * guarded by the instance.
 */
public final class CertificateAuthority {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String ROOT_ORGANISATION = "C4TAP Demo";

    private final PrivateKey key;
    /** This CA's certificate first, then the ones above it up to the root. */
    private final List<X509Certificate> chain;
    private final Map<BigInteger, Instant> revoked = new TreeMap<>();
    private BigInteger crlNumber;

    private CertificateAuthority(PrivateKey key, List<X509Certificate> chain, Map<BigInteger, Instant> revoked,
            BigInteger crlNumber) {
        this.key = key;
        this.chain = List.copyOf(chain);
        this.revoked.putAll(revoked);
        this.crlNumber = crlNumber;
    }

    /** A self-signed RSA 3072 root valid from now for {@code validity}. */
    public static CertificateAuthority create(String commonName, Duration validity) throws GeneralSecurityException {
        return create(commonName, KeyType.RSA_3072, Validity.fromNow(validity));
    }

    /** A self-signed root with a key of {@code keyType}. */
    public static CertificateAuthority create(String commonName, KeyType keyType, Validity validity)
            throws GeneralSecurityException {
        KeyPair keys = keyType.generate(RANDOM);
        X500Name name = name(commonName, ROOT_ORGANISATION);
        X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(name, serial(), Date.from(validity.notBefore()),
                Date.from(validity.notAfter()), name, keys.getPublic());
        try {
            addCaExtensions(builder, keys.getPublic(), new BasicConstraints(true));
        } catch (IOException e) {
            throw new GeneralSecurityException("cannot build the CA certificate of " + commonName, e);
        }
        return new CertificateAuthority(keys.getPrivate(), List.of(sign(builder, keys.getPrivate())), Map.of(), BigInteger.ZERO);
    }

    /**
     * The CA again, from its key and certificate chain and the last CRL it signed (which carries the
     * revoked serials and the CRL number to continue from).
     *
     * @throws GeneralSecurityException when the CRL was not signed by this CA's key
     */
    public static CertificateAuthority resume(Credential credential, Optional<X509CRL> lastCrl) throws GeneralSecurityException {
        X509Certificate certificate = credential.certificate();
        Map<BigInteger, Instant> revoked = new TreeMap<>();
        BigInteger number = BigInteger.ZERO;
        if (lastCrl.isPresent()) {
            X509CRL crl = lastCrl.get();
            if (!crl.getIssuerX500Principal().equals(certificate.getSubjectX500Principal())) {
                throw new GeneralSecurityException("the CRL of " + crl.getIssuerX500Principal().getName()
                        + " is not one of " + Certificates.describe(certificate));
            }
            crl.verify(certificate.getPublicKey());
            if (crl.getRevokedCertificates() != null) {
                for (X509CRLEntry entry : crl.getRevokedCertificates()) {
                    revoked.put(entry.getSerialNumber(), entry.getRevocationDate().toInstant());
                }
            }
            number = crlNumber(crl).orElse(BigInteger.ZERO);
        }
        return new CertificateAuthority(credential.key(), credential.chain(), revoked, number);
    }

    public X509Certificate certificate() {
        return chain.get(0);
    }

    /** This CA's certificate and those above it, up to the root. */
    public List<X509Certificate> chain() {
        return chain;
    }

    /** The CA's key with its chain, to store it in a key store. */
    public Credential credential() {
        return new Credential(key, certificate(), chain);
    }

    /** An intermediate CA below this one (pathLenConstraint 0: it issues end-entity certificates only). */
    public CertificateAuthority intermediate(String commonName, KeyType keyType, Validity validity)
            throws GeneralSecurityException {
        KeyPair keys = keyType.generate(RANDOM);
        X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(certificate(), serial(),
                Date.from(validity.notBefore()), Date.from(validity.notAfter()), name(commonName, ROOT_ORGANISATION),
                keys.getPublic());
        try {
            addCaExtensions(builder, keys.getPublic(), new BasicConstraints(0));
            builder.addExtension(Extension.authorityKeyIdentifier, false,
                    new JcaX509ExtensionUtils().createAuthorityKeyIdentifier(certificate()));
        } catch (IOException e) {
            throw new GeneralSecurityException("cannot build the CA certificate of " + commonName, e);
        }
        List<X509Certificate> below = new ArrayList<>();
        below.add(sign(builder, key));
        below.addAll(chain);
        return new CertificateAuthority(keys.getPrivate(), below, Map.of(), BigInteger.ZERO);
    }

    /**
     * Issues a well-formed RSA 2048 S/MIME certificate for {@code addresses}: digital signature and
     * key encipherment, extended key usage emailProtection, the addresses as rfc822Name entries.
     */
    public Issued issue(String commonName, String organisation, List<String> addresses, Duration validity)
            throws GeneralSecurityException {
        return issue(commonName, organisation, addresses, IssueOptions.of(KeyType.RSA_2048, validity));
    }

    /** Issues an S/MIME certificate for {@code addresses} shaped by {@code options}. */
    public Issued issue(String commonName, String organisation, List<String> addresses, IssueOptions options)
            throws GeneralSecurityException {
        KeyPair pair = options.keyType().generate(RANDOM);
        boolean inSubject = options.has(Flaw.ADDRESSES_IN_SUBJECT_ONLY);
        X500Name subject = inSubject ? name(commonName, organisation, addresses) : name(commonName, organisation);
        X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(certificate(), serial(),
                Date.from(options.validity().notBefore()), Date.from(options.validity().notAfter()), subject, pair.getPublic());
        try {
            JcaX509ExtensionUtils utils = new JcaX509ExtensionUtils();
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
            builder.addExtension(Extension.keyUsage, true, new KeyUsage(keyUsage(options)));
            KeyPurposeId purpose = options.has(Flaw.NO_EMAIL_PROTECTION) ? KeyPurposeId.id_kp_clientAuth : KeyPurposeId.id_kp_emailProtection;
            builder.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(purpose));
            if (!inSubject) {
                GeneralName[] names = addresses.stream().map(address -> new GeneralName(GeneralName.rfc822Name, address))
                        .toArray(GeneralName[]::new);
                builder.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(names));
            }
            builder.addExtension(Extension.subjectKeyIdentifier, false, utils.createSubjectKeyIdentifier(pair.getPublic()));
            builder.addExtension(Extension.authorityKeyIdentifier, false, utils.createAuthorityKeyIdentifier(certificate()));
            if (!options.ocspResponder().isEmpty()) {
                builder.addExtension(Extension.authorityInfoAccess, false, new AuthorityInformationAccess(
                        AccessDescription.id_ad_ocsp, new GeneralName(GeneralName.uniformResourceIdentifier, options.ocspResponder())));
            }
        } catch (IOException e) {
            throw new GeneralSecurityException("cannot build the certificate of " + commonName, e);
        }
        return new Issued(pair.getPrivate(), sign(builder, key), chain);
    }

    /**
     * Adds {@code certificate} to the revocation list, revoked at {@code at}.
     *
     * @return false when it was revoked already (the first revocation date stays)
     * @throws IllegalArgumentException when this CA did not issue the certificate
     */
    public synchronized boolean revoke(X509Certificate certificate, Instant at) {
        if (!issued(certificate)) {
            throw new IllegalArgumentException(Certificates.describe(certificate) + " was not issued by "
                    + Certificates.describe(certificate()));
        }
        return revoke(certificate.getSerialNumber(), at);
    }

    /**
     * Adds a serial to the revocation list, as a CA does when it knows only the serial (or, in a
     * test, to make a CRL that names another CA's certificate).
     *
     * @return false when it was revoked already (the first revocation date stays)
     */
    public synchronized boolean revoke(BigInteger serial, Instant at) {
        return revoked.putIfAbsent(serial, at) == null;
    }

    /** The revoked certificates, by ascending serial. */
    public synchronized List<Revocation> revocations() {
        return revoked.entrySet().stream().map(entry -> new Revocation(entry.getKey(), entry.getValue())).toList();
    }

    /**
     * Signs a CRL of every revoked serial, with the next CRL number and an authority key identifier,
     * valid from {@code thisUpdate} for {@code lifetime}.
     */
    public synchronized X509CRL crl(Instant thisUpdate, Duration lifetime) throws GeneralSecurityException {
        X509v2CRLBuilder builder = new JcaX509v2CRLBuilder(certificate(), Date.from(thisUpdate));
        builder.setNextUpdate(Date.from(thisUpdate.plus(lifetime)));
        for (Map.Entry<BigInteger, Instant> entry : revoked.entrySet()) {
            // no reasonCode: RFC 5280 5.3.1 asks CAs to omit it rather than say "unspecified"
            builder.addCRLEntry(entry.getKey(), Date.from(entry.getValue()), (Extensions) null);
        }
        BigInteger next = crlNumber.add(BigInteger.ONE);
        try {
            builder.addExtension(Extension.authorityKeyIdentifier, false,
                    new JcaX509ExtensionUtils().createAuthorityKeyIdentifier(certificate()));
            builder.addExtension(Extension.cRLNumber, false, new CRLNumber(next));
            X509CRL crl = new JcaX509CRLConverter().getCRL(builder.build(signer(key)));
            crlNumber = next;
            return crl;
        } catch (IOException e) {
            throw new GeneralSecurityException("cannot build the CRL of " + Certificates.describe(certificate()), e);
        }
    }

    /** The cRLNumber extension of {@code crl}, if it has one. */
    public static Optional<BigInteger> crlNumber(X509CRL crl) throws GeneralSecurityException {
        byte[] value = crl.getExtensionValue(Extension.cRLNumber.getId());
        if (value == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(CRLNumber.getInstance(JcaX509ExtensionUtils.parseExtensionValue(value)).getCRLNumber());
        } catch (IOException | IllegalArgumentException e) {
            throw new GeneralSecurityException("the CRL of " + crl.getIssuerX500Principal().getName()
                    + " has an unreadable CRL number", e);
        }
    }

    /** A revoked serial and when it was revoked. */
    public record Revocation(BigInteger serial, Instant revokedAt) {
    }

    /** An issued key with its certificate and the CA certificates above it (the issuer first). */
    public record Issued(PrivateKey key, X509Certificate certificate, List<X509Certificate> issuers) {

        public Issued {
            issuers = List.copyOf(issuers);
        }

        /** The certificate of the CA that signed this one. */
        public X509Certificate issuer() {
            return issuers.get(0);
        }

        public PublicKey publicKey() {
            return certificate.getPublicKey();
        }

        /** The key with its chain, as a signer or recipient uses it. */
        public Credential credential() {
            List<X509Certificate> chain = new ArrayList<>();
            chain.add(certificate);
            chain.addAll(issuers);
            return new Credential(key, certificate, chain);
        }

        @Override
        public String toString() {
            return "Issued[" + certificate.getSubjectX500Principal() + "]";
        }
    }

    private boolean issued(X509Certificate certificate) {
        if (!certificate.getIssuerX500Principal().equals(certificate().getSubjectX500Principal())) {
            return false;
        }
        try {
            certificate.verify(certificate().getPublicKey());
            return true;
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    private static void addCaExtensions(X509v3CertificateBuilder builder, PublicKey publicKey, BasicConstraints constraints)
            throws IOException, GeneralSecurityException {
        builder.addExtension(Extension.basicConstraints, true, constraints);
        builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
        builder.addExtension(Extension.subjectKeyIdentifier, false, new JcaX509ExtensionUtils().createSubjectKeyIdentifier(publicKey));
    }

    private static int keyUsage(IssueOptions options) {
        KeyType type = options.keyType();
        if (options.has(Flaw.NO_SIGNING_USAGE)) {
            return type.encryptionUsage();
        }
        if (options.has(Flaw.NO_ENCRYPTION_USAGE)) {
            return KeyUsage.digitalSignature | type.foreignEncryptionUsage();
        }
        return KeyUsage.digitalSignature | type.encryptionUsage();
    }

    private static X509Certificate sign(X509v3CertificateBuilder builder, PrivateKey key) throws GeneralSecurityException {
        return new JcaX509CertificateConverter().getCertificate(builder.build(signer(key)));
    }

    private static ContentSigner signer(PrivateKey key) throws GeneralSecurityException {
        String algorithm = switch (key.getAlgorithm()) {
            case "RSA" -> "SHA256withRSA";
            case "EC", "ECDSA" -> "SHA256withECDSA";
            default -> throw new GeneralSecurityException("a CA cannot sign with a " + key.getAlgorithm() + " key");
        };
        try {
            return new JcaContentSignerBuilder(algorithm).setProvider(Crypto.provider()).build(key);
        } catch (OperatorCreationException e) {
            throw new GeneralSecurityException("cannot sign with the CA key", e);
        }
    }

    private static X500Name name(String commonName, String organisation) {
        return name(commonName, organisation, List.of());
    }

    private static X500Name name(String commonName, String organisation, List<String> emailAddresses) {
        X500NameBuilder builder = new X500NameBuilder(BCStyle.INSTANCE)
                .addRDN(BCStyle.C, "JP")
                .addRDN(BCStyle.O, organisation)
                .addRDN(BCStyle.CN, commonName);
        for (String address : emailAddresses) {
            builder.addRDN(BCStyle.EmailAddress, address);
        }
        return builder.build();
    }

    private static BigInteger serial() {
        return new BigInteger(64, RANDOM).add(BigInteger.ONE);
    }
}
