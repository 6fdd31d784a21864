package org.c4tap.matchers;

import jakarta.mail.MessagingException;
import java.util.Collection;
import java.util.List;
import org.apache.james.core.MailAddress;
import org.apache.mailet.Mail;
import org.apache.mailet.base.GenericMatcher;

/**
 * Matches every recipient of a mail whose top-level entity is S/MIME encrypted
 * ({@code application/pkcs7-mime} enveloped or authEnveloped data). Guard outbound relays with it,
 * so that nothing but sealed mail can leave:
 *
 * <pre>{@code
 * <mailet match="org.c4tap.matchers.IsEncrypted" class="RemoteDelivery">…</mailet>
 * <mailet match="All" class="ToProcessor"><processor>c4tap-error</processor></mailet>
 * }</pre>
 */
public class IsEncrypted extends GenericMatcher {

    @Override
    public Collection<MailAddress> match(Mail mail) throws MessagingException {
        return SmimeContentType.isEncrypted(mail.getMessage()) ? mail.getRecipients() : List.of();
    }

    @Override
    public String getMatcherInfo() {
        return "C4TAP: S/MIME encrypted mail";
    }
}
