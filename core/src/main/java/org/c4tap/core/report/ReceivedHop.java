package org.c4tap.core.report;

/**
 * One hop of a reported mail's Received chain, newest first as the headers list them.
 *
 * @param from the host the relay says it received from (HELO or reverse name), or empty
 * @param by   the host that added the field, or empty
 * @param ip   the first IP literal of the from clause, or empty
 * @param with the protocol (ESMTP, ESMTPS…), or empty
 * @param time the date after the semicolon, as written, or empty
 */
public record ReceivedHop(String from, String by, String ip, String with, String time) {

    public ReceivedHop {
        from = from == null ? "" : from;
        by = by == null ? "" : by;
        ip = ip == null ? "" : ip;
        with = with == null ? "" : with;
        time = time == null ? "" : time;
    }
}
