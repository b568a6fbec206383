/*
 * zeek.c - Zeek conn.log, in its tab-separated form with "#" header lines
 * and in its JSON form (one object per line).
 *
 * A conn.log record is one connection, not a firewall verdict: the verdict
 * is read from the connection state that Zeek worked out (conn_state) and,
 * for TCP, from the history of flags the originator sent.  The table in
 * zeek_states below and docs/formats.md, section Zeek, say which states are
 * a failed or unanswered attempt.  The TSV header lines (#separator,
 * #fields, ...) are kept in the stream state; values borrow from the line.
 */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "../core/action.h"
#include "format.h"
#include "jsonscan.h"

/* The columns (TSV) or keys (JSON) the event is made of. */
enum zeek_col {
	ZC_TS, ZC_ORIG_H, ZC_ORIG_P, ZC_RESP_H, ZC_RESP_P, ZC_PROTO,
	ZC_STATE, ZC_HISTORY, ZC_IP_PROTO, ZC_SYSTEM, ZC_PATH, ZC_COUNT
};

static const char *const zeek_names[ZC_COUNT] = {
	"ts", "id.orig_h", "id.orig_p", "id.resp_h", "id.resp_p", "proto",
	"conn_state", "history", "ip_proto", "_system_name", "_path",
};

/*
 * Zeek's default conn.log columns, used for records that come before any
 * #fields line (a header-less file read with --format zeek).
 */
static const int zeek_default_cols[ZC_COUNT] = {
	0, 2, 3, 4, 5, 6, 11, 15, -1, -1, -1
};
#define ZEEK_DEFAULT_MIN 16	/* fields up to history */
#define ZEEK_DEFAULT_IP_PROTO 22	/* a 22nd column is ip_proto */

/* Longest #unset_field or #empty_field value kept. */
#define ZEEK_MARK_MAX 32

/*
 * Each conn_state value and its class.  refine: for TCP, the state
 * counts as a failed attempt only when the history shows the originator's
 * SYN and neither an ACK nor data from it (see zeek_refine()).
 */
static const struct zeek_state_class {
	const char *state;
	enum action_class class;
	bool refine;
} zeek_states[] = {
	{ "S0", ACTION_DENY, true },	/* attempt seen, no reply */
	{ "REJ", ACTION_DENY, false },	/* attempt rejected (RST) */
	{ "RSTOS0", ACTION_DENY, true },	/* SYN, then RST, no SYN-ACK */
	{ "SH", ACTION_DENY, true },	/* SYN, then FIN, no SYN-ACK */
	{ "SF", ACTION_ALLOW, false },	/* established and closed */
	{ "S1", ACTION_ALLOW, false },	/* established */
	{ "S2", ACTION_ALLOW, false },	/* established, orig closed */
	{ "S3", ACTION_ALLOW, false },	/* established, resp closed */
	{ "RSTO", ACTION_ALLOW, false },	/* established, orig reset */
	{ "RSTR", ACTION_ALLOW, false },	/* past the SYN, resp reset */
	{ "RSTRH", ACTION_OTHER, false },	/* SYN-ACK, RST; no SYN seen */
	{ "SHR", ACTION_OTHER, false },	/* SYN-ACK, FIN; no SYN seen */
	{ "OTH", ACTION_OTHER, false },	/* midstream, or not TCP/UDP */
};

struct zeek_state {
	char sep;
	char unset[ZEEK_MARK_MAX], empty[ZEEK_MARK_MAX];
	size_t unset_n, empty_n;
	int col[ZC_COUNT];	/* column of each field, or -1 */
	size_t ncols;
	bool has_fields;	/* a #fields line was read */
	bool other_path;	/* #path names a log other than conn */
};

/* The values of one record; an empty str is absent. */
struct zeek_rec {
	struct str v[ZC_COUNT];
};

static void *
zeek_state_new(void)
{
	struct zeek_state *st = calloc(1, sizeof(*st));

	if (st == NULL)
		return NULL;
	st->sep = '\t';
	memcpy(st->unset, "-", 1), st->unset_n = 1;
	memcpy(st->empty, "(empty)", 7), st->empty_n = 7;
	for (int c = 0; c < ZC_COUNT; c++)
		st->col[c] = -1;
	return st;
}

