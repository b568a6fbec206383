/*
 * fastlog.c - the one-line alerts of Snort and Suricata: the "fast" alert
 * file (alert_fast, fast.log) and the same alert sent through syslog.
 *
 *   03/03-10:00:13.123456  [**] [1:2000001:1] ET SCAN Example [**]
 *   [Classification: Attempted Information Leak] [Priority: 2]
 *   {TCP} 203.0.113.101:55555 -> 192.0.2.33:5900
 *
 * (one line).  An alert says a signature matched; only an inline drop
 * marker ("[Drop]", Snort 3's "[drop]", "[block]", "[reset]") makes it a
 * deny.  docs/formats.md, section Snort and Suricata fast alerts, is the
 * contract.  Everything borrows from the line.
 */
#include <string.h>
#include <strings.h>

#include "../core/action.h"
#include "format.h"
#include "syslog.h"

/* Marker tags before the rule id and the class each gives. */
static const struct fast_tag {
	const char *word;
	enum action_class class;
} fast_tags[] = {
	{ "drop", ACTION_DENY },	/* Snort 2, Suricata IPS; Snort 3 */
	{ "block", ACTION_DENY },
	{ "reset", ACTION_DENY },
	{ "reject", ACTION_DENY },
	{ "force_drop", ACTION_DENY },
	{ "force_block", ACTION_DENY },
	{ "force_reset", ACTION_DENY },
	{ "wdrop", ACTION_OTHER },	/* would drop, but not inline */
	{ "would_drop", ACTION_OTHER },
	{ "would_block", ACTION_OTHER },
	{ "would_reset", ACTION_OTHER },
	{ "cant_drop", ACTION_OTHER },
	{ "cant_block", ACTION_OTHER },
	{ "cant_reset", ACTION_OTHER },
	{ "hold", ACTION_OTHER },
	{ "retry", ACTION_OTHER },
	{ "allow", ACTION_ALLOW },
	{ "pass", ACTION_ALLOW },
};

/* What the line was written by: names the vendor, decides ports. */
enum fast_vendor { FAST_SNORT, FAST_SURICATA };

struct fast_line {
	struct civil time;
	bool has_time;
	bool bad_time;		/* the syslog header's is unreadable */
	struct str host;
	enum fast_vendor vendor;
	size_t pos;		/* where the alert body starts */
};

static bool
is_digit(char c)
{
	return c >= '0' && c <= '9';
}

/* Reads exactly k digits at s[*i]. */
static bool
fast_digits(const char *s, size_t n, size_t *i, int k, int *out)
{
	int v = 0;

	if (n - *i < (size_t)k)
		return false;
	for (int j = 0; j < k; j++, ++*i) {
		if (!is_digit(s[*i]))
			return false;
		v = v * 10 + (s[*i] - '0');
	}
	*out = v;
	return true;
}

/* Reads the optional "/YY" or "/YYYY" of the date; sets the vendor. */
static bool
fast_year(const char *s, size_t n, size_t *i, struct fast_line *fl)
{
	size_t start = *i + 1;
	size_t k = start;

	fl->vendor = FAST_SNORT;
	if (*i >= n || s[*i] != '/')
		return true;
	while (k < n && is_digit(s[k]))
		k++;
	if (k - start != 4 && k - start != 2)
		return false;
	*i = start;
	if (!fast_digits(s, n, i, (int)(k - start), &fl->time.year))
		return false;
	if (k - start == 4)
		fl->vendor = FAST_SURICATA;
	else
		fl->time.year += 2000;
	fl->time.has_year = true;
	return true;
}

/*
 * Reads the alert time "MM/DD[/YY|/YYYY]-HH:MM:SS[.ffffff]" at the start
 * of the line.  Returns the bytes read, 0 when there is no such time.
 */
static size_t
fast_time(const char *s, size_t n, struct fast_line *fl)
{
	struct civil *c = &fl->time;
	int32_t scale = 100000;
	size_t i = 0;

	memset(c, 0, sizeof(*c));
	if (!fast_digits(s, n, &i, 2, &c->mon) || i >= n || s[i++] != '/' ||
	    !fast_digits(s, n, &i, 2, &c->day) || !fast_year(s, n, &i, fl) ||
	    i >= n || s[i++] != '-' || !fast_digits(s, n, &i, 2, &c->hour) ||
	    i >= n || s[i++] != ':' || !fast_digits(s, n, &i, 2, &c->min) ||
	    i >= n || s[i++] != ':' || !fast_digits(s, n, &i, 2, &c->sec))
		return 0;
	if (i < n && s[i] == '.')
		for (i++; i < n && is_digit(s[i]); i++, scale /= 10)
			c->usec += (s[i] - '0') * scale;
	if (i < n && s[i] != ' ')
		return 0;
	fl->has_time = true;
	return i;
}

