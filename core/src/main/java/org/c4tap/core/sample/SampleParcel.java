package org.c4tap.core.sample;

import java.util.List;
import java.util.Objects;
import org.c4tap.core.report.ReportId;

/**
 * The samples of one report, as they travel: which report, what is in the zip, and the zip. The
 * zip's entries are encrypted with {@link SampleZip#PASSWORD}; the parcel itself only ever travels
 * inside S/MIME encryption, and only to analysts.
 */
public record SampleParcel(ReportId reportId, List<Entry> entries, List<String> omitted, byte[] zip) {

    /** One sample in the zip: its entry name, its original file name, its SHA-256 and size. */
    public record Entry(String file, String filename, String sha256, long size) {
    }

    public SampleParcel {
        Objects.requireNonNull(reportId, "reportId");
        entries = List.copyOf(entries);
        omitted = List.copyOf(omitted);
        Objects.requireNonNull(zip, "zip");
    }

    /** Packs {@code samples} for {@code reportId}; {@code omitted} says what was left out and why. */
    public static SampleParcel pack(ReportId reportId, List<Sample> samples, List<String> omitted) {
        List<Entry> entries = samples.stream()
                .map(sample -> new Entry(SampleZip.entryName(sample), sample.filename(), sample.sha256(), sample.bytes().length))
                .toList();
        return new SampleParcel(reportId, entries, omitted, SampleZip.pack(samples));
    }

    @Override
    public String toString() {
        return "SampleParcel[" + reportId + ", " + entries.size() + " samples, " + zip.length + " bytes]";
    }
}
