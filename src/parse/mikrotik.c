/*
 * mikrotik.c - MikroTik RouterOS firewall log lines, as a syslog server
 * writes them.
 *
 * A line is a syslog header, the topics ("firewall,info"), the rule's log
 * prefix (optional), the chain and then the packet:
 *
 *   drop-tcp input: in:ether1 out:(unknown 0), src-mac 00:00:5e:00:53:01,
 *   proto TCP (SYN), 203.0.113.5:40000->192.0.2.1:23, len 44
 *
 * The prefix and the chain name the verdict, as a netfilter prefix does;
 * the packet part gives the protocol and the address pair.  Everything
 * borrows from the line.  docs/formats.md, section MikroTik, is the
 * contract.
 */
#include <string.h>

#include "../core/action.h"
#include "format.h"
#include "syslog.h"

#define MT_SNIFF_LINES 100	/* lines of the file head that sniff reads */

/* The packet part of a line. */
struct mt_packet {
	struct str proto;	/* the protocol word */
	struct str from, to;	/* the two sides of "->" */
};

/*
 * Finds the chain's ": in:" followed by " out:": returns the offset of
 * the colon ending the chain name, or n when the line has none.
 */
static size_t
mt_find_chain_end(const char *line, size_t n)
{
	const char *p = memmem(line, n, ": in:", 5);

	if (p == NULL || memmem(p + 5, n - (size_t)(p + 5 - line), " out:",
	    5) == NULL)
		return n;
	return (size_t)(p - line);
}

/* Skips a parenthesised group "(SYN)" or "(type 8, code 0)" at s[i]. */
static size_t
mt_skip_group(const char *s, size_t n, size_t i)
{
	const char *close;

	while (i < n && s[i] == ' ')
		i++;
	if (i >= n || s[i] != '(')
		return i;
	close = memchr(s + i, ')', n - i);
	return close == NULL ? n : (size_t)(close - s) + 1;
}

/*
 * Reads "proto WORD [(...)], FROM->TO" of the text s[0..n) after the
 * chain.  Returns the error, or NULL.
 */
static const char *
mt_read_packet(const char *s, size_t n, struct mt_packet *pk)
{
	const char *p = memmem(s, n, ", proto ", 8), *arrow, *end;
	size_t i, e;

	if (p == NULL)
		return "no protocol";
	i = (size_t)(p - s) + 8;
	for (e = i; e < n && s[e] != ' ' && s[e] != ','; e++)
		;
	pk->proto = (struct str){ s + i, e - i };
	i = mt_skip_group(s, n, e);
	if (i >= n || s[i] != ',')
		return "no addresses";
	for (i++; i < n && s[i] == ' '; i++)
		;
	end = memchr(s + i, ',', n - i);
	e = end == NULL ? n : (size_t)(end - s);
	arrow = memmem(s + i, e - i, "->", 2);
	if (arrow == NULL)
		return "no addresses";
	pk->from = (struct str){ s + i, (size_t)(arrow - (s + i)) };
	pk->to = (struct str){ arrow + 2, (size_t)(s + e - arrow - 2) };
	return NULL;
}

/*
 * Reads one side of the address pair: "[v6]:port", "v4:port", or an
 * address alone (a bare IPv6 address, with two colons or more, has no
 * port: RouterOS brackets an IPv6 address that has one).
 */
static bool
mt_read_side(struct str v, struct addr *a, uint16_t *port, bool *has_port)
{
	size_t colons = 0;

	if (v.n == 0)
		return false;
	for (size_t i = 0; i < v.n; i++)
		colons += v.p[i] == ':';
	if (v.p[0] == '[' || colons == 1) {
		*has_port = addr_parse_hostport(v.p, v.n, a, port);
		return *has_port;
	}
	return addr_parse(v.p, v.n, a);
}

/* Fills addresses, ports and protocol; returns the error, or NULL. */
static const char *
mt_fill_network(const struct mt_packet *pk, struct event *ev)
{
	int proto;

	if (!mt_read_side(pk->from, &ev->src, &ev->sport, &ev->has_sport))
		return "bad source address";
	if (!mt_read_side(pk->to, &ev->dst, &ev->dport, &ev->has_dport))
		return "bad destination address";
	ev->has_src = ev->has_dst = true;
	if ((proto = proto_parse(pk->proto.p, pk->proto.n)) == -2)
		return "bad protocol number";
	/* "ICMP" between IPv6 addresses is ICMPv6 (protocol 1 is IPv4) */
	if (proto == PROTO_ICMP && !addr_is_v4(&ev->src))
		proto = PROTO_ICMPV6;
	ev->proto = (int16_t)proto;
	return NULL;
}