/* True for "[gid:sid:rev]" at s[0..n) (brackets included). */
static bool
fast_is_rule_id(const char *s, size_t n)
{
	int colons = 0;

	if (n < 7 || s[0] != '[' || s[n - 1] != ']')
		return false;
	for (size_t i = 1; i + 1 < n; i++) {
		if (s[i] == ':' && is_digit(s[i - 1]) && is_digit(s[i + 1]))
			colons++;
		else if (!is_digit(s[i]))
			return false;
	}
	return colons == 2;
}

/*
 * Reads the tags before the rule id: "[**]" and a marker such as "[Drop]"
 * (the first one is kept as the action).  Returns the offset just past
 * the rule id, or 0 when there is none.
 */
static size_t
fast_rule_id(const char *s, size_t n, size_t i, struct str *tag)
{
	*tag = STR_NULL;
	for (int k = 0; k < 4; k++) {
		const char *close;
		size_t len;

		while (i < n && s[i] == ' ')
			i++;
		if (i >= n || s[i] != '[' ||
		    (close = memchr(s + i, ']', n - i)) == NULL)
			return 0;
		len = (size_t)(close - (s + i)) + 1;
		if (fast_is_rule_id(s + i, len))
			return i + len;
		if (!(len == 4 && memcmp(s + i, "[**]", 4) == 0) &&
		    tag->n == 0)
			*tag = (struct str){ s + i + 1, len - 2 };
		i += len;
	}
	return 0;
}

/* Class of a marker tag; no tag is an alert, class other. */
static enum action_class
fast_tag_class(struct str tag)
{
	if (tag.n == 0)
		return ACTION_OTHER;
	for (size_t i = 0; i < sizeof(fast_tags) / sizeof(*fast_tags); i++)
		if (strlen(fast_tags[i].word) == tag.n &&
		    strncasecmp(fast_tags[i].word, tag.p, tag.n) == 0)
			return fast_tags[i].class;
	return ACTION_UNKNOWN;
}

static void
str_trim(struct str *s)
{
	while (s->n > 0 && s->p[0] == ' ')
		s->p++, s->n--;
	while (s->n > 0 && (s->p[s->n - 1] == ' ' || s->p[s->n - 1] == '\r'))
		s->n--;
}

/*
 * Reads one end of "src -> dst".  TCP, UDP and SCTP always carry a port,
 * split at the last colon (IPv6 addresses are written bare); Suricata
 * writes ":type"/":code" or ":0" after other protocols too, Snort nothing.
 */
static bool
fast_endpoint(struct str s, int proto, enum fast_vendor v, struct addr *a,
    uint16_t *port, bool *has_port)
{
	uint16_t p;

	str_trim(&s);
	if (proto == PROTO_TCP || proto == PROTO_UDP || proto == 132) {
		if (!addr_parse_hostport(s.p, s.n, a, port))
			return false;
		*has_port = true;
		return true;
	}
	if (v == FAST_SNORT && addr_parse(s.p, s.n, a))
		return true;
	return addr_parse_hostport(s.p, s.n, a, &p) ||
	    addr_parse(s.p, s.n, a);
}

/* Reads "{PROTO} src -> dst" from the last "{" on; false with a reason. */
static bool
fast_packet(struct parse_ctx *ctx, const char *s, size_t n,
    const struct fast_line *fl, struct event *ev)
{
	const char *open = memrchr(s, '{', n), *close, *arrow, *end = s + n;
	int proto;

	if (open == NULL || (close = memchr(open, '}', (size_t)(end - open)))
	    == NULL || (arrow = memmem(close, (size_t)(end - close), "->", 2))
	    == NULL)
		return ctx->reason = "no {protocol} and addresses", false;
	proto = proto_parse(open + 1, (size_t)(close - open - 1));
	if (proto == -2)
		return ctx->reason = "bad protocol number", false;
	ev->proto = (int16_t)proto;
	if (!fast_endpoint((struct str){ close + 1, (size_t)(arrow - close -
	    1) }, proto, fl->vendor, &ev->src, &ev->sport, &ev->has_sport))
		return ctx->reason = "bad source address or port", false;
	if (!fast_endpoint((struct str){ arrow + 2, (size_t)(end - arrow -
	    2) }, proto, fl->vendor, &ev->dst, &ev->dport, &ev->has_dport))
		return ctx->reason = "bad destination address or port", false;
	ev->has_src = ev->has_dst = true;
	return true;
}

