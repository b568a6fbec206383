/*
 * panos.c - Palo Alto Networks PAN-OS TRAFFIC and THREAT logs in the
 * default CSV syslog format.
 *
 * A record is "[syslog header] FUTURE_USE,Receive Time,Serial,Type,
 * Subtype,..." with fields at fixed positions that PAN-OS 8 to 11 only
 * ever extend at the end.  A field may be quoted when it holds commas.
 * The fields are located once; values are borrowed from the line, and only
 * a quoted value holding a doubled quote is rewritten into the scratch
 * buffer.  docs/formats.md, section PAN-OS, is the contract.
 */
#include <ctype.h>
#include <stdint.h>
#include <string.h>

#include "format.h"
#include "syslog.h"

#define PANOS_MAXF 128		/* fields kept; later ones are not needed */
#define PANOS_HEAD_COMMAS 4	/* commas of the line tried as field 0's end */

/* Field positions (0-based), from the PAN-OS syslog field descriptions. */
enum {
	F_RECEIVE = 1, F_SERIAL = 2, F_TYPE = 3, F_SUBTYPE = 4,
	F_GENERATED = 6, F_SRC = 7, F_DST = 8, F_SPORT = 24, F_DPORT = 25,
	F_PROTO = 29, F_ACTION = 30,
	F_MIN = 31,		/* fields up to and including the action */
	F_HIRES_TRAFFIC = 102,	/* High Resolution Timestamp, PAN-OS 10+ */
	F_HIRES_THREAT = 107,
};

struct panos_rec {
	struct str f[PANOS_MAXF];
	bool quoted[PANOS_MAXF];
	size_t nf;		/* fields counted, may exceed PANOS_MAXF */
};

static bool
str_eq(struct str s, const char *lit)
{
	size_t n = strlen(lit);

	return s.n == n && memcmp(s.p, lit, n) == 0;
}

/* True for a log type: upper-case letters and '_' ("SYSTEM"). */
static bool
panos_is_type(struct str s)
{
	if (s.n == 0)
		return false;
	for (size_t i = 0; i < s.n; i++)
		if (!(s.p[i] >= 'A' && s.p[i] <= 'Z') && s.p[i] != '_')
			return false;
	return true;
}

/* Reads exactly k digits at s. */
static bool
panos_digits(const char *s, int k, int *out)
{
	int v = 0;

	for (int i = 0; i < k; i++) {
		if (!isdigit((unsigned char)s[i]))
			return false;
		v = v * 10 + (s[i] - '0');
	}
	*out = v;
	return true;
}

/*
 * Reads a PAN-OS time: "YYYY/MM/DD HH:MM:SS" (no zone) or RFC 3339, as
 * Cortex Data Lake and the High Resolution Timestamp write it.
 */
static bool
panos_read_time(struct str v, struct civil *c)
{
	const char *s = v.p;

	memset(c, 0, sizeof(*c));
	if (v.n == 19 && s[4] == '/' && s[7] == '/' && s[10] == ' ' &&
	    s[13] == ':' && s[16] == ':') {
		c->has_year = true;
		return panos_digits(s, 4, &c->year) &&
		    panos_digits(s + 5, 2, &c->mon) &&
		    panos_digits(s + 8, 2, &c->day) &&
		    panos_digits(s + 11, 2, &c->hour) &&
		    panos_digits(s + 14, 2, &c->min) &&
		    panos_digits(s + 17, 2, &c->sec) && civil_valid(c);
	}
	return v.n >= 19 && s[4] == '-' && time_parse_iso(s, v.n, c);
}

/*
 * Finds where the CSV record starts: field 0 is a token without spaces
 * ending at one of the first commas of the line, and field 1 is a time.
 * Returns the offset of field 0, or n when the line is not PAN-OS.
 */
