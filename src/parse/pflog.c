/*
 * pflog.c - the packet log of OpenBSD's pf, as tcpdump prints it when
 * reading pflogd's file: tcpdump -n -e -ttt -r /var/log/pflog.
 *
 * A line is the capture time, the pf header that -e adds ("rule 5/(match)
 * block in on em0:") and the packet in tcpdump's words ("203.0.113.40.40000
 * > 192.0.2.60.23: S 1234:1234(0) win 512").  The header gives the action
 * and direction; the packet gives the addresses, where the last dot of an
 * address separates the port, and its first words tell the protocol.  A
 * syslog header in front (the text relayed through logger) is read too.
 * Everything is borrowed from the line.  docs/formats.md, section pflog,
 * is the contract.
 */
#include <string.h>

#include "../core/action.h"
#include "format.h"
#include "syslog.h"

#define PF_SNIFF_LINES 200

/* The pieces of one line, as located. */
struct pf_line {
	struct civil time;
	bool has_time;
	bool bad_time;		/* the syslog header's is unreadable */
	struct str host;	/* from a syslog header; may be empty */
	struct str action, dir;
	const char *pkt;	/* the packet text, after "on IF: " */
};

static bool
pf_is_digit(char c)
{
	return c >= '0' && c <= '9';
}

static bool
pf_str_is(struct str s, const char *lit)
{
	size_t n = strlen(lit);

	return s.n == n && memcmp(s.p, lit, n) == 0;
}

/* Case-insensitive prefix test of p[0..n) against a lower-case word. */
static bool
pf_prefix_ci(const char *p, size_t n, const char *lower)
{
	size_t k = strlen(lower);

	if (n < k)
		return false;
	for (size_t i = 0; i < k; i++) {
		char c = p[i];

		if (c >= 'A' && c <= 'Z')
			c = (char)(c - 'A' + 'a');
		if (c != lower[i])
			return false;
	}
	return true;
}

/*
 * Reads the capture time at s: "Mar 03 10:00:07.123456" (OpenBSD -ttt)
 * or "2024-03-03 10:00:07.123456" (-tttt elsewhere).  Returns the bytes
 * read, 0 when s does not start with such a time.
 */
static size_t
pf_read_time(const char *s, size_t n, struct civil *c)
{
	const char *sp;
	size_t k;

	if ((k = syslog_parse_bsd_time(s, n, c)) > 0)
		return k;
	if (n < 19 || !pf_is_digit(s[0]) || s[4] != '-' || s[10] != ' ')
		return 0;
	sp = memchr(s + 11, ' ', n - 11);
	k = sp != NULL ? (size_t)(sp - s) : n;
	return time_parse_iso(s, k, c) ? k : 0;
}

/*
 * Finds "rule " at s, after an optional capture time.  Returns the offset
 * of "rule ", or n when it is not there.
 */
static size_t
pf_find_rule(const char *s, size_t n, struct pf_line *pl)
{
	size_t k = pf_read_time(s, n, &pl->time);

	pl->has_time = k > 0;
	if (k > 0) {
		if (k >= n || s[k] != ' ')
			return n;
		k++;
	}
	return n - k >= 5 && memcmp(s + k, "rule ", 5) == 0 ? k : n;
}

/* The token that ends just before p, not reaching back past start. */
static struct str
pf_token_before(const char *start, const char *p)
{
	const char *b = p;

	while (b > start && b[-1] != ' ')
		b--;
	return (struct str){ b, (size_t)(p - b) };
}

static bool
pf_is_dir(struct str d)
{
	return pf_str_is(d, "in") || pf_str_is(d, "out") ||
	    pf_str_is(d, "in/out") || pf_str_is(d, "fwd");
}

/*
 * Reads "ACTION DIR on IF: " after the rule text: the first " on " that
 * follows a direction word and precedes an interface name ending in ": ".
 * Sets the action, direction and packet start; false when there is none.
 */