static void
zeek_state_free(void *p)
{
	free(p);
}

static bool
str_eq(struct str s, const char *lit)
{
	size_t n = strlen(lit);

	return s.n == n && memcmp(s.p, lit, n) == 0;
}

/*
 * Values.
 */

/* Reads digits 0..max, with an optional all-zero fraction. */
static bool
zeek_uint(struct str s, uint64_t max, uint64_t *out)
{
	struct jsonscan_value v = { s.p, s.n, JSONSCAN_STRING, false };

	return jsonscan_uint(&v, max, out);
}

/* True for a time masked by Zeek's test suite: "XXXXXXXXXX.XXXXXX". */
static bool
zeek_time_masked(struct str s)
{
	bool x = false;

	for (size_t i = 0; i < s.n; i++) {
		if (s.p[i] != 'X' && s.p[i] != '.')
			return false;
		x |= s.p[i] == 'X';
	}
	return x;
}

/*
 * Reads epoch time "1547188415.857497" (seconds, any fraction kept to
 * microseconds), or a whole number of 12 digits or more as milliseconds
 * (Zeek's JSON::TS_MILLIS).  Returns false on anything else.
 */
static bool
zeek_epoch(struct str s, int64_t *out)
{
	int64_t sec = 0, usec = 0, scale = 100000;
	size_t i = 0, digits;

	while (i < s.n && s.p[i] >= '0' && s.p[i] <= '9' && i < 16)
		sec = sec * 10 + (s.p[i++] - '0');
	if ((digits = i) == 0)
		return false;
	if (i == s.n) {
		*out = digits >= 12 ? sec * 1000 : sec * USEC_PER_SEC;
		return digits < 16;
	}
	if (s.p[i++] != '.' || i == s.n || digits > 11)
		return false;
	for (; i < s.n; i++, scale /= 10) {
		if (s.p[i] < '0' || s.p[i] > '9')
			return false;
		usec += (s.p[i] - '0') * scale;
	}
	*out = sec * USEC_PER_SEC + usec;
	return true;
}

/* Sets the event's time from ts.  Returns false when ts is unreadable. */
static bool
zeek_time(struct parse_ctx *ctx, struct str s, struct event *ev)
{
	struct civil c;

	if (s.n == 0 || zeek_time_masked(s))
		return true;	/* no time of its own */
	if (zeek_epoch(s, &ev->time)) {
		ctx->time.prev = ev->time;
		ctx->time.has_prev = true;
	} else if (!time_parse_iso(s.p, s.n, &c) ||
	    !time_ctx_resolve(&ctx->time, &c, &ev->time))
		return false;
	ev->has_time = true;
	return true;
}

/* Reads the protocol: ip_proto (the IP header's number) when present, else
 * the proto name; Zeek names ICMPv6 "icmp", so IPv6 makes it 58. */
static bool
zeek_proto(const struct zeek_rec *r, struct event *ev)
{
	uint64_t v;
	int p;

	if (r->v[ZC_IP_PROTO].n > 0) {
		if (!zeek_uint(r->v[ZC_IP_PROTO], 255, &v))
			return false;
		ev->proto = (int16_t)v;
		return true;
	}
	if (r->v[ZC_PROTO].n == 0)
		return true;
	if ((p = proto_parse(r->v[ZC_PROTO].p, r->v[ZC_PROTO].n)) == -2)
		return false;
	if (p == PROTO_ICMP && ev->has_src && !addr_is_v4(&ev->src))
		p = PROTO_ICMPV6;
	ev->proto = (int16_t)p;
	return true;
}

/* Reads a port; absent stays absent. */
static bool
zeek_port(struct str s, uint16_t *port, bool *has)
{
	uint64_t v;

	if (s.n == 0)
		return true;
	if (!zeek_uint(s, 65535, &v))
		return false;
	*port = (uint16_t)v, *has = true;
	return true;
}

/*
 * The verdict.
 */

/* For TCP: a failed attempt shows the originator's SYN and no ACK or data
 * from it; ACK or data means a SYN-ACK came that the capture missed. */