static size_t
panos_find(const char *s, size_t n)
{
	const char *p = s, *end = s + n, *comma, *t, *te;
	struct civil c;

	for (int k = 0; k < PANOS_HEAD_COMMAS; k++, p = comma + 1) {
		if ((comma = memchr(p, ',', (size_t)(end - p))) == NULL)
			return n;
		t = comma + 1;
		te = memchr(t, ',', (size_t)(end - t));
		if (te == NULL)
			return n;
		if (!panos_read_time((struct str){ t, (size_t)(te - t) }, &c))
			continue;
		for (t = comma; t > s && t[-1] != ' '; t--)
			;
		if (t < comma)
			return (size_t)(t - s);
	}
	return n;
}

/*
 * Splits the record at s[0..n) into comma-separated fields.  A field that
 * starts with a quote runs to the closing quote ("" inside is a quote).
 * Returns false when a quoted field is not closed.
 */
static bool
panos_split(const char *s, size_t n, struct panos_rec *r)
{
	size_t i = 0, start;
	bool q;

	r->nf = 0;
	for (;;) {
		q = i < n && s[i] == '"';
		start = i + q;
		if (q) {
			for (i = start; i < n; i++)
				if (s[i] == '"' && (i + 1 >= n ||
				    s[i + 1] != '"'))
					break;
				else if (s[i] == '"')
					i++;
			if (i >= n)
				return false;
		} else
			while (i < n && s[i] != ',')
				i++;
		if (r->nf < PANOS_MAXF) {
			r->f[r->nf] = (struct str){ s + start, i - start };
			r->quoted[r->nf] = q;
		}
		r->nf++;
		i += q;
		while (q && i < n && s[i] != ',')
			i++;	/* text after a closing quote is dropped */
		if (i >= n)
			return true;
		i++;
	}
}

/* A field's value, with "" undone in a quoted field; empty if absent. */
static struct str
panos_text(struct parse_ctx *ctx, const struct panos_rec *r, size_t k)
{
	struct str v;
	char *out;
	size_t o = 0;

	if (k >= r->nf || k >= PANOS_MAXF)
		return STR_NULL;
	v = r->f[k];
	if (!r->quoted[k] || memchr(v.p, '"', v.n) == NULL ||
	    (out = scratch_reserve(&ctx->scratch, v.n)) == NULL)
		return v;
	for (size_t i = 0; i < v.n; i++) {
		out[o++] = v.p[i];
		if (v.p[i] == '"')
			i++;
	}
	ctx->scratch.n += o;
	return (struct str){ out, o };
}

/* Reads a port; false only when one is present and unreadable. */
static bool
panos_port(struct str v, uint16_t *port, bool *has)
{
	uint32_t x = 0;

	if (v.n == 0)
		return true;
	if (v.n > 5)
		return false;
	for (size_t i = 0; i < v.n; i++) {
		if (!isdigit((unsigned char)v.p[i]))
			return false;
		x = x * 10 + (uint32_t)(v.p[i] - '0');
	}
	if (x > 65535)
		return false;
	*port = (uint16_t)x, *has = true;
	return true;
}

/* Reads an address; false only when one is present and unreadable. */
static bool
panos_addr(struct str v, struct addr *a, bool *has)
{
	if (v.n == 0)
		return true;
	return *has = addr_parse(v.p, v.n, a);
}

/* Fills addresses, ports and protocol; returns the error, or NULL. */
static const char *
panos_fill_network(const struct panos_rec *r, struct event *ev)
{
	int proto;

	if (!panos_addr(r->f[F_SRC], &ev->src, &ev->has_src))
		return "bad source address";
	if (!panos_addr(r->f[F_DST], &ev->dst, &ev->has_dst))
		return "bad destination address";
	if (!panos_port(r->f[F_SPORT], &ev->sport, &ev->has_sport))
		return "bad source port";
	if (!panos_port(r->f[F_DPORT], &ev->dport, &ev->has_dport))
		return "bad destination port";
	if (r->f[F_PROTO].n > 0) {
		if ((proto = proto_parse(r->f[F_PROTO].p,
		    r->f[F_PROTO].n)) == -2)
			return "bad protocol";
		if (proto >= 0)
			ev->proto = (int16_t)proto;
	}
	return NULL;
}

