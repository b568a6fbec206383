/*
 * winfw.c - the Windows Defender Firewall log, pfirewall.log.
 *
 * The file is a W3C extended log: "#Version:", "#Software:", "#Time
 * Format:" and "#Fields:" header lines, then one record per line with
 * space-separated values in the order the "#Fields:" line names, "-" for
 * a value that does not apply.  The format is read per file: the stream's
 * state keeps the column order and the zone of the times, so a file whose
 * header names the columns in another order, or with more of them (the
 * "pid" of newer systems), is read right.  Records borrow from the line.
 * docs/formats.md, section Windows Defender Firewall, is the contract.
 */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "../core/action.h"
#include "format.h"

#define WINFW_COLS_MAX 64	/* columns tracked; later ones are ignored */
#define WINFW_SNIFF_LINES 50
#define WINFW_TIME_MAX 64	/* longest "date time" text read */

/* The columns the event is made of. */
enum winfw_field {
	WF_DATE, WF_TIME, WF_ACTION, WF_PROTO, WF_SRC, WF_DST, WF_SPORT,
	WF_DPORT, WF_PATH, WF_COUNT
};

static const char *const winfw_names[WF_COUNT] = {
	"date", "time", "action", "protocol", "src-ip", "dst-ip", "src-port",
	"dst-port", "path",
};

/* Version 1.5 as Windows writes it, for records before any "#Fields:". */
static const char winfw_default_fields[] = "date time action protocol "
    "src-ip dst-ip src-port dst-port size tcpflags tcpsyn tcpack tcpwin "
    "icmptype icmpcode info path";

struct winfw_state {
	signed char field[WINFW_COLS_MAX];	/* column -> field, or -1 */
	size_t ncols;
	bool utc;		/* "#Time Format: UTC" */
	bool seen_line;		/* past the first line: no BOM check */
};

static bool
winfw_is_space(char c)
{
	return c == ' ' || c == '\t';
}

static size_t
winfw_skip_spaces(const char *s, size_t n, size_t i)
{
	while (i < n && winfw_is_space(s[i]))
		i++;
	return i;
}

static size_t
winfw_token_end(const char *s, size_t n, size_t i)
{
	while (i < n && !winfw_is_space(s[i]))
		i++;
	return i;
}

static bool
winfw_starts(const char *s, size_t n, const char *lit)
{
	size_t k = strlen(lit);

	return n >= k && strncasecmp(s, lit, k) == 0;
}

/* Sets the column order from the names in s[0..n). */
static void
winfw_set_fields(struct winfw_state *st, const char *s, size_t n)
{
	size_t i = 0, e, k = 0;
	int f;

	while ((i = winfw_skip_spaces(s, n, i)) < n) {
		e = winfw_token_end(s, n, i);
		if (k < WINFW_COLS_MAX) {
			st->field[k] = -1;
			for (f = 0; f < WF_COUNT; f++)
				if (strlen(winfw_names[f]) == e - i &&
				    strncasecmp(winfw_names[f], s + i,
				    e - i) == 0)
					st->field[k] = (signed char)f;
		}
		k++;
		i = e;
	}
	st->ncols = k;
}

/* Returns a new stream state with the default columns, or NULL. */
static void *
winfw_state_new(void)
{
	struct winfw_state *st = calloc(1, sizeof(*st));

	if (st != NULL)
		winfw_set_fields(st, winfw_default_fields,
		    sizeof(winfw_default_fields) - 1);
	return st;
}

/* Frees a stream state; NULL is harmless. */
static void
winfw_state_free(void *st)
{
	free(st);
}

/* Reads a header line: "#Fields:" sets the columns, "#Time Format:" the
 * zone; the others say nothing the event needs. */
static enum parse_status
winfw_header(struct parse_ctx *ctx, struct winfw_state *st, const char *s,
    size_t n)
{
	size_t i, e;

	if (winfw_starts(s, n, "#Fields:")) {
		winfw_set_fields(st, s + 8, n - 8);
	} else if (winfw_starts(s, n, "#Time Format:")) {
		i = winfw_skip_spaces(s, n, 13);
		e = winfw_token_end(s, n, i);
		st->utc = e - i == 3 && strncasecmp(s + i, "UTC", 3) == 0;
	}
	ctx->reason = "header";
	return PARSE_SKIP;
}