static enum action_class
zeek_refine(const struct zeek_rec *r, const struct event *ev)
{
	struct str h = r->v[ZC_HISTORY];

	if (ev->proto != PROTO_TCP || h.n == 0)
		return ACTION_DENY;
	if (memchr(h.p, 'S', h.n) != NULL && memchr(h.p, 'A', h.n) == NULL &&
	    memchr(h.p, 'D', h.n) == NULL)
		return ACTION_DENY;
	return ACTION_OTHER;
}

static void
zeek_verdict(const struct zeek_rec *r, struct event *ev)
{
	struct str s = r->v[ZC_STATE];

	ev->action = s;
	if (s.n == 0)
		return;
	ev->verdict = ACTION_UNKNOWN;
	for (size_t i = 0; i < sizeof(zeek_states) / sizeof(*zeek_states);
	    i++) {
		const struct zeek_state_class *z = &zeek_states[i];

		if (strlen(z->state) != s.n ||
		    strncasecmp(z->state, s.p, s.n) != 0)
			continue;
		ev->verdict = z->refine ? zeek_refine(r, ev) : z->class;
		return;
	}
}

/* Turns the values of one record into the event. */
static enum parse_status
zeek_event(struct parse_ctx *ctx, const struct zeek_rec *r, struct event *ev)
{
	const struct str *v = r->v;

	ctx->reason = NULL;
	if (v[ZC_ORIG_H].n == 0 && v[ZC_RESP_H].n == 0)
		ctx->reason = "no id.orig_h or id.resp_h";
	else if (v[ZC_ORIG_H].n > 0 &&
	    !addr_parse(v[ZC_ORIG_H].p, v[ZC_ORIG_H].n, &ev->src))
		ctx->reason = "bad id.orig_h";
	else if (v[ZC_RESP_H].n > 0 &&
	    !addr_parse(v[ZC_RESP_H].p, v[ZC_RESP_H].n, &ev->dst))
		ctx->reason = "bad id.resp_h";
	if (ctx->reason != NULL)
		return PARSE_MALFORMED;
	ev->has_src = v[ZC_ORIG_H].n > 0, ev->has_dst = v[ZC_RESP_H].n > 0;
	if (!zeek_proto(r, ev))
		ctx->reason = "bad proto or ip_proto";
	else if (!zeek_time(ctx, v[ZC_TS], ev))
		ctx->reason = "bad ts";
	else if (ev->proto != PROTO_ICMP && ev->proto != PROTO_ICMPV6 &&
	    (!zeek_port(v[ZC_ORIG_P], &ev->sport, &ev->has_sport) ||
	    !zeek_port(v[ZC_RESP_P], &ev->dport, &ev->has_dport)))
		ctx->reason = "bad id.orig_p or id.resp_p";
	if (ctx->reason != NULL)
		return PARSE_MALFORMED;
	zeek_verdict(r, ev);
	ev->vendor = (struct str){ "Zeek", 4 };
	ev->product = (struct str){ "conn", 4 };
	ev->device = v[ZC_SYSTEM];
	return PARSE_OK;
}

/*
 * TSV.
 */

/* Decodes "\x09" style escapes of a #separator value in place. */
static size_t
zeek_unescape(char *buf, const char *s, size_t n, size_t cap)
{
	size_t w = 0;

	for (size_t i = 0; i < n && w < cap; w++) {
		if (n - i >= 4 && s[i] == '\\' && s[i + 1] == 'x') {
			char hex[3] = { s[i + 2], s[i + 3], '\0' };

			buf[w] = (char)strtol(hex, NULL, 16);
			i += 4;
		} else
			buf[w] = s[i++];
	}
	return w;
}

/* Reads the #fields line: which column gives which field. */
static void
zeek_header_fields(struct zeek_state *st, const char *s, size_t n)
{
	size_t k = 0;

	for (int c = 0; c < ZC_COUNT; c++)
		st->col[c] = -1;
	while (n > 0) {
		const char *e = memchr(s, st->sep, n);
		size_t len = e != NULL ? (size_t)(e - s) : n;

		for (int c = 0; c < ZC_COUNT; c++)
			if (st->col[c] < 0 && strlen(zeek_names[c]) == len &&
			    memcmp(zeek_names[c], s, len) == 0)
				st->col[c] = (int)k;
		k++;
		if (e == NULL)
			break;
		n -= len + 1, s = e + 1;
	}
	st->ncols = k;
	st->has_fields = true;
}

