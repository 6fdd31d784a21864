package org.c4tap.core.inspection;

import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;
import java.util.function.LongSupplier;
import org.apache.tika.mime.MediaType;

/**
 * Learns what an attachment is without executing it or extracting it to disk: its media type by
 * magic, the flags its name and content raise, and, for archives, a bounded listing of what they
 * hold with the fingerprints of the entries that could be read. Nothing an attachment contains
 * makes it throw; what it could not read is noted in the result.
 *
 * <p>Immutable and safe to share between threads.
 */
public final class Inspector {

    private static final String ATTACHMENT = "attachment";

    private final InspectionLimits limits;
    private final LongSupplier nanoTime;

    public Inspector(InspectionLimits limits) {
        this(limits, System::nanoTime);
    }

    /** With another clock, so that tests can run out of time at will. */
    Inspector(InspectionLimits limits, LongSupplier nanoTime) {
        this.limits = Objects.requireNonNull(limits, "limits");
        this.nanoTime = Objects.requireNonNull(nanoTime, "nanoTime");
    }

    /**
     * Inspects one attachment.
     *
     * @param content      its decoded bytes; never null
     * @param filename     its file name as the mail gave it, or null
     * @param declaredType its declared media type, or null
     */
    public Inspection inspect(byte[] content, String filename, String declaredType) {
        Objects.requireNonNull(content, "content");
        Examination examination = new Examination(limits, nanoTime);
        MediaType detected = MagicType.of(content);
        Findings findings = examination.examine(content, filename == null ? "" : filename, ATTACHMENT, 0);
        Set<Flag> flags = EnumSet.noneOf(Flag.class);
        flags.addAll(findings.flags());
        if (MagicType.contradicts(declaredType, detected)) {
            flags.add(Flag.TYPE_MISMATCH);
        }
        return new Inspection(detected.toString(), flags, findings.listing(), examination.notes(),
                examination.budget().bytesSpent());
    }
}
