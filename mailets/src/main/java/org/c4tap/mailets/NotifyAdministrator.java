package org.c4tap.mailets;

import jakarta.mail.MessagingException;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.james.core.MailAddress;
import org.apache.mailet.Mail;
import org.apache.mailet.base.GenericMailet;
import org.c4tap.core.alert.AdministratorNotice;

/**
 * Tells an administrator that a mail was stopped: the reason ({@code c4tap.failure.reason}, or the
 * container's error for unexpected failures), the mail's name and where it is kept. The notice
 * never carries the mail's content. Place it in error processors, before {@code ToRepository}.
 *
 * <p>A mail that was kept before and comes back (a WebAdmin reprocessing) is given a new name here
 * ({@code <name>-kept2}, {@code -kept3}…), so that it is kept again beside the mail it was resent
 * from, never in its place: each stop keeps its own record, and WebAdmin's removal of the old key
 * after enqueueing (unless told {@code consume=false}) cannot take the copy kept again.
 *
 * <pre>{@code
 * <mailet match="All" class="org.c4tap.mailets.NotifyAdministrator">
 *     <repository>file://var/mail/c4tap-error/</repository>
 *     <to>postmaster@bank-a.example</to>               <!-- one or more, comma separated; defaults to the postmaster -->
 * </mailet>
 * }</pre>
 */
public class NotifyAdministrator extends GenericMailet {

    static final String TO = "to";
    static final String FROM = "from";
    static final String REPOSITORY = "repository";
    private static final int MAX_DETAIL = 500;
    private static final Pattern KEPT_AGAIN = Pattern.compile("(.*)-kept(\\d{1,6})");

    private List<MailAddress> to;
    private AddressOrPostmaster from;
    private String repository;

    @Override
    public void init() throws MessagingException {
        checkInitParameters(Set.of(TO, FROM, REPOSITORY));
        InitParameters parameters = new InitParameters(getMailetConfig());
        to = new java.util.ArrayList<>();
        String configured = parameters.optional(TO, null);
        if (configured != null) {
            for (String address : configured.split("[,\\s]+")) {
                if (!address.isBlank()) {
                    try {
                        to.add(new MailAddress(address.strip()));
                    } catch (Exception e) {
                        throw parameters.error("<" + TO + "> '" + address + "' is not a mail address");
                    }
                }
            }
        }
        from = AddressOrPostmaster.read(parameters, FROM, getMailetContext());
        repository = parameters.required(REPOSITORY);
    }

    @Override
    public void service(Mail mail) throws MessagingException {
        nameForKeeping(mail);
        String reason = MailAttributes.get(mail, MailAttributes.FAILURE_REASON).orElse("processing_error");
        String detail = MailAttributes.get(mail, MailAttributes.FAILURE_DETAIL)
                .orElse(mail.getErrorMessage() == null ? "" : mail.getErrorMessage());
        AdministratorNotice notice = new AdministratorNotice(reason, singleLine(detail), mail.getName(),
                MailAttributes.get(mail, MailAttributes.REPORT_ID).orElse(""), repository);
        MailAddress sender = from.get();
        // without <to>, the postmaster, asked for now: James sets it after init()
        List<MailAddress> recipients = to.isEmpty() ? List.of(new AddressOrPostmaster(java.util.Optional.empty(), getMailetContext()).get()) : to;
        getMailetContext().sendMail(sender, recipients, notice.compose(sender.asString(),
                String.join(", ", recipients.stream().map(MailAddress::asString).toList())));
    }

    static void nameForKeeping(Mail mail) {
        String name = mail.getName();
        if (MailAttributes.get(mail, MailAttributes.KEPT_AS).filter(name::equals).isPresent()) {
            Matcher again = KEPT_AGAIN.matcher(name);
            name = again.matches()
                    ? again.group(1) + "-kept" + (Integer.parseInt(again.group(2)) + 1)
                    : name + "-kept2";
            mail.setName(name);
        }
        MailAttributes.set(mail, MailAttributes.KEPT_AS, name);
    }

    private static String singleLine(String text) {
        String line = text.replaceAll("[\\r\\n\\t]+", " ").strip();
        return line.length() > MAX_DETAIL ? line.substring(0, MAX_DETAIL) + "…" : line;
    }

    @Override
    public String getMailetInfo() {
        return "C4TAP NotifyAdministrator: a content-free notice that a mail was stopped";
    }
}
