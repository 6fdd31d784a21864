package org.c4tap.cli.command;

import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.c4tap.core.message.MimeParts;
import org.c4tap.core.privacy.Pseudonyms;
import picocli.CommandLine.Option;

/**
 * Which domains are the operator's own, whose addresses and hosts become pseudonyms in every part
 * wider than RED, as the gateway does with its local domains. Without {@code --internal-domain},
 * the domain of the submission's sender (the reporting employee) is taken: a command must not
 * show a wider audience more than the gateway would.
 */
final class PseudonymOptions {

    @Option(names = "--internal-domain", paramLabel = "DOMAIN",
            description = "the operator's own domain (repeatable; default: the submission sender's domain): its addresses and hosts become pseudonyms in parts wider than RED")
    List<String> internalDomains = new ArrayList<>();

    @Option(names = "--pseudonym-secret-file", paramLabel = "FILE",
            description = "the gateway's pseudonym secret, for the same pseudonyms the gateway would write")
    Path pseudonymSecret;

    Pseudonyms pseudonyms(Path submission) throws Exception {
        Set<String> domains = new HashSet<>();
        internalDomains.forEach(domain -> domains.add(domain.strip().toLowerCase(Locale.ROOT)));
        if (domains.isEmpty()) {
            senderDomain(submission).ifPresent(domains::add);
        }
        if (domains.isEmpty()) {
            return Pseudonyms.none();
        }
        return pseudonymSecret == null ? Pseudonyms.ephemeral(domains::contains)
                : new Pseudonyms(Files.readAllBytes(pseudonymSecret), domains::contains);
    }

    private static java.util.Optional<String> senderDomain(Path submission) throws Exception {
        MimeMessage carrier;
        try (InputStream in = Files.newInputStream(submission)) {
            carrier = new MimeMessage(MimeParts.session(), in);
        }
        String[] from = carrier.getHeader("From");
        InternetAddress[] parsed = from == null ? new InternetAddress[0] : InternetAddress.parseHeader(from[0], false);
        if (parsed.length == 0 || parsed[0].getAddress() == null || parsed[0].getAddress().indexOf('@') < 0) {
            return java.util.Optional.empty();
        }
        String address = parsed[0].getAddress();
        return java.util.Optional.of(address.substring(address.lastIndexOf('@') + 1).toLowerCase(Locale.ROOT));
    }
}
