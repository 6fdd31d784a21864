package org.c4tap.mailets;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.Certificate;
import org.c4tap.core.pki.CertificateAuthority;
import org.c4tap.core.smime.Certificates;
import org.c4tap.core.testing.TestPki;

/** The key stores, certificates and registry both gateways need, written to a folder for a test. */
final class GatewayFiles {

    static final String PASSWORD = "test-password";

    private final Path directory;

    private GatewayFiles(Path directory) {
        this.directory = directory;
    }

    static GatewayFiles write(Path directory) throws Exception {
        GatewayFiles files = new GatewayFiles(directory);
        Files.writeString(directory.resolve("keystore-password"), PASSWORD + "\n");
        for (String name : new String[] {"operator", "council", "nisc", "power", "analysts", "intruder"}) {
            files.keystore(name);
            Files.writeString(directory.resolve(name + ".pem"), Certificates.pem(TestPki.key(name).certificate()));
        }
        Files.writeString(directory.resolve("registry.yaml"), """
                version: 1
                organisations:
                  - id: bank-a
                    name: { ja: みらい銀行, en: Mirai Bank }
                    sector: banking
                    role: participant
                    gateway_certificates: [ operator.pem ]
                    addresses: [ { address: c4tap@bank-a.example, certificates: [ operator.pem ] } ]
                  - id: secretariat
                    role: secretariat
                    addresses: [ { address: soc@nisc.example, certificates: [ nisc.pem ] } ]
                  - id: power-b
                    sector: electric_power
                    role: participant
                    addresses: [ { address: soc@power-b.example, certificates: [ power.pem ] } ]
                  - id: analysts
                    role: analyst
                    addresses: [ { address: lab@analysis.example, certificates: [ analysts.pem ] } ]
                """);
        return files;
    }

    Path path(String file) {
        return directory.resolve(file);
    }

    private void keystore(String name) throws Exception {
        CertificateAuthority.Issued issued = TestPki.key(name);
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        store.setKeyEntry(name, issued.key(), PASSWORD.toCharArray(), new Certificate[] {issued.certificate(), issued.issuer()});
        try (OutputStream out = Files.newOutputStream(directory.resolve(name + ".p12"))) {
            store.store(out, PASSWORD.toCharArray());
        }
    }
}
