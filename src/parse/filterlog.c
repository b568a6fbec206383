/*
 * filterlog.c - the firewall log of pfSense and OPNsense: one line of
 * comma-separated values per packet, written by the filterlog daemon
 * behind a BSD (RFC 3164) or RFC 5424 syslog header.
 *
 * The values start with the rule, interface, reason, action, direction
 * and IP version; the IP version chooses the layout of the IP part (IPv4
 * and IPv6 order their fields differently), and the protocol number
 * chooses what follows the addresses (ports for TCP and UDP).  Everything
 * is borrowed from the line.  docs/formats.md, section filterlog, is the
 * contract.
 */
#include <string.h>

#include "../core/action.h"
#include "format.h"
#include "syslog.h"

/*
 * Fields kept from the start of a record; the TCP tail and its options
 * lie beyond what the event needs and are not split.
 */
#define FL_FIELDS 24
#define FL_COMMON 9		/* rule .. IP version */
#define FL_SNIFF_LINES 200

enum {
	FL_LABEL = 3, FL_ACTION = 6, FL_DIR = 7, FL_IPVER = 8,
};

/* Where the IP layout of one version keeps the fields the event needs,
 * counted from the field after the IP version. */
struct fl_layout {
	size_t proto, src, dst, tail, id;	/* id: SIZE_MAX when none */
	bool v6;
};

static const struct fl_layout fl_ipv4 = { 6, 9, 10, 11, 3, false };
static const struct fl_layout fl_ipv6 = { 4, 6, 7, 8, SIZE_MAX, true };

struct fl_rec {
	struct str f[FL_FIELDS];
	size_t n;		/* fields split, at most FL_FIELDS */
};

/* Compares a field with a lower-case word, ignoring case. */
static bool
fl_is(struct str s, const char *lower)
{
	size_t n = strlen(lower);

	if (s.n != n)
		return false;
	for (size_t i = 0; i < n; i++) {
		char c = s.p[i];

		if (c >= 'A' && c <= 'Z')
			c = (char)(c - 'A' + 'a');
		if (c != lower[i])
			return false;
	}
	return true;
}

static bool
fl_has_prefix(struct str s, const char *prefix)
{
	size_t n = strlen(prefix);

	return s.n >= n && memcmp(s.p, prefix, n) == 0;
}

static bool
fl_all_digits(struct str s)
{
	for (size_t i = 0; i < s.n; i++)
		if (s.p[i] < '0' || s.p[i] > '9')
			return false;
	return true;
}

/* Reads a decimal number 0..max; false when empty, not digits or larger. */
static bool
fl_uint(struct str s, uint32_t max, uint32_t *out)
{
	uint64_t v = 0;

	if (s.n == 0 || s.n > 10 || !fl_all_digits(s))
		return false;
	for (size_t i = 0; i < s.n; i++)
		v = v * 10 + (uint64_t)(s.p[i] - '0');
	if (v > max)
		return false;
	*out = (uint32_t)v;
	return true;
}

/* Splits the first FL_FIELDS comma-separated fields of p[0..n). */
static void
fl_split(const char *p, size_t n, struct fl_rec *r)
{
	const char *end = p + n, *c;

	r->n = 0;
	while (r->n < FL_FIELDS) {
		c = memchr(p, ',', (size_t)(end - p));
		if (c == NULL) {
			r->f[r->n++] = (struct str){ p, (size_t)(end - p) };
			return;
		}
		r->f[r->n++] = (struct str){ p, (size_t)(c - p) };
		p = c + 1;
	}
}

/*
 * True for a line whose syslog tag is "filterlog"; *h holds its header.
 */
static bool
fl_is_filterlog(const char *line, size_t n, struct syslog_hdr *h)
{
	static const struct str tag = { "filterlog", 9 };

	if (memmem(line, n, tag.p, tag.n) == NULL)
		return false;
	syslog_parse(line, n, h);
	return h->tag.n == tag.n && memcmp(h->tag.p, tag.p, tag.n) == 0;
}

