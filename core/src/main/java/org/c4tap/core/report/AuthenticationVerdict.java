package org.c4tap.core.report;

/**
 * One result of an Authentication-Results field (RFC 8601), such as {@code spf=fail
 * smtp.mailfrom=evil.example}.
 *
 * @param server     the authserv-id that wrote the field
 * @param method     spf, dkim, dmarc, arc…, lower case
 * @param result     pass, fail, softfail, none, neutral, temperror, permerror…, lower case
 * @param properties the properties as written (smtp.mailfrom=…, header.d=…), or empty
 */
public record AuthenticationVerdict(String server, String method, String result, String properties) {
}
