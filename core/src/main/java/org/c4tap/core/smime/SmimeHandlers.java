package org.c4tap.core.smime;

import jakarta.activation.CommandMap;
import jakarta.activation.MailcapCommandMap;
import java.util.concurrent.Callable;

/**
 * BouncyCastle's S/MIME classes write and read their MIME parts through Jakarta Activation content
 * handlers. We register those handlers once, additively (as James's own crypto mailets do), and
 * run every S/MIME operation with this library's class loader as the thread's context class
 * loader, because a mail server loads extensions in a child class loader that Activation would not
 * otherwise search. Nothing BouncyCastle-typed leaves such a scope: results are turned into plain
 * MIME bytes first.
 */
final class SmimeHandlers {

    private static final String[] ENTRIES = {
        "application/pkcs7-signature;; x-java-content-handler=org.bouncycastle.mail.smime.handlers.pkcs7_signature",
        "application/pkcs7-mime;; x-java-content-handler=org.bouncycastle.mail.smime.handlers.pkcs7_mime",
        "application/x-pkcs7-signature;; x-java-content-handler=org.bouncycastle.mail.smime.handlers.x_pkcs7_signature",
        "application/x-pkcs7-mime;; x-java-content-handler=org.bouncycastle.mail.smime.handlers.x_pkcs7_mime",
        "multipart/signed;; x-java-content-handler=org.bouncycastle.mail.smime.handlers.multipart_signed",
    };

    private static volatile boolean registered;

    private SmimeHandlers() {
    }

    static <T> T call(Callable<T> operation) throws Exception {
        register();
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(SmimeHandlers.class.getClassLoader());
        try {
            return operation.call();
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    private static void register() {
        if (registered) {
            return;
        }
        synchronized (SmimeHandlers.class) {
            if (!registered) {
                CommandMap current = CommandMap.getDefaultCommandMap();
                if (current instanceof MailcapCommandMap mailcap) {
                    for (String entry : ENTRIES) {
                        mailcap.addMailcap(entry);
                    }
                    CommandMap.setDefaultCommandMap(mailcap);
                }
                registered = true;
            }
        }
    }
}