/* Reads an address; the IPv4 layout wants IPv4 text, IPv6 a colon. */
static bool
fl_addr(struct str s, bool v6, struct addr *a)
{
	bool colon = memchr(s.p, ':', s.n) != NULL;

	return colon == v6 && addr_parse(s.p, s.n, a);
}

/*
 * Reads the ports that follow the addresses of a TCP or UDP record.  A
 * tail that does not start with a digit (empty: a fragment, or a
 * decoder's message such as errormsg='...') leaves them absent.
 */
static bool
fl_ports(struct parse_ctx *ctx, const struct fl_rec *r, size_t tail,
    struct event *ev)
{
	uint32_t v;

	if (tail >= r->n || r->f[tail].n == 0 ||
	    r->f[tail].p[0] < '0' || r->f[tail].p[0] > '9')
		return true;
	if (!fl_uint(r->f[tail], 65535, &v))
		return ctx->reason = "bad source port", false;
	ev->sport = (uint16_t)v, ev->has_sport = true;
	if (tail + 1 >= r->n || !fl_uint(r->f[tail + 1], 65535, &v))
		return ctx->reason = "bad destination port", false;
	ev->dport = (uint16_t)v, ev->has_dport = true;
	return true;
}

/*
 * Fills protocol, addresses, ports and identity from the IP part, which
 * starts at field base.  Returns false with ctx->reason set when a value
 * is unreadable.
 */
static bool
fl_set_packet(struct parse_ctx *ctx, const struct fl_rec *r, size_t base,
    const struct fl_layout *l, struct event *ev)
{
	struct str pf = r->f[base + l->proto];
	uint32_t v;
	int proto;

	if (pf.n == 0 || !fl_all_digits(pf) ||
	    (proto = proto_parse(pf.p, pf.n)) < 0)
		return ctx->reason = "bad protocol number", false;
	ev->proto = (int16_t)proto;
	if (!fl_addr(r->f[base + l->src], l->v6, &ev->src))
		return ctx->reason = "bad source address", false;
	if (!fl_addr(r->f[base + l->dst], l->v6, &ev->dst))
		return ctx->reason = "bad destination address", false;
	ev->has_src = ev->has_dst = true;
	if ((proto == PROTO_TCP || proto == PROTO_UDP) &&
	    !fl_ports(ctx, r, base + l->tail, ev))
		return false;
	if (l->id != SIZE_MAX && fl_uint(r->f[base + l->id], UINT32_MAX, &v))
		ev->ident = v;
	return true;
}

/* True when the host name contains "opnsense" in any case. */
static bool
fl_host_is_opnsense(struct str host)
{
	for (size_t i = 0; i + 8 <= host.n; i++)
		if (fl_is((struct str){ host.p + i, 8 }, "opnsense"))
			return true;
	return false;
}

/*
 * OPNsense writes a rule label (an MD5 hash or a UUID) where pfSense
 * writes a numeric tracker; a label of digits only, as OPNsense writes
 * when it has none, falls back to the host name.
 */
static void
fl_set_vendor(const struct fl_rec *r, struct str host, struct event *ev)
{
	if (!fl_all_digits(r->f[FL_LABEL]) || fl_host_is_opnsense(host)) {
		ev->vendor = (struct str){ "OPNsense", 8 };
		ev->product = (struct str){ "OPNsense", 8 };
	} else {
		ev->vendor = (struct str){ "Netgate", 7 };
		ev->product = (struct str){ "pfSense", 7 };
	}
}

/*
 * Checks the record's shape and finds its IP part.  Returns PARSE_OK with
 * *l and *base set, or the status to return.
 */