static bool
pf_find_on(const char *p, const char *end, struct pf_line *pl)
{
	const char *q = p, *ifn, *c;

	while ((q = memmem(q, (size_t)(end - q), " on ", 4)) != NULL) {
		struct str dir = pf_token_before(p, q), act;

		ifn = q + 4;
		q += 4;
		if (!pf_is_dir(dir) || dir.p - p < 2)
			continue;
		act = pf_token_before(p, dir.p - 1);
		c = ifn;
		while (c < end && *c != ' ' && *c != ':')
			c++;
		if (act.n == 0 || c == ifn || c == end || *c != ':')
			continue;
		if (c + 1 < end && c[1] != ' ')
			continue;
		pl->action = act, pl->dir = dir;
		pl->pkt = c + 1 < end ? c + 2 : end;
		return true;
	}
	return false;
}

/*
 * Locates the pf header of a line: an optional syslog header, an optional
 * capture time, "rule ID/REASON ... ACTION DIR on IF: ".  Returns
 * PARSE_OK, PARSE_NOT_MINE or PARSE_MALFORMED (reason set).
 */
static enum parse_status
pf_locate(struct parse_ctx *ctx, const char *line, size_t n,
    struct pf_line *pl)
{
	const char *end = line + n, *r, *sp;
	struct syslog_hdr h;
	size_t k;

	memset(pl, 0, sizeof(*pl));
	if ((k = pf_find_rule(line, n, pl)) == n) {
		if (!syslog_parse(line, n, &h) || h.msg >= n)
			return PARSE_NOT_MINE;
		if ((k = pf_find_rule(line + h.msg, n - h.msg, pl)) ==
		    n - h.msg)
			return PARSE_NOT_MINE;
		k += h.msg;
		pl->host = h.host;
		if (!pl->has_time) {
			pl->time = h.time;
			pl->has_time = h.has_time;
			pl->bad_time = h.bad_time;
		}
	}

	/* the rule number and reason form one token with a slash */
	r = line + k + 5;
	sp = memchr(r, ' ', (size_t)(end - r));
	if (sp == NULL || memchr(r, '/', (size_t)(sp - r)) == NULL)
		return PARSE_NOT_MINE;
	if (!pf_find_on(sp, end, pl)) {
		ctx->reason = "no action, direction and interface";
		return PARSE_MALFORMED;
	}
	return PARSE_OK;
}

/*
 * Reads "ADDR" or "ADDR.PORT".  An IPv4 address has three dots and an
 * IPv6 address none (or three, with an IPv4 tail), so one or four dots
 * mean a port after the last.  Returns false with ctx->reason set.
 */
static bool
pf_addr_port(struct parse_ctx *ctx, struct str s, struct addr *a,
    uint16_t *port, bool *has_port, bool src)
{
	const char *dot = NULL;
	size_t dots = 0, an = s.n;
	uint32_t v = 0;

	for (size_t i = 0; i < s.n; i++)
		if (s.p[i] == '.')
			dots++, dot = s.p + i;
	if (dots == 1 || dots == 4) {
		an = (size_t)(dot - s.p);
		if (dot + 1 == s.p + s.n || s.n - an - 1 > 5)
			goto bad_port;
		for (const char *c = dot + 1; c < s.p + s.n; c++) {
			if (!pf_is_digit(*c))
				goto bad_port;
			v = v * 10 + (uint32_t)(*c - '0');
		}
		if (v > 65535)
			goto bad_port;
		*port = (uint16_t)v, *has_port = true;
	}
	if (!addr_parse(s.p, an, a)) {
		ctx->reason = src ? "bad source address" :
		    "bad destination address";
		return false;
	}
	return true;
bad_port:
	ctx->reason = src ? "bad source port" : "bad destination port";
	return false;
}

