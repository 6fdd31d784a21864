package org.c4tap.mailets;

import jakarta.inject.Inject;
import jakarta.mail.MessagingException;
import java.util.Set;
import org.apache.james.mailrepository.api.MailRepositoryStore;
import org.apache.james.mailrepository.api.MailRepositoryUrl;
import org.apache.mailet.Mail;
import org.apache.mailet.base.GenericMailet;

/**
 * Council gateway, the last step of a report: records in {@link ArchiveReport}'s archive that the
 * report's notices are all queued, so that from now on a copy of it is a duplicate. It stands after
 * the distributing mailet, which sends a report it could not distribute in full to its error
 * processor, past this step: such a report stays open in the archive, and a resend from the error
 * repository, or the spool's redelivery after a stop, distributes it again.
 *
 * <pre>{@code
 * <mailet match="All" class="org.c4tap.mailets.MarkDistributed">
 *     <repositoryPath>file://var/mail/c4tap-reports/</repositoryPath>   <!-- ArchiveReport's -->
 * </mailet>
 * }</pre>
 */
public class MarkDistributed extends GenericMailet {

    private final MailRepositoryStore repositories;
    private ReportArchive archive;

    @Inject
    public MarkDistributed(MailRepositoryStore repositories) {
        this.repositories = repositories;
    }

    @Override
    public void init() throws MessagingException {
        checkInitParameters(Set.of(ArchiveReport.REPOSITORY_PATH));
        InitParameters parameters = new InitParameters(getMailetConfig());
        String path = parameters.required(ArchiveReport.REPOSITORY_PATH);
        try {
            archive = new ReportArchive(repositories.select(MailRepositoryUrl.from(path)));
        } catch (Exception e) {
            throw parameters.error("cannot open the repository " + path + ": " + e.getMessage());
        }
    }

    @Override
    public void service(Mail mail) throws MessagingException {
        archive.markDistributed(ReportArchive.key(mail, "MarkDistributed"));
    }

    @Override
    public String getMailetInfo() {
        return "C4TAP MarkDistributed: records in the report archive that a report's notices are all queued";
    }
}
