/*
 * srx.c - Juniper SRX RT_FLOW session logs, structured and plain.
 *
 * A record is named by its message tag: RT_FLOW_SESSION_DENY (a session
 * the policy refused), RT_FLOW_SESSION_CREATE and RT_FLOW_SESSION_CLOSE
 * (a permitted session began or ended), each also with "_LS" (logical
 * systems).  In the structured form (Junos "structured-data") the tag is
 * the RFC 5424 MSGID and the fields are the parameters of an SD element
 * "[junos@2636... source-address="..." ...]"; in the plain form the tag
 * ends in ":" and the fields are positional text, "session denied
 * 203.0.113.5/40000->192.0.2.1/23 ...".  AppTrack records and other
 * session tags are claimed and skipped.  Everything borrows from the
 * line.  docs/formats.md, section Juniper SRX, is the contract.
 */
#include <string.h>

#include "../core/action.h"
#include "format.h"
#include "syslog.h"

#define SRX_FLOW "RT_FLOW_SESSION_"
#define SRX_FLOW_LEN (sizeof(SRX_FLOW) - 1)
#define SRX_APPTRACK "APPTRACK_SESSION_"
#define SRX_SD_START " [junos@"
#define SRX_PROTO_LOOKAHEAD 3	/* tokens after the address pair that may
				   hold "protocol(icmp-type)" */
#define SRX_SNIFF_LINES 200

enum srx_kind { SRX_CREATE, SRX_DENY, SRX_CLOSE, SRX_OTHER, SRX_APPTRACK_REC };
enum srx_form { SRX_STRUCTURED, SRX_PLAIN };

/* Where the record's tag is and how the record is written. */
struct srx_loc {
	size_t name, name_end;	/* the tag, e.g. "RT_FLOW_SESSION_DENY" */
	enum srx_form form;
	enum srx_kind kind;
	struct syslog_hdr hdr;	/* the syslog header (plain form only) */
};

/* The text fields of one record, before they are checked. */
struct srx_fields {
	struct str src, dst, sport, dport, proto, session;
};