/*
 * Finds where the alert starts: after the fast alert time, or after a
 * syslog header (Snort's and Suricata's syslog alert output).  Returns
 * false when the line has neither.
 */
static bool
fast_frame(const char *line, size_t n, struct fast_line *fl)
{
	struct syslog_hdr h;
	size_t t;

	memset(fl, 0, sizeof(*fl));
	if (n > 0 && is_digit(line[0]) && (t = fast_time(line, n, fl)) > 0) {
		fl->pos = t;
		return true;
	}
	if (memmem(line, n, "->", 2) == NULL || memchr(line, '{', n) == NULL ||
	    !syslog_parse(line, n, &h) || h.msg >= n)
		return false;
	fl->time = h.time, fl->has_time = h.has_time;
	fl->bad_time = h.bad_time;
	fl->host = h.host;
	fl->vendor = h.tag.n == 8 && strncasecmp(h.tag.p, "suricata", 8) == 0 ?
	    FAST_SURICATA : FAST_SNORT;
	fl->pos = h.msg;
	return true;
}

static enum parse_status
fastlog_parse(struct parse_ctx *ctx, const char *line, size_t n,
    struct event *ev)
{
	struct fast_line fl;
	struct str tag;
	size_t body;

	event_clear(ev);
	if (!fast_frame(line, n, &fl))
		return PARSE_NOT_MINE;
	if ((body = fast_rule_id(line, n, fl.pos, &tag)) == 0) {
		if (fl.host.n > 0 || memmem(line, n, "[**]", 4) == NULL)
			return PARSE_NOT_MINE;
		if (memmem(line, n, "[Raw pkt:", 9) != NULL)
			return ctx->reason = "decoder event without addresses",
			    PARSE_SKIP;
		return ctx->reason = "no [gid:sid:rev]", PARSE_MALFORMED;
	}
	if (!fast_packet(ctx, line + body, n - body, &fl, ev)) {
		if (memmem(line, n, "[Raw pkt:", 9) == NULL)
			return PARSE_MALFORMED;
		return ctx->reason = "decoder event without addresses",
		    PARSE_SKIP;
	}
	if (fl.bad_time)
		return ctx->reason = SYSLOG_BAD_TIME, PARSE_MALFORMED;
	if (fl.has_time &&
	    !time_ctx_resolve(&ctx->time, &fl.time, &ev->time))
		return ctx->reason = "bad time", PARSE_MALFORMED;
	ev->has_time = fl.has_time;
	ev->action = tag;
	ev->verdict = fast_tag_class(tag);
	ev->vendor = fl.vendor == FAST_SURICATA ?
	    (struct str){ "Suricata", 8 } : (struct str){ "Snort", 5 };
	ev->product = (struct str){ "fast alert", 10 };
	ev->device = fl.host;
	return PARSE_OK;
}

/* A head scores by the share of its first lines that are alerts. */
static int
fastlog_sniff(const char *head, size_t n)
{
	const char *p = head, *end = head + n, *nl;
	unsigned lines = 0, good = 0;
	struct fast_line fl;
	struct str tag;

	while (p < end && lines < 50) {
		size_t len;

		if ((nl = memchr(p, '\n', (size_t)(end - p))) == NULL) {
			if (lines > 0)
				break;
			nl = end;
		}
		len = (size_t)(nl - p);
		if (len > 0) {
			lines++;
			good += fast_frame(p, len, &fl) &&
			    fast_rule_id(p, len, fl.pos, &tag) > 0;
		}
		p = nl + 1;
	}
	return good == 0 ? 0 : (int)(30 + 65 * good / lines);
}

const struct format format_fastlog = {
	.name = "fast",
	.title = "Snort and Suricata fast alert lines",
	.sniff = fastlog_sniff,
	.line_based = true,
	.parse = fastlog_parse,
};