/* Keeps a #unset_field or #empty_field marker. */
static void
zeek_mark(char *dst, size_t *dn, const char *s, size_t n)
{
	*dn = zeek_unescape(dst, s, n, ZEEK_MARK_MAX);
}

/* A "#" line: a header the stream state keeps, or a comment. */
static enum parse_status
zeek_header(struct parse_ctx *ctx, struct zeek_state *st, const char *line,
    size_t n)
{
	const char *val;
	size_t kn, vn;
	char sep;

	ctx->reason = "header line";
	if (n > 11 && memcmp(line, "#separator ", 11) == 0) {
		if (zeek_unescape(&sep, line + 11, n - 11, 1) == 1)
			st->sep = sep;
		return PARSE_SKIP;
	}
	if ((val = memchr(line, st->sep, n)) == NULL)
		return PARSE_SKIP;
	kn = (size_t)(val - line), vn = n - kn - 1, val++;
	if (kn == 7 && memcmp(line, "#fields", 7) == 0)
		zeek_header_fields(st, val, vn);
	else if (kn == 12 && memcmp(line, "#unset_field", 12) == 0)
		zeek_mark(st->unset, &st->unset_n, val, vn);
	else if (kn == 12 && memcmp(line, "#empty_field", 12) == 0)
		zeek_mark(st->empty, &st->empty_n, val, vn);
	else if (kn == 5 && memcmp(line, "#path", 5) == 0)
		st->other_path = !(vn == 4 && memcmp(val, "conn", 4) == 0);
	return PARSE_SKIP;
}

/* The column map of a record: #fields, else Zeek's default order. */
static const int *
zeek_columns(const struct zeek_state *st, size_t nfields, int *buf)
{
	if (st->has_fields)
		return st->col;
	memcpy(buf, zeek_default_cols, sizeof(zeek_default_cols));
	if (nfields == ZEEK_DEFAULT_IP_PROTO)
		buf[ZC_IP_PROTO] = ZEEK_DEFAULT_IP_PROTO - 1;
	return buf;
}

static size_t
zeek_count_fields(const char *line, size_t n, char sep)
{
	size_t k = 1;

	for (const char *p = line; (p = memchr(p, sep,
	    (size_t)(line + n - p))) != NULL; p++)
		k++;
	return k;
}

/* Splits a TSV record and keeps the values the event needs. */
static enum parse_status
zeek_tsv(struct parse_ctx *ctx, struct zeek_state *st, const char *line,
    size_t n, struct event *ev)
{
	size_t nf = zeek_count_fields(line, n, st->sep), k = 0;
	int buf[ZC_COUNT];
	const int *col = zeek_columns(st, nf, buf);
	struct zeek_rec r;
	const char *p = line, *end = line + n;

	if (nf == 1)
		return PARSE_NOT_MINE;
	if (st->other_path)
		return ctx->reason = "not a conn log (#path)", PARSE_SKIP;
	if (st->has_fields ? nf != st->ncols : nf < ZEEK_DEFAULT_MIN)
		return ctx->reason = "wrong number of fields", PARSE_MALFORMED;
	memset(&r, 0, sizeof(r));
	for (; p <= end; k++) {
		const char *e = memchr(p, st->sep, (size_t)(end - p));
		struct str f = { p, (size_t)((e ? e : end) - p) };

		if ((f.n == st->unset_n && memcmp(f.p, st->unset, f.n) == 0) ||
		    (f.n == st->empty_n && memcmp(f.p, st->empty, f.n) == 0))
			f = STR_NULL;
		for (int c = 0; c < ZC_COUNT; c++)
			if (col[c] == (int)k)
				r.v[c] = f;
		if (e == NULL)
			break;
		p = e + 1;
	}
	return zeek_event(ctx, &r, ev);
}

/*
 * JSON.
 */

/* Turns a JSON member into a value; false for a type the field cannot
 * have (object, array, boolean). */