static bool
srx_is_name_char(char c)
{
	return (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
}

static bool
srx_str_is(const char *p, size_t n, const char *lit)
{
	return strlen(lit) == n && memcmp(p, lit, n) == 0;
}

static size_t
srx_token_end(const char *s, size_t n, size_t i)
{
	while (i < n && s[i] != ' ')
		i++;
	return i;
}

static size_t
srx_skip_spaces(const char *s, size_t n, size_t i)
{
	while (i < n && s[i] == ' ')
		i++;
	return i;
}

/* The record kind of the tag s[0..n). */
static enum srx_kind
srx_kind_of(const char *s, size_t n)
{
	const char *w = s + SRX_FLOW_LEN;
	size_t wn;

	if (n < SRX_FLOW_LEN || memcmp(s, SRX_FLOW, SRX_FLOW_LEN) != 0)
		return SRX_APPTRACK_REC;
	wn = n - SRX_FLOW_LEN;
	if (wn > 3 && memcmp(w + wn - 3, "_LS", 3) == 0)
		wn -= 3;
	if (srx_str_is(w, wn, "DENY"))
		return SRX_DENY;
	if (srx_str_is(w, wn, "CREATE"))
		return SRX_CREATE;
	if (srx_str_is(w, wn, "CLOSE"))
		return SRX_CLOSE;
	return SRX_OTHER;
}

/*
 * True when the plain-form tag at ns starts the message that begins at
 * start: right there, after one "tag:" token (RT_FLOW: when the syslog
 * reader did not take it), after a "%FACILITY-SEVERITY-" prefix, or both.
 */
static bool
srx_plain_at(const char *s, size_t n, size_t start, size_t ns)
{
	size_t i = start, e = srx_token_end(s, n, start);

	if (e > i && e <= ns && s[e - 1] == ':')
		i = srx_skip_spaces(s, n, e);
	if (i < ns && s[i] == '%' && s[ns - 1] == '-' &&
	    memchr(s + i, ' ', ns - i) == NULL)
		i = ns;
	return i == ns;
}

/* Decides whether the tag at [ns, ne) is a record's tag, and its form. */
static bool
srx_place(const char *s, size_t n, size_t ns, size_t ne, struct srx_loc *loc)
{
	size_t sdn = sizeof(SRX_SD_START) - 1;

	if (ns > 0 && s[ns - 1] == ' ' && n - ne >= sdn &&
	    memcmp(s + ne, SRX_SD_START, sdn) == 0) {
		loc->form = SRX_STRUCTURED;
		return true;
	}
	if (ne >= n || s[ne] != ':')
		return false;
	syslog_parse(s, n, &loc->hdr);
	loc->form = SRX_PLAIN;
	if (srx_plain_at(s, n, loc->hdr.msg, ns))
		return true;
	return loc->hdr.tag.n > 0 &&
	    srx_plain_at(s, n, (size_t)(loc->hdr.tag.p - s), ns);
}

/*
 * Finds the record's tag: a token starting with RT_FLOW_SESSION_ or
 * APPTRACK_SESSION_ that is the MSGID before a junos@ SD element, or that
 * starts the message and ends in ":".  Returns false when there is none:
 * the line is not this format.
 */
static bool
srx_locate(const char *s, size_t n, struct srx_loc *loc)
{
	const char *p = s, *q;
	size_t at, ns, ne;

	while ((q = memmem(p, n - (size_t)(p - s), "_SESSION_", 9)) != NULL) {
		p = q + 1;
		at = (size_t)(q - s);
		for (ns = at; ns > 0 && srx_is_name_char(s[ns - 1]); ns--)
			;
		for (ne = at; ne < n && srx_is_name_char(s[ne]); ne++)
			;
		if (!srx_str_is(s + ns, at + 9 - ns, SRX_FLOW) &&
		    !srx_str_is(s + ns, at + 9 - ns, SRX_APPTRACK))
			continue;
		if (srx_place(s, n, ns, ne, loc)) {
			loc->name = ns;
			loc->name_end = ne;
			loc->kind = srx_kind_of(s + ns, ne - ns);
			return true;
		}
	}
	return false;
}

/* Reads a decimal number of at most max; false for anything else. */
static bool
srx_uint(const char *p, size_t n, uint32_t max, uint32_t *out)
{
	uint32_t v = 0;

	if (n == 0 || n > 10)
		return false;
	for (size_t i = 0; i < n; i++) {
		if (p[i] < '0' || p[i] > '9')
			return false;
		v = v * 10 + (uint32_t)(p[i] - '0');
		if (v > max)
			return false;
	}
	*out = v;
	return true;
}

static bool
srx_is_digits(const char *p, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (p[i] < '0' || p[i] > '9')
			return false;
	return n > 0;
}

/*
 * Structured form.
 */

/* Keeps a parameter the event uses, unless it came before. */
static void
srx_sd_keep(struct srx_fields *f, const char *key, size_t kn, struct str v)
{
	struct str *slot = NULL;

	if (srx_str_is(key, kn, "source-address"))
		slot = &f->src;
	else if (srx_str_is(key, kn, "destination-address"))
		slot = &f->dst;
	else if (srx_str_is(key, kn, "source-port"))
		slot = &f->sport;
	else if (srx_str_is(key, kn, "destination-port"))
		slot = &f->dport;
	else if (srx_str_is(key, kn, "protocol-id"))
		slot = &f->proto;
	else if (srx_str_is(key, kn, "session-id-32"))
		slot = &f->session;
	if (slot != NULL && slot->p == NULL)
		*slot = v;
}

/*
 * Reads the value at s[*i]: quoted, with backslash escapes left in place,
 * or bare up to a space or "]" (values in typographic quotes occur).
 * Returns false when a quoted value runs to the end of the line.
 */
static bool
srx_sd_value(const char *s, size_t n, size_t *i, struct str *v)
{
	size_t k = *i;

	if (k < n && s[k] == '"') {
		for (k++; k < n && s[k] != '"'; k++)
			if (s[k] == '\\')
				k++;
		if (k >= n)
			return false;
		*v = (struct str){ s + *i + 1, k - *i - 1 };
		*i = k + 1;
		return true;
	}
	while (k < n && s[k] != ' ' && s[k] != ']')
		k++;
	*v = (struct str){ s + *i, k - *i };
	*i = k;
	return true;
}

/*
 * Scans the SD element that starts at s[i] ("[junos@..."), keeping the
 * parameters the event uses.  Returns false when it does not close.
 */
static bool
srx_sd_scan(const char *s, size_t n, size_t i, struct srx_fields *f)
{
	size_t key, eq;
	struct str v;

	while (i < n && s[i] != ' ' && s[i] != ']')
		i++;			/* the SD-ID */
	for (;;) {
		i = srx_skip_spaces(s, n, i);
		if (i >= n)
			return false;
		if (s[i] == ']')
			return true;
		for (key = i; i < n && s[i] != '=' && s[i] != ' ' &&
		    s[i] != ']'; i++)
			;
		if (i >= n || s[i] != '=')
			continue;	/* a word without a value */
		eq = i++;
		if (!srx_sd_value(s, n, &i, &v))
			return false;
		srx_sd_keep(f, s + key, eq - key, v);
	}
}

/*
 * Reads the RFC 5424 TIMESTAMP HOSTNAME APP-NAME PROCID in front of the
 * MSGID at ns.  Returns false when there are not four such tokens or the
 * first is neither a time nor "-".  *bad is set for a time that has the
 * shape of a date but is not one.
 */
static bool
srx_sd_header(const char *s, size_t ns, struct civil *t, bool *has_time,
    struct str *host, bool *bad)
{
	struct str tok[4];
	size_t pos = ns - 1, b;

	for (int k = 0; k < 4; k++) {
		if (s[pos] != ' ')
			return false;
		for (b = pos; b > 0 && s[b - 1] != ' '; b--)
			;
		if (b == pos || (b == 0 && k < 3))
			return false;
		tok[k] = (struct str){ s + b, pos - b };
		pos = b - 1;
	}
	*host = srx_str_is(tok[2].p, tok[2].n, "-") ? STR_NULL : tok[2];
	*has_time = false;
	if (srx_str_is(tok[3].p, tok[3].n, "-"))
		return true;
	if (time_parse_iso(tok[3].p, tok[3].n, t))
		return *has_time = true;
	*bad = tok[3].n >= 5 && tok[3].p[0] >= '0' && tok[3].p[0] <= '9' &&
	    tok[3].p[4] == '-';
	return false;
}

/* Sets the time and device of a structured record. */
static bool
srx_sd_origin(struct parse_ctx *ctx, const char *s, const struct srx_loc *loc,
    struct event *ev)
{
	struct syslog_hdr h;
	struct civil t;
	bool has_time = false, bad = false;

	if (!srx_sd_header(s, loc->name, &t, &has_time, &ev->device, &bad)) {
		if (bad)
			return ctx->reason = "bad time", false;
		syslog_parse(s, loc->name, &h);
		if (h.bad_time)
			return ctx->reason = SYSLOG_BAD_TIME, false;
		ev->device = h.host;
		t = h.time;
		has_time = h.has_time;
	}
	if (has_time) {
		if (!time_ctx_resolve(&ctx->time, &t, &ev->time))
			return ctx->reason = "bad time", false;
		ev->has_time = true;
	}
	return true;
}

/*
 * Plain form.
 */

/*
 * Finds the address pair "src/sport->dst/dport" (the first token after
 * the tag holding "->") and, for a deny record, "protocol(icmp-type)" in
 * the tokens after it.  Returns the reason when the text is not readable.
 */
static const char *
srx_plain_scan(const char *s, size_t n, const struct srx_loc *loc,
    struct srx_fields *f)
{
	size_t i = loc->name_end + 1, e = i, k;
	const char *arrow = NULL, *sl, *par;

	while ((i = srx_skip_spaces(s, n, e)) < n) {
		e = srx_token_end(s, n, i);
		if ((arrow = memmem(s + i, e - i, "->", 2)) != NULL)
			break;
	}
	if (arrow == NULL)
		return "no address pair";
	if ((sl = memrchr(s + i, '/', (size_t)(arrow - s) - i)) == NULL)
		return "bad source port";
	f->src = (struct str){ s + i, (size_t)(sl - s) - i };
	f->sport = (struct str){ sl + 1, (size_t)(arrow - sl) - 1 };
	if ((sl = memrchr(arrow + 2, '/', (size_t)(s + e - arrow) - 2)) ==
	    NULL)
		return "bad destination port";
	f->dst = (struct str){ arrow + 2, (size_t)(sl - arrow) - 2 };
	f->dport = (struct str){ sl + 1, (size_t)(s + e - sl) - 1 };
	if (loc->kind != SRX_DENY)
		return NULL;
	for (k = 0; k < SRX_PROTO_LOOKAHEAD && (i = srx_skip_spaces(s, n, e))
	    < n; k++) {
		e = srx_token_end(s, n, i);
		par = memchr(s + i, '(', e - i);
		if (par != NULL && s[e - 1] == ')' &&
		    srx_is_digits(s + i, (size_t)(par - s) - i)) {
			f->proto = (struct str){ s + i, (size_t)(par - s) - i };
			return NULL;
		}
	}
	return "no protocol";
}

/* Sets the time and device of a plain record from its syslog header. */
static bool
srx_plain_origin(struct parse_ctx *ctx, const struct srx_loc *loc,
    struct event *ev)
{
	ev->device = loc->hdr.host;
	if (loc->hdr.bad_time)
		return ctx->reason = SYSLOG_BAD_TIME, false;
	if (!loc->hdr.has_time)
		return true;
	if (!time_ctx_resolve(&ctx->time, &loc->hdr.time, &ev->time))
		return ctx->reason = "bad time", false;
	ev->has_time = true;
	return true;
}

/*
 * Both forms.
 */

/* Reads a port; an empty value is absent. */
static bool
srx_port(struct str v, uint16_t *port, bool *has)
{
	uint32_t x;

	if (v.n == 0)
		return true;
	if (!srx_uint(v.p, v.n, 65535, &x))
		return false;
	*port = (uint16_t)x;
	*has = true;
	return true;
}

/* Fills addresses, ports, protocol and identity; returns the error. */
static const char *
srx_fill_network(const struct srx_fields *f, struct event *ev)
{
	uint32_t id;
	int proto;

	if (f->src.n == 0)
		return "no source address";
	if (f->dst.n == 0)
		return "no destination address";
	if (!(ev->has_src = addr_parse(f->src.p, f->src.n, &ev->src)))
		return "bad source address";
	if (!(ev->has_dst = addr_parse(f->dst.p, f->dst.n, &ev->dst)))
		return "bad destination address";
	if (!srx_port(f->sport, &ev->sport, &ev->has_sport))
		return "bad source port";
	if (!srx_port(f->dport, &ev->dport, &ev->has_dport))
		return "bad destination port";
	if (f->proto.n > 0 && (proto = proto_parse(f->proto.p, f->proto.n)) !=
	    -1) {
		if (proto == -2)
			return "bad protocol";
		ev->proto = (int16_t)proto;
	}

	/* ICMP "ports" are the echo identifier and type/code, not ports. */
	if (ev->proto == PROTO_ICMP || ev->proto == PROTO_ICMPV6)
		ev->has_sport = ev->has_dport = false, ev->sport =
		    ev->dport = 0;
	if (srx_uint(f->session.p, f->session.n, UINT32_MAX, &id))
		ev->ident = id;
	return NULL;
}

/* The verdict: the word after RT_FLOW_SESSION_ and the class it stands
 * for (a denied session, or a permitted one created or closed). */
static void
srx_set_action(const char *s, const struct srx_loc *loc, struct event *ev)
{
	static const size_t len[] = { 6, 4, 5 };	/* CREATE DENY CLOSE */

	ev->action = (struct str){ s + loc->name + SRX_FLOW_LEN,
	    len[loc->kind] };
	ev->verdict = loc->kind == SRX_DENY ? ACTION_DENY : ACTION_ALLOW;
}

static enum parse_status
srx_parse(struct parse_ctx *ctx, const char *line, size_t n,
    struct event *ev)
{
	struct srx_fields f;
	struct srx_loc loc;
	const char *err;

	if (memmem(line, n, "_SESSION_", 9) == NULL ||
	    !srx_locate(line, n, &loc))
		return PARSE_NOT_MINE;
	event_clear(ev);
	if (loc.kind == SRX_APPTRACK_REC)
		return ctx->reason = "AppTrack record", PARSE_SKIP;
	if (loc.kind == SRX_OTHER)
		return ctx->reason = "other session record", PARSE_SKIP;
	memset(&f, 0, sizeof(f));
	if (loc.form == SRX_STRUCTURED) {
		if (!srx_sd_scan(line, n, loc.name_end + 1, &f))
			err = "structured data cut short";
		else
			err = srx_fill_network(&f, ev);
	} else if ((err = srx_plain_scan(line, n, &loc, &f)) == NULL)
		err = srx_fill_network(&f, ev);
	if (err != NULL)
		return ctx->reason = err, PARSE_MALFORMED;
	if (loc.form == SRX_STRUCTURED ? !srx_sd_origin(ctx, line, &loc, ev) :
	    !srx_plain_origin(ctx, &loc, ev))
		return PARSE_MALFORMED;
	srx_set_action(line, &loc, ev);
	ev->vendor = (struct str){ "Juniper", 7 };
	ev->product = (struct str){ "SRX", 3 };
	return PARSE_OK;
}

/*
 * Scores the head by the share of its complete, non-empty lines that hold
 * an RT_FLOW or AppTrack session record.
 */
static int
srx_sniff(const char *head, size_t n)
{
	const char *p = head, *end = head + n, *nl;
	unsigned lines = 0, good = 0;
	struct srx_loc loc;

	while (p < end && lines < SRX_SNIFF_LINES) {
		if ((nl = memchr(p, '\n', (size_t)(end - p))) == NULL) {
			if (lines > 0)
				break;	/* a cut line; judge the rest */
			nl = end;
		}
		if (nl > p) {
			lines++;
			good += srx_locate(p, (size_t)(nl - p), &loc);
		}
		p = nl + 1;
	}
	return good == 0 ? 0 : (int)(30 + 65 * good / lines);
}

const struct format format_srx = {
	.name = "srx",
	.title = "Juniper SRX RT_FLOW session logs (structured and plain)",
	.sniff = srx_sniff,
	.line_based = true,
	.parse = srx_parse,
};