/* True for tcpdump's TCP flags word: "S", "S.", ".", "FP.", "SEW". */
static bool
pf_is_tcp_flags(const char *p, size_t n)
{
	if (n == 0)
		return false;
	for (size_t i = 0; i < n; i++)
		if (strchr("FSRPUEW.", p[i]) == NULL || p[i] == '\0')
			return false;
	return true;
}

/* The protocol of a packet with ports, from the words after them. */
static int
pf_proto_ported(const char *p, const char *end)
{
	const char *sp = memchr(p, ' ', (size_t)(end - p));
	size_t n = sp != NULL ? (size_t)(sp - p) : (size_t)(end - p);

	if (pf_is_tcp_flags(p, n) || pf_prefix_ci(p, n, "flags") ||
	    pf_prefix_ci(p, n, "tcp") || pf_prefix_ci(p, n, "[|tcp"))
		return PROTO_TCP;
	if (pf_prefix_ci(p, n, "sctp"))
		return 132;
	if (pf_prefix_ci(p, n, "dccp"))
		return 33;
	return PROTO_UDP;	/* "udp 20", "UDP, length 20", a decoded
				   payload such as DNS */
}

/* Protocol words of portless packets, by prefix, longest first. */
static const struct {
	const char *word;
	int proto;
} pf_proto_words[] = {
	{ "icmp6", PROTO_ICMPV6 }, { "icmpv6", PROTO_ICMPV6 },
	{ "icmp", PROTO_ICMP }, { "igmp", 2 }, { "gre", 47 },
	{ "esp", 50 }, { "ah", 51 }, { "carp", 112 }, { "vrrp", 112 },
	{ "ospf", 89 }, { "pim", 103 }, { "sctp", 132 },
};

/* The protocol of a packet without ports: "icmp: echo request", "ICMP
 * echo request, ...", "ip-proto-47 20", "GREv0, ...", "esp ...". */
static int
pf_proto_portless(const char *p, const char *end)
{
	size_t n = (size_t)(end - p), k;
	int v = 0;
	char c;

	if (pf_prefix_ci(p, n, "ip-proto-")) {
		for (k = 9; k < n && pf_is_digit(p[k]); k++)
			v = v < 1000 ? v * 10 + (p[k] - '0') : v;
		return k > 9 && v <= 255 ? v : -1;
	}
	for (size_t i = 0; i < sizeof(pf_proto_words) /
	    sizeof(pf_proto_words[0]); i++) {
		k = strlen(pf_proto_words[i].word);
		if (!pf_prefix_ci(p, n, pf_proto_words[i].word))
			continue;
		c = k < n ? p[k] : ' ';
		if (c == ' ' || c == ':' || c == ',' || c == '(' ||
		    ((c == 'v' || c == 'V') && k + 1 < n &&
		    pf_is_digit(p[k + 1])))
			return pf_proto_words[i].proto;
	}
	return -1;
}

/* Skips "[uid 0, pid 1] " groups (-v) and an "IP " or "IP6 " word. */
static const char *
pf_skip_packet_prefix(const char *p, const char *end)
{
	const char *c;

	while (p < end && *p == '[' &&
	    (c = memchr(p, ']', (size_t)(end - p))) != NULL) {
		p = c + 1;
		while (p < end && *p == ' ')
			p++;
	}
	if (end - p >= 3 && memcmp(p, "IP ", 3) == 0)
		p += 3;
	else if (end - p >= 4 && memcmp(p, "IP6 ", 4) == 0)
		p += 4;
	return p;
}

/*
 * Fills the addresses, ports and protocol from the packet text.  Returns
 * false with ctx->reason set when they cannot be read.
 */
static bool
pf_set_packet(struct parse_ctx *ctx, const char *p, const char *end,
    struct event *ev)
{
	const char *gt, *d;
	struct str src, dst;

