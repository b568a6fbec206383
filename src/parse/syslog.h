/*
 * syslog.h - the header that syslog daemons, journalctl and ulogd2 put in
 * front of a message.
 *
 * Recognised: an optional <PRI>, then one of
 *   RFC 5424   "1 2024-03-03T10:00:00.000Z host app procid msgid SD msg"
 *   RFC 3164   "Mar  3 10:00:00 host tag: msg" (also "Mar 03", fractional
 *              seconds as journalctl -o short-precise writes them, and a
 *              year after the day as Cisco writes it: "Mar 03 2024 10:00:10")
 *   ISO        "2024-03-03T10:00:03.000Z host tag: msg" (rsyslog's high
 *              precision file format, journalctl -o short-iso)
 * A kernel uptime stamp "[86400.123456]" after the tag is skipped too.
 */
#ifndef SCANSPOT_SYSLOG_H
#define SCANSPOT_SYSLOG_H

#include <stdbool.h>
#include <stddef.h>

#include "../core/event.h"
#include "../core/timeutil.h"

struct syslog_hdr {
	struct civil time;
	bool has_time;
	bool bad_time;		/* the header starts with a time that cannot be
				   read ("Mar 41 10:00:00"): a record dated by
				   its header is then malformed */
	struct str host;	/* empty when absent */
	struct str tag;		/* program name without pid, may be empty */
	size_t msg;		/* offset of the message in the line */
};

/*
 * Parses the header of line[0..n).  Returns true when a header was found;
 * false when the line does not start with one, in which case h->msg is 0
 * and the whole line is the message.  A header whose time has the shape of
 * one of the forms above but not a valid value is still a header, without
 * a time and with bad_time set.  Never reads past n.
 */
bool syslog_parse(const char *line, size_t n, struct syslog_hdr *h);

/*
 * Reads an RFC 3164 style time "Mmm dd [yyyy ]hh:mm:ss[.fraction]" at the
 * start of s[0..n) into *c (no offset; a year only when written).  Returns
 * the number of bytes read, 0 when s does not start with such a time.
 * Whatever follows is not checked.  CEF uses it for its "MMM dd yyyy
 * HH:mm:ss" times.
 */
size_t syslog_parse_bsd_time(const char *s, size_t n, struct civil *c);

/* The reason for a record dated by a header whose time is bad. */
#define SYSLOG_BAD_TIME "bad time in the syslog header"

/*
 * Dates ev by the header's time, for a record without a time of its own.
 * Returns NULL when ev is dated or the header has no time at all, and
 * SYSLOG_BAD_TIME when its time cannot be read or placed.
 */
const char *syslog_date(struct time_ctx *tc, const struct syslog_hdr *h,
    struct event *ev);

#endif