static bool
zeek_json_value(struct parse_ctx *ctx, const struct jsonscan_value *v,
    struct str *out)
{
	*out = STR_NULL;
	switch (v->kind) {
	case JSONSCAN_ABSENT:
	case JSONSCAN_NULL:
		return true;
	case JSONSCAN_NUMBER:
		*out = (struct str){ v->p, v->n };
		return true;
	case JSONSCAN_STRING:
		return jsonscan_text(v, &ctx->scratch, out);
	default:
		return false;
	}
}

static enum parse_status
zeek_json(struct parse_ctx *ctx, const char *line, size_t n,
    struct event *ev)
{
	struct jsonscan_value v[ZC_COUNT];
	struct zeek_rec r;
	const char *err;

	if (memmem(line, n, "orig_h\"", 7) == NULL &&
	    memmem(line, n, "resp_h\"", 7) == NULL)
		return PARSE_NOT_MINE;
	/* room for every unescaped string at once (see jsonscan_text) */
	if (scratch_reserve(&ctx->scratch, n) == NULL)
		return ctx->reason = "out of memory", PARSE_MALFORMED;
	if ((err = jsonscan_object(line, n, zeek_names, ZC_COUNT, v)) != NULL)
		return ctx->reason = err, PARSE_MALFORMED;
	if (v[ZC_ORIG_H].kind == JSONSCAN_ABSENT &&
	    v[ZC_RESP_H].kind == JSONSCAN_ABSENT)
		return PARSE_NOT_MINE;
	for (int c = 0; c < ZC_COUNT; c++)
		if (!zeek_json_value(ctx, &v[c], &r.v[c]))
			return ctx->reason = "JSON value of the wrong type",
			    PARSE_MALFORMED;
	if (r.v[ZC_PATH].n > 0 && !str_eq(r.v[ZC_PATH], "conn"))
		return ctx->reason = "not a conn log (_path)", PARSE_SKIP;
	return zeek_event(ctx, &r, ev);
}

static enum parse_status
zeek_parse(struct parse_ctx *ctx, const char *line, size_t n,
    struct event *ev)
{
	struct zeek_state *st = ctx->state;
	size_t i = 0;

	event_clear(ev);
	if (st == NULL)
		return ctx->reason = "out of memory", PARSE_MALFORMED;
	if (n > 0 && line[n - 1] == '\r')
		n--;
	while (i < n && (line[i] == ' ' || line[i] == '\t'))
		i++;
	if (i == n)
		return PARSE_NOT_MINE;
	if (line[0] == '#')
		return zeek_header(ctx, st, line, n);
	if (line[i] == '{')
		return zeek_json(ctx, line + i, n - i, ev);
	return zeek_tsv(ctx, st, line, n, ev);
}

/*
 * Sniffing: a #fields line naming the connection columns, the #separator
 * line Zeek writes first, or a JSON first line with Zeek's keys.
 */
static int
zeek_sniff(const char *head, size_t n)
{
	const char *f = memmem(head, n, "#fields\t", 8), *nl;
	size_t i = 0, len;

	if (f != NULL) {
		nl = memchr(f, '\n', (size_t)(head + n - f));
		len = nl != NULL ? (size_t)(nl - f) : (size_t)(head + n - f);
		if (memmem(f, len, "\tid.orig_h\t", 11) != NULL)
			return memmem(f, len, "\tconn_state", 11) != NULL ?
			    95 : 60;
	}
	if (n >= 15 && memmem(head, n < 512 ? n : 512, "#separator \\x",
	    13) != NULL)
		return 60;
	while (i < n && (head[i] == ' ' || head[i] == '\n' || head[i] == '\r'))
		i++;
	if (i == n || head[i] != '{')
		return 0;
	nl = memchr(head + i, '\n', n - i);
	len = nl != NULL ? (size_t)(nl - head - i) : n - i;
	if (memmem(head + i, len, "\"id.orig_h\"", 11) == NULL)
		return 0;
	return memmem(head + i, len, "\"conn_state\"", 12) != NULL ||
	    memmem(head + i, len, "\"uid\"", 5) != NULL ? 90 : 50;
}

const struct format format_zeek = {
	.name = "zeek",
	.title = "Zeek conn.log (TSV and JSON)",
	.sniff = zeek_sniff,
	.line_based = false,
	.state_new = zeek_state_new,
	.state_free = zeek_state_free,
	.parse = zeek_parse,
};