	p = pf_skip_packet_prefix(p, end);
	if ((gt = memmem(p, (size_t)(end - p), " > ", 3)) == NULL)
		return ctx->reason = "no source and destination", false;
	src = pf_token_before(p, gt);
	d = gt + 3;
	dst.p = d;
	while (d < end && *d != ' ')
		d++;
	dst.n = (size_t)(d - dst.p);
	if (dst.n > 0 && dst.p[dst.n - 1] == ':')
		dst.n--;
	if (!pf_addr_port(ctx, src, &ev->src, &ev->sport, &ev->has_sport,
	    true) || !pf_addr_port(ctx, dst, &ev->dst, &ev->dport,
	    &ev->has_dport, false))
		return false;
	ev->has_src = ev->has_dst = true;
	while (d < end && *d == ' ')
		d++;
	ev->proto = (int16_t)(ev->has_dport ? pf_proto_ported(d, end) :
	    pf_proto_portless(d, end));
	return true;
}

/* True for tcpdump's marks of a capture too short for the pf header. */
static bool
pf_is_short_capture(const char *line, size_t n)
{
	struct civil c;
	size_t k = pf_read_time(line, n, &c);

	if (k == 0 || k >= n || line[k] != ' ')
		return false;
	k++;
	return (n - k >= 8 && memcmp(line + k, "[|pflog]", 8) == 0) ||
	    (n - k >= 7 && memcmp(line + k, "[pflog:", 7) == 0);
}

static enum parse_status
pflog_parse(struct parse_ctx *ctx, const char *line, size_t n,
    struct event *ev)
{
	struct pf_line pl;
	enum parse_status st;

	event_clear(ev);
	if (memmem(line, n, "rule ", 5) == NULL) {
		if (memmem(line, n, "pflog", 5) != NULL &&
		    pf_is_short_capture(line, n))
			return ctx->reason = "capture without the pf header",
			    PARSE_SKIP;
		return PARSE_NOT_MINE;
	}
	if ((st = pf_locate(ctx, line, n, &pl)) != PARSE_OK)
		return st;
	if (!pf_set_packet(ctx, pl.pkt, line + n, ev))
		return PARSE_MALFORMED;
	if (pl.bad_time)
		return ctx->reason = SYSLOG_BAD_TIME, PARSE_MALFORMED;
	if (pl.has_time) {
		if (!time_ctx_resolve(&ctx->time, &pl.time, &ev->time))
			return ctx->reason = "bad time", PARSE_MALFORMED;
		ev->has_time = true;
	}
	ev->action = pl.action;
	if (!pf_str_is(pl.dir, "in"))
		ev->verdict = ACTION_OTHER;	/* not an inbound attempt */
	ev->vendor = (struct str){ "OpenBSD", 7 };
	ev->product = (struct str){ "pf", 2 };
	ev->device = pl.host;
	return PARSE_OK;
}

/*
 * Scores the head by the share of its complete, non-empty lines that
 * carry a pf header.
 */
static int
pflog_sniff(const char *head, size_t n)
{
	const char *p = head, *end = head + n, *nl;
	unsigned lines = 0, good = 0;
	struct parse_ctx ctx;
	struct pf_line pl;

	memset(&ctx, 0, sizeof(ctx));
	while (p < end && lines < PF_SNIFF_LINES) {
		if ((nl = memchr(p, '\n', (size_t)(end - p))) == NULL) {
			if (lines > 0)
				break;	/* a cut line; judge the rest */
			nl = end;
		}
		if (nl > p) {
			lines++;
			good += memmem(p, (size_t)(nl - p), "rule ", 5) !=
			    NULL && pf_locate(&ctx, p, (size_t)(nl - p),
			    &pl) == PARSE_OK;
		}
		p = nl + 1;
	}
	if (good == 0)
		return 0;
	return (int)(30 + 65 * good / lines);
}

const struct format format_pflog = {
	.name = "pflog",
	.title = "OpenBSD pf log read by tcpdump -n -e -ttt",
	.sniff = pflog_sniff,
	.line_based = true,
	.parse = pflog_parse,
};