/* Splits a record into the values of the columns the event uses; "-" and
 * missing columns are left empty.  Returns the number of values. */
static size_t
winfw_split(const struct winfw_state *st, const char *s, size_t n,
    struct str *v)
{
	size_t i = 0, e, k = 0;

	memset(v, 0, WF_COUNT * sizeof(*v));
	while ((i = winfw_skip_spaces(s, n, i)) < n) {
		e = winfw_token_end(s, n, i);
		if (k < st->ncols && k < WINFW_COLS_MAX && st->field[k] >= 0 &&
		    !(e - i == 1 && s[i] == '-'))
			v[st->field[k]] = (struct str){ s + i, e - i };
		k++;
		i = e;
	}
	return k;
}

static bool
winfw_is(struct str v, const char *lit)
{
	return v.n == strlen(lit) && strncasecmp(v.p, lit, v.n) == 0;
}

/* Reads a port; an absent value is fine. */
static bool
winfw_port(struct str v, uint16_t *port, bool *has)
{
	uint32_t x = 0;

	if (v.n == 0)
		return true;
	if (v.n > 5)
		return false;
	for (size_t i = 0; i < v.n; i++) {
		if (v.p[i] < '0' || v.p[i] > '9')
			return false;
		x = x * 10 + (uint32_t)(v.p[i] - '0');
	}
	if (x > 65535)
		return false;
	*port = (uint16_t)x;
	*has = true;
	return true;
}

/* Fills addresses, ports and protocol; returns the error, or NULL. */
static const char *
winfw_network(const struct str *v, struct event *ev)
{
	int proto;

	if (v[WF_SRC].n > 0 &&
	    !(ev->has_src = addr_parse(v[WF_SRC].p, v[WF_SRC].n, &ev->src)))
		return "bad source address";
	if (v[WF_DST].n > 0 &&
	    !(ev->has_dst = addr_parse(v[WF_DST].p, v[WF_DST].n, &ev->dst)))
		return "bad destination address";
	if (!winfw_port(v[WF_SPORT], &ev->sport, &ev->has_sport))
		return "bad source port";
	if (!winfw_port(v[WF_DPORT], &ev->dport, &ev->has_dport))
		return "bad destination port";
	if (v[WF_PROTO].n > 0) {
		if ((proto = proto_parse(v[WF_PROTO].p, v[WF_PROTO].n)) == -2)
			return "bad protocol";
		ev->proto = (int16_t)proto;
	}
	return NULL;
}

/* Sets the time from the date and time columns, local unless the header
 * said UTC.  Returns false when they are present but unreadable. */
static bool
winfw_time(struct parse_ctx *ctx, const struct winfw_state *st,
    const struct str *v, struct event *ev)
{
	char buf[WINFW_TIME_MAX];
	struct civil c;
	size_t dn = v[WF_DATE].n, tn = v[WF_TIME].n;

	if (dn == 0 || tn == 0)
		return true;
	if (dn + 1 + tn > sizeof(buf))
		return false;
	memcpy(buf, v[WF_DATE].p, dn);
	buf[dn] = 'T';
	memcpy(buf + dn + 1, v[WF_TIME].p, tn);
	if (!time_parse_iso(buf, dn + 1 + tn, &c))
		return false;
	if (st->utc && !c.has_offset)
		c.has_offset = true, c.offset = 0;
	if (!time_ctx_resolve(&ctx->time, &c, &ev->time))
		return false;
	ev->has_time = true;
	return true;
}

/* One record line. */
static enum parse_status
winfw_record(struct parse_ctx *ctx, const struct winfw_state *st,
    const char *s, size_t n, struct event *ev)
{
	struct str v[WF_COUNT];
	const char *err;

	if (winfw_split(st, s, n, v) < st->ncols)
		return ctx->reason = "fewer fields than #Fields names",
		    PARSE_MALFORMED;
	if (winfw_is(v[WF_ACTION], "INFO-EVENTS-LOST"))
		return ctx->reason = "events lost notice", PARSE_SKIP;
	if (winfw_is(v[WF_PATH], "SEND"))
		return ctx->reason = "outbound record (path SEND)",
		    PARSE_SKIP;
	if ((err = winfw_network(v, ev)) != NULL)
		return ctx->reason = err, PARSE_MALFORMED;
	if (!winfw_time(ctx, st, v, ev))
		return ctx->reason = "bad date or time", PARSE_MALFORMED;
	ev->action = v[WF_ACTION];
	if (winfw_is(ev->action, "OPEN") ||
	    winfw_is(ev->action, "OPEN-INBOUND") ||
	    winfw_is(ev->action, "CLOSE"))
		ev->verdict = ACTION_ALLOW;	/* Windows XP's sessions */
	ev->vendor = (struct str){ "Microsoft", 9 };
	ev->product = (struct str){ "Windows Firewall", 16 };
	return PARSE_OK;
}

