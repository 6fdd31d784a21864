package org.c4tap.core.report;

import org.c4tap.core.scope.Part;

/** The content of one part of a report. Each kind of content belongs to exactly one part. */
public sealed interface PartContent
        permits OriginalHeaders, AttachmentList, Indicators, BodyExcerpt, SpamAnalysis, ReporterIdentity,
                ProviderName, ProviderSector {

    Part part();
}