/*
 * Sets the time from the High Resolution Timestamp, else the Generated
 * Time, else the Receive Time, else the syslog header.  A value that
 * cannot be read falls through to the next; a syslog header time that
 * cannot be read is the reason returned.
 */
static const char *
panos_fill_time(struct parse_ctx *ctx, const struct panos_rec *r,
    const struct syslog_hdr *h, bool threat, struct event *ev)
{
	size_t order[3] = { threat ? F_HIRES_THREAT : F_HIRES_TRAFFIC,
	    F_GENERATED, F_RECEIVE };
	struct civil c;

	for (size_t k = 0; k < 3; k++)
		if (order[k] < r->nf && order[k] < PANOS_MAXF &&
		    panos_read_time(r->f[order[k]], &c) &&
		    time_ctx_resolve(&ctx->time, &c, &ev->time)) {
			ev->has_time = true;
			return NULL;
		}
	return syslog_date(&ctx->time, h, ev);
}

static enum parse_status
panos_parse(struct parse_ctx *ctx, const char *line, size_t n,
    struct event *ev)
{
	struct panos_rec r;
	struct syslog_hdr h;
	const char *err;
	size_t start;
	bool threat;

	if ((start = panos_find(line, n)) == n)
		return PARSE_NOT_MINE;
	event_clear(ev);
	if (!panos_split(line + start, n - start, &r))
		return ctx->reason = "unterminated quoted field",
		    PARSE_MALFORMED;
	if (r.nf <= F_TYPE || r.f[F_SERIAL].n == 0)
		return PARSE_NOT_MINE;
	threat = str_eq(r.f[F_TYPE], "THREAT");
	if (!threat && !str_eq(r.f[F_TYPE], "TRAFFIC")) {
		if (!panos_is_type(r.f[F_TYPE]))
			return PARSE_NOT_MINE;
		return ctx->reason = "PAN-OS log type not read", PARSE_SKIP;
	}
	if (r.nf < F_MIN)
		return ctx->reason = "fewer than 31 fields", PARSE_MALFORMED;
	if ((err = panos_fill_network(&r, ev)) != NULL)
		return ctx->reason = err, PARSE_MALFORMED;

	/* one reservation for all rewritten text: pointers stay valid */
	if (scratch_reserve(&ctx->scratch, n) == NULL)
		return ctx->reason = "out of memory", PARSE_MALFORMED;
	syslog_parse(line, start, &h);
	ev->action = panos_text(ctx, &r, F_ACTION);
	ev->action_hint = panos_text(ctx, &r, F_SUBTYPE);
	ev->vendor = (struct str){ "Palo Alto Networks", 18 };
	ev->product = (struct str){ "PAN-OS", 6 };
	ev->device = panos_text(ctx, &r, F_SERIAL);
	if ((err = panos_fill_time(ctx, &r, &h, threat, ev)) != NULL)
		return ctx->reason = err, PARSE_MALFORMED;
	return PARSE_OK;
}

/*
 * Scores the file head by the share of its complete, non-empty lines that
 * start a PAN-OS record (any log type).
 */
static int
panos_sniff(const char *head, size_t n)
{
	const char *p = head, *end = head + n, *nl;
	unsigned lines = 0, good = 0;

	while (p < end && lines < 200) {
		if ((nl = memchr(p, '\n', (size_t)(end - p))) == NULL) {
			if (lines > 0)
				break;
			nl = end;
		}
		if (nl > p) {
			lines++;
			good += panos_find(p, (size_t)(nl - p)) <
			    (size_t)(nl - p);
		}
		p = nl + 1;
	}
	return good == 0 ? 0 : (int)(30 + 60 * good / lines);
}

const struct format format_panos = {
	.name = "panos",
	.title = "Palo Alto Networks PAN-OS TRAFFIC and THREAT CSV",
	.sniff = panos_sniff,
	.line_based = true,
	.parse = panos_parse,
};