static enum parse_status
winfw_parse(struct parse_ctx *ctx, const char *line, size_t n,
    struct event *ev)
{
	struct winfw_state *st = ctx->state;

	event_clear(ev);
	if (st == NULL)
		return ctx->reason = "out of memory", PARSE_MALFORMED;
	if (!st->seen_line && n >= 3 && memcmp(line, "\xef\xbb\xbf", 3) == 0)
		line += 3, n -= 3;
	st->seen_line = true;
	while (n > 0 && (line[n - 1] == '\r' || winfw_is_space(line[n - 1])))
		n--;
	if (winfw_skip_spaces(line, n, 0) == n)
		return ctx->reason = "empty line", PARSE_SKIP;
	if (line[0] == '#')
		return winfw_header(ctx, st, line, n);
	return winfw_record(ctx, st, line, n, ev);
}

/* True for "yyyy-mm-dd hh:mm:ss ACTION " at the start of s. */
static bool
winfw_record_like(const char *s, size_t n)
{
	static const char shape[] = "dddd-dd-dd dd:dd:dd ";
	size_t k = sizeof(shape) - 1;

	if (n <= k)
		return false;
	for (size_t i = 0; i < k; i++)
		if (shape[i] == 'd' ? s[i] < '0' || s[i] > '9' :
		    s[i] != shape[i])
			return false;
	s += k, n -= k;
	return winfw_starts(s, n, "DROP ") || winfw_starts(s, n, "ALLOW ") ||
	    winfw_starts(s, n, "OPEN ") || winfw_starts(s, n, "CLOSE ") ||
	    winfw_starts(s, n, "OPEN-INBOUND ") ||
	    winfw_starts(s, n, "INFO-EVENTS-LOST ");
}

/* True for a "#Fields:" line naming this log's columns, not an IIS one. */
static bool
winfw_fields_like(const char *s, size_t n)
{
	return winfw_starts(s, n, "#Fields:") &&
	    memmem(s, n, " action", 7) != NULL &&
	    memmem(s, n, " src-ip", 7) != NULL &&
	    memmem(s, n, " dst-ip", 7) != NULL;
}

/*
 * The "#Software: Microsoft Windows Firewall" header (or "... Internet
 * Connection Firewall", Windows XP's) is certain, a
 * "#Fields:" line with action, src-ip and dst-ip nearly so; a file without
 * its header scores by the share of lines that look like records.
 */
static int
winfw_sniff(const char *head, size_t n)
{
	const char *p = head, *end = head + n, *nl;
	unsigned lines = 0, good = 0;
	size_t len;

	if (n >= 3 && memcmp(p, "\xef\xbb\xbf", 3) == 0)
		p += 3;
	while (p < end && lines < WINFW_SNIFF_LINES) {
		nl = memchr(p, '\n', (size_t)(end - p));
		len = nl != NULL ? (size_t)(nl - p) : (size_t)(end - p);
		if (winfw_starts(p, len, "#Software: Microsoft Windows "
		    "Firewall") || winfw_starts(p, len, "#Software: Microsoft "
		    "Internet Connection Firewall"))
			return 100;
		if (winfw_fields_like(p, len))
			return 95;
		if (len > 0 && p[0] != '#' && (nl != NULL || lines == 0)) {
			lines++;
			good += winfw_record_like(p, len);
		}
		if (nl == NULL)
			break;
		p = nl + 1;
	}
	return good == 0 ? 0 : (int)(30 + 50 * good / lines);
}

const struct format format_winfw = {
	.name = "winfw",
	.title = "Windows Defender Firewall log (pfirewall.log, W3C header)",
	.sniff = winfw_sniff,
	.line_based = false,
	.state_new = winfw_state_new,
	.state_free = winfw_state_free,
	.parse = winfw_parse,
};
