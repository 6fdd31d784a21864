package org.c4tap.core.report;

/** A report document that cannot be read as a C⁴TAP report. The message never quotes the document. */
public final class ReportFormatException extends Exception {

    public ReportFormatException(String message) {
        super(message);
    }

    public ReportFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