static enum parse_status
fl_layout_of(struct parse_ctx *ctx, const struct fl_rec *r,
    const struct fl_layout **l, size_t *base)
{
	struct str ver;

	if (r->n < FL_COMMON)
		return ctx->reason = "fewer than 9 fields", PARSE_MALFORMED;
	ver = r->f[FL_IPVER];
	if (fl_is(ver, "4"))
		*l = &fl_ipv4;
	else if (fl_is(ver, "6"))
		*l = &fl_ipv6;
	else
		return ctx->reason = "IP version not 4 or 6", PARSE_MALFORMED;

	/* a packet shorter than its IP length: a marker, then the layout */
	*base = FL_COMMON;
	if (r->n > FL_COMMON && fl_has_prefix(r->f[FL_COMMON], "truncated-ip"))
		(*base)++;
	if (r->n <= *base + (*l)->dst) {
		if (r->n > FL_COMMON && (fl_has_prefix(r->f[FL_COMMON], "[|") ||
		    fl_has_prefix(r->f[FL_COMMON], "truncated-ip") ||
		    fl_has_prefix(r->f[FL_COMMON], "bad-")))
			return ctx->reason = "packet too short to decode",
			    PARSE_SKIP;
		ctx->reason = (*l)->v6 ? "fewer fields than the IPv6 layout" :
		    "fewer fields than the IPv4 layout";
		return PARSE_MALFORMED;
	}
	return PARSE_OK;
}

static enum parse_status
filterlog_parse(struct parse_ctx *ctx, const char *line, size_t n,
    struct event *ev)
{
	const struct fl_layout *l;
	struct syslog_hdr h;
	struct fl_rec r;
	enum parse_status st;
	size_t base;

	event_clear(ev);
	if (!fl_is_filterlog(line, n, &h))
		return PARSE_NOT_MINE;
	fl_split(line + h.msg, n - h.msg, &r);
	if (r.n == 1 && r.f[0].n == 0)
		return ctx->reason = "empty filterlog message", PARSE_SKIP;
	if (r.n == 1)
		return ctx->reason = "filterlog message that is not a packet",
		    PARSE_SKIP;
	if ((st = fl_layout_of(ctx, &r, &l, &base)) != PARSE_OK)
		return st;
	if (!fl_set_packet(ctx, &r, base, l, ev))
		return PARSE_MALFORMED;

	if (h.bad_time)
		return ctx->reason = SYSLOG_BAD_TIME, PARSE_MALFORMED;
	if (h.has_time) {
		if (!time_ctx_resolve(&ctx->time, &h.time, &ev->time))
			return ctx->reason = "bad time", PARSE_MALFORMED;
		ev->has_time = true;
	}
	ev->action = r.f[FL_ACTION];
	if (!fl_is(r.f[FL_DIR], "in"))
		ev->verdict = ACTION_OTHER;	/* not an inbound attempt */
	fl_set_vendor(&r, h.host, ev);
	ev->device = h.host;
	return PARSE_OK;
}

/* True when a line of the file head reads as a filterlog packet record. */
static bool
fl_line_like(const char *line, size_t n)
{
	struct syslog_hdr h;
	struct fl_rec r;

	if (!fl_is_filterlog(line, n, &h))
		return false;
	fl_split(line + h.msg, n - h.msg, &r);
	return r.n > FL_COMMON + fl_ipv6.dst &&
	    (fl_is(r.f[FL_IPVER], "4") || fl_is(r.f[FL_IPVER], "6"));
}

/*
 * Scores the head by the share of its complete, non-empty lines that are
 * filterlog packet records; a syslog file that mixes them with other
 * messages still scores above zero.
 */
static int
filterlog_sniff(const char *head, size_t n)
{
	const char *p = head, *end = head + n, *nl;
	unsigned lines = 0, good = 0;

	while (p < end && lines < FL_SNIFF_LINES) {
		if ((nl = memchr(p, '\n', (size_t)(end - p))) == NULL) {
			if (lines > 0)
				break;	/* a cut line; judge the rest */
			nl = end;
		}
		if (nl > p) {
			lines++;
			good += fl_line_like(p, (size_t)(nl - p));
		}
		p = nl + 1;
	}
	if (good == 0)
		return 0;
	return (int)(30 + 65 * good / lines);
}

const struct format format_filterlog = {
	.name = "filterlog",
	.title = "pfSense and OPNsense filterlog",
	.sniff = filterlog_sniff,
	.line_based = true,
	.parse = filterlog_parse,
};