/* True for a topics token such as "firewall,info". */
static bool
mt_is_topics(const char *s, size_t n)
{
	bool comma = false;

	for (size_t i = 0; i < n; i++) {
		if (s[i] == ',')
			comma = true;
		else if (!((s[i] >= 'a' && s[i] <= 'z') ||
		    (s[i] >= 'A' && s[i] <= 'Z') ||
		    (s[i] >= '0' && s[i] <= '9')))
			return false;
	}
	return comma;
}

/*
 * Where the prefix starts: after the syslog header and the topics.  When
 * the syslog reader took the chain or a prefix word for a tag ("router
 * input: in:..."), the text starts at that tag.
 */
static size_t
mt_prefix_start(const char *line, size_t chain_end,
    const struct syslog_hdr *h)
{
	size_t i = h->msg, e;

	if (h->tag.n > 0 && h->tag.p >= line && h->tag.p < line + i)
		i = (size_t)(h->tag.p - line);
	while (i < chain_end && line[i] == ' ')
		i++;
	for (e = i; e < chain_end && line[e] != ' '; e++)
		;
	if (e < chain_end && mt_is_topics(line + i, e - i))
		i = e;
	return i;
}

/*
 * Sets the action from the first verdict word of the prefix and chain,
 * else the configured default for packet logs.
 */
static void
mt_set_action(struct parse_ctx *ctx, const char *p, const char *end,
    struct event *ev)
{
	const char *w;
	size_t wn;

	if (p < end && action_find_word(p, (size_t)(end - p), true, &w,
	    &wn)) {
		ev->action = (struct str){ w, wn };
		return;
	}
	w = ctx->opts != NULL ? ctx->opts->netfilter_default_action : NULL;
	if (w == NULL)
		w = "drop";
	ev->action = (struct str){ w, strlen(w) };
}

static enum parse_status
mikrotik_parse(struct parse_ctx *ctx, const char *line, size_t n,
    struct event *ev)
{
	struct syslog_hdr h;
	struct mt_packet pk;
	size_t chain_end, body;
	const char *err;

	if ((chain_end = mt_find_chain_end(line, n)) == n)
		return PARSE_NOT_MINE;
	event_clear(ev);
	body = chain_end + 1;
	if ((err = mt_read_packet(line + body, n - body, &pk)) != NULL ||
	    (err = mt_fill_network(&pk, ev)) != NULL)
		return ctx->reason = err, PARSE_MALFORMED;

	syslog_parse(line, n, &h);
	if (h.msg > chain_end)
		h.msg = chain_end, h.tag = STR_NULL;
	if (h.bad_time)
		return ctx->reason = SYSLOG_BAD_TIME, PARSE_MALFORMED;
	if (h.has_time) {
		if (!time_ctx_resolve(&ctx->time, &h.time, &ev->time))
			return ctx->reason = "bad time", PARSE_MALFORMED;
		ev->has_time = true;
	}
	mt_set_action(ctx, line + mt_prefix_start(line, chain_end, &h),
	    line + chain_end, ev);
	ev->vendor = (struct str){ "MikroTik", 8 };
	ev->product = (struct str){ "RouterOS", 8 };
	ev->device = h.host;
	return PARSE_OK;
}

/* True when a line of the file head reads as a RouterOS packet line. */
static bool
mt_line_like(const char *s, size_t n)
{
	struct mt_packet pk;
	size_t chain_end = mt_find_chain_end(s, n);

	return chain_end < n &&
	    mt_read_packet(s + chain_end + 1, n - chain_end - 1, &pk) == NULL;
}

/* Scores the file head by the share of its lines that read as records. */
static int
mikrotik_sniff(const char *head, size_t n)
{
	return sniff_share(head, n, MT_SNIFF_LINES, mt_line_like);
}

const struct format format_mikrotik = {
	.name = "mikrotik",
	.title = "MikroTik RouterOS firewall log lines",
	.sniff = mikrotik_sniff,
	.line_based = true,
	.parse = mikrotik_parse,
};
