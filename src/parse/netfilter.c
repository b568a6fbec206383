/*
 * netfilter.c - the packet log lines of the Linux kernel: iptables,
 * ip6tables, nftables "log", ufw and firewalld, as a syslog daemon,
 * journalctl -k or ulogd2's LOGEMU output writes them.
 *
 * A line is a syslog header, the log prefix chosen by the rule, then the
 * packet as KEY=VALUE tokens starting at "IN=".  The prefix names the
 * verdict ("[UFW BLOCK]", "FINAL_REJECT:"); the tokens give the addresses,
 * ports and protocol.  Everything borrows from the line.
 */
#include <string.h>
#include <strings.h>

#include "../core/action.h"
#include "format.h"
#include "scan.h"
#include "syslog.h"

/* The keys the event needs, each taken from its first occurrence. */
struct nf_body {
	struct str src, dst, proto, spt, dpt, id;
	bool has_src, has_dst, has_proto, has_spt, has_dpt, has_id;
	bool has_packet_key;	/* MAC=, SRC= or DST= seen */
};

static bool
nf_is_word_char(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	    (c >= '0' && c <= '9') || c == '_';
}

static bool
str_is(struct str s, const char *lit)
{
	size_t n = strlen(lit);

	return s.n == n && memcmp(s.p, lit, n) == 0;
}

/*
 * Finds the "IN=" that starts the packet: the first one not glued to a
 * preceding word ("PHYSIN=" is not it, "]IN=" is).  Returns its offset,
 * or n when there is none.  Every "IN=" holds a "=", so the search goes
 * from one "=" to the next.
 */
static size_t
nf_find_in(const char *line, size_t n)
{
	const char *p = line, *end = line + n;
	size_t k;

	while ((p = memchr(p, '=', (size_t)(end - p))) != NULL) {
		k = (size_t)(p - line);
		if (k >= 2 && line[k - 2] == 'I' && line[k - 1] == 'N' &&
		    (k == 2 || !nf_is_word_char(line[k - 3])))
			return k - 2;
		p++;
	}
	return n;
}

/* Keeps val in *dst unless an earlier occurrence of the key was kept. */
static void
nf_keep_first(struct str *dst, bool *has, struct str val)
{
	if (!*has)
		*dst = val, *has = true;
}

/* Remembers the value of a key the event needs. */
static void
nf_body_take(struct nf_body *b, struct str key, struct str val)
{
	const char *k = key.p;

	switch (key.n) {
	case 2:
		if (memcmp(k, "ID", 2) == 0)
			nf_keep_first(&b->id, &b->has_id, val);
		break;
	case 3:
		/* MAC, SRC and DST say the line is a packet's; ports do not */
		if (memcmp(k, "SPT", 3) == 0) {
			nf_keep_first(&b->spt, &b->has_spt, val);
		} else if (memcmp(k, "DPT", 3) == 0) {
			nf_keep_first(&b->dpt, &b->has_dpt, val);
		} else if (memcmp(k, "SRC", 3) == 0) {
			nf_keep_first(&b->src, &b->has_src, val);
			b->has_packet_key = true;
		} else if (memcmp(k, "DST", 3) == 0) {
			nf_keep_first(&b->dst, &b->has_dst, val);
			b->has_packet_key = true;
		} else if (memcmp(k, "MAC", 3) == 0) {
			b->has_packet_key = true;
		}
		break;
	case 5:
		if (memcmp(k, "PROTO", 5) == 0)
			nf_keep_first(&b->proto, &b->has_proto, val);
		break;
	}
}

/* True when the body holds every key the event needs. */
static bool
nf_body_full(const struct nf_body *b)
{
	return b->has_src && b->has_dst && b->has_proto && b->has_spt &&
	    b->has_dpt && b->has_id;
}

/*
 * Takes the token whose first "=" is s[q], the token starting at s[t]:
 * its value ends at the next space, the first of those in space (the
 * spaces of the block, bit k for s[base + k]) if there is one after q.
 */
static void
nf_body_token(const char *s, size_t n, size_t t, size_t q, size_t base,
    uint64_t space, struct nf_body *b)
{
	const char *sp;
	size_t e;

	if (q - t < 2 || q - t > 5 || q - t == 4)
		return;		/* not ID, SRC, DST, SPT, DPT, MAC, PROTO */
	space &= ~(uint64_t)0 << (q - base);
	if (space != 0)
		e = base + (size_t)__builtin_ctzll(space);
	else if ((sp = scan_byte(s + q, n - q, ' ')) != NULL)
		e = (size_t)(sp - s);
	else
		e = n;
	nf_body_take(b, (struct str){ s + t, q - t },
	    (struct str){ s + q + 1, e - q - 1 });
}

/*
 * Splits the packet text s[in..n) into space-separated tokens and keeps
 * the values of the keys the event needs, 64 bytes at a time: a token is
 * a key when its first "=" comes before its first space.  Stops at a
 * token starting with '[', the packet quoted inside an ICMP error.
 */
static void
nf_body_scan(const char *s, size_t n, size_t in, struct nf_body *b)
{
	struct scan_block blk;
	uint64_t space, eq, starts, below, space_last = 1;
	size_t base, q, t, tok = in, last_eq = 0;
	bool any_eq = false;

	memset(b, 0, sizeof(*b));
	for (base = in; base < n; base += 64) {
		scan_block_at(&blk, s, n, base);
		space = scan_block_eq(&blk, ' ');
		eq = scan_block_eq(&blk, '=');
		starts = ~space & (space << 1 | space_last);
		starts &= scan_block_eq(&blk, '[');
		if (starts != 0)	/* only the '=' before the first '[' */
			eq &= (starts & -starts) - 1;
		for (; eq != 0; eq &= eq - 1) {
			q = base + (size_t)__builtin_ctzll(eq);
			below = space & ((eq & -eq) - 1);
			t = below != 0 ? base + 64 -
			    (size_t)__builtin_clzll(below) : tok;
			if (any_eq && last_eq >= t)
				continue;	/* a "=" inside a value */
			last_eq = q, any_eq = true;
			nf_body_token(s, n, t, q, base, space, b);
			if (nf_body_full(b))
				return;	/* later tokens can change nothing */
		}
		if (starts != 0)
			return;
		if (space != 0)
			tok = base + 64 - (size_t)__builtin_clzll(space);
		space_last = space >> 63;
	}
}

/* Skips a kernel uptime stamp "[86400.123456]" or "[    5.1]" at p. */
static const char *
nf_skip_uptime(const char *p, const char *end)
{
	const char *q = p;

	if (q == end || *q != '[')
		return p;
	for (q++; q < end && *q == ' '; q++)
		;
	if (q == end || *q < '0' || *q > '9')
		return p;
	while (q < end && ((*q >= '0' && *q <= '9') || *q == '.'))
		q++;
	return (q < end && *q == ']') ? q + 1 : p;
}

/*
 * Where the log prefix starts: after the syslog header, the "kernel:" tag
 * and an uptime stamp.  A tag other than "kernel" is kept in the prefix:
 * lines written without one (ulogd2's LOGEMU, "Jan  8 03:37:09 DENY:
 * IN=...") make the syslog reader take the first prefix word for the tag.
 */
static size_t
nf_prefix_start(const char *line, size_t in, const struct syslog_hdr *h)
{
	const char *p = line + h->msg, *end = line + in;

	if (h->tag.n > 0 && !str_is(h->tag, "kernel"))
		p = h->tag.p;
	if (p > end)
		return in;
	while (p < end && *p == ' ')
		p++;
	return (size_t)(nf_skip_uptime(p, end) - line);
}

/*
 * An EdgeOS/VyOS rule name "[NAME-D]" names its verdict by a letter; the
 * event carries the word it stands for, so that the central lookup, which
 * knows words only, classes it.  w may be the letter or the whole name.
 */
static bool
nf_edgeos_word(const char *p, const char *end, const char *w, size_t wn,
    struct str *out)
{
	char c;

	if (wn >= 4 && w[0] == '[' && w[wn - 3] == '-' && w[wn - 1] == ']')
		c = w[wn - 2];
	else if (wn == 1 && w > p && w + 1 < end && w[-1] == '-' && w[1] == ']')
		c = w[0];
	else
		return false;
	if (c == 'D')
		*out = (struct str){ "drop", 4 };
	else if (c == 'R')
		*out = (struct str){ "reject", 6 };
	else if (c == 'A')
		*out = (struct str){ "accept", 6 };
	else
		return false;
	return true;
}

/* Sets the action from the prefix words, else the configured default. */
static void
nf_set_action(struct parse_ctx *ctx, const char *p, const char *end,
    struct event *ev)
{
	const char *w;
	size_t wn;

	while (p < end && *p == ' ')
		p++;
	while (end > p && end[-1] == ' ')
		end--;
	if (action_find_word(p, (size_t)(end - p), true, &w, &wn)) {
		if (!nf_edgeos_word(p, end, w, wn, &ev->action))
			ev->action = (struct str){ w, wn };
		return;
	}
	w = ctx->opts != NULL ? ctx->opts->netfilter_default_action : NULL;
	if (w == NULL)
		w = "drop";
	ev->action = (struct str){ w, strlen(w) };
}

/*
 * Fills the address, port, protocol and identity fields from the scanned
 * body.  Returns false with ctx->reason set when a value is unreadable.
 */
static bool
nf_set_packet(struct parse_ctx *ctx, const struct nf_body *b,
    struct event *ev)
{
	uint64_t v;

	if (!addr_parse(b->src.p, b->src.n, &ev->src))
		return ctx->reason = "bad source address", false;
	if (!addr_parse(b->dst.p, b->dst.n, &ev->dst))
		return ctx->reason = "bad destination address", false;
	ev->has_src = ev->has_dst = true;
	if (b->has_spt) {
		if (!str_to_uint(b->spt, 65535, &v))
			return ctx->reason = "bad source port", false;
		ev->sport = (uint16_t)v, ev->has_sport = true;
	}
	if (b->has_dpt) {
		if (!str_to_uint(b->dpt, 65535, &v))
			return ctx->reason = "bad destination port", false;
		ev->dport = (uint16_t)v, ev->has_dport = true;
	}
	if (b->has_proto) {
		int proto = proto_parse(b->proto.p, b->proto.n);

		if (proto == -2)
			return ctx->reason = "bad protocol number", false;
		ev->proto = (int16_t)proto;
	}
	if (b->has_id && str_to_uint(b->id, UINT64_MAX, &v))
		ev->ident = v;
	return true;
}

/* True for journalctl's own lines: "-- Boot 0f3c... --", "-- Logs begin
 * at ... --", "-- No entries --". */
static bool
nf_is_journal_marker(const char *line, size_t n)
{
	while (n > 0 && (line[n - 1] == ' ' || line[n - 1] == '\r'))
		n--;
	return n >= 5 && memcmp(line, "-- ", 3) == 0 &&
	    memcmp(line + n - 3, " --", 3) == 0;
}

static bool
nf_has(const char *line, size_t n, const char *key)
{
	return memmem(line, n, key, strlen(key)) != NULL;
}

/* True for a packet line that lost its start: a long line split by the
 * logger, or a damaged "IN=".  Such a line is counted, not passed on. */
static bool
nf_is_fragment(const char *line, size_t n)
{
	return nf_has(line, n, " PROTO=") && (nf_has(line, n, " DPT=") ||
	    nf_has(line, n, " SPT=") || (nf_has(line, n, " SRC=") &&
	    nf_has(line, n, " DST=")));
}

static enum parse_status
netfilter_parse(struct parse_ctx *ctx, const char *line, size_t n,
    struct event *ev)
{
	struct syslog_hdr h;
	struct nf_body b;
	size_t in;

	event_clear(ev);
	if (nf_is_journal_marker(line, n))
		return ctx->reason = "journalctl marker line", PARSE_SKIP;
	if ((in = nf_find_in(line, n)) == n) {
		if (!nf_is_fragment(line, n))
			return PARSE_NOT_MINE;
		ctx->reason = "packet fields without IN= (a split line)";
		return PARSE_MALFORMED;
	}
	nf_body_scan(line, n, in, &b);
	if (!b.has_packet_key)
		return PARSE_NOT_MINE;
	if (!b.has_src)
		return ctx->reason = "no source address", PARSE_MALFORMED;
	if (!b.has_dst)
		return ctx->reason = "no destination address", PARSE_MALFORMED;
	if (!nf_set_packet(ctx, &b, ev))
		return PARSE_MALFORMED;

	syslog_parse(line, n, &h);
	if (h.bad_time)
		return ctx->reason = SYSLOG_BAD_TIME, PARSE_MALFORMED;
	if (h.has_time) {
		if (!time_ctx_resolve(&ctx->time, &h.time, &ev->time))
			return ctx->reason = "bad time", PARSE_MALFORMED;
		ev->has_time = true;
	}
	nf_set_action(ctx, line + nf_prefix_start(line, in, &h), line + in,
	    ev);
	ev->vendor = (struct str){ "Linux", 5 };
	ev->product = (struct str){ "netfilter", 9 };
	ev->device = h.host;
	return PARSE_OK;
}

/*
 * A head scores by the share of its complete, non-empty lines that look
 * like packet log lines; a syslog file where firewall lines are mixed
 * with other messages still scores well above zero.
 */
static int
netfilter_sniff(const char *head, size_t n)
{
	const char *p = head, *end = head + n, *nl;
	unsigned lines = 0, good = 0;
	struct nf_body b;

	while (p < end && lines < 200) {
		size_t len, in;

		if ((nl = memchr(p, '\n', (size_t)(end - p))) == NULL) {
			if (lines > 0)
				break;	/* a cut line; judge the rest */
			nl = end;
		}
		len = (size_t)(nl - p);
		if (len > 0 && !nf_is_journal_marker(p, len)) {
			lines++;
			in = nf_find_in(p, len);
			nf_body_scan(p, len, in, &b);
			if (in < len && b.has_src && b.has_dst)
				good++;
		}
		p = nl + 1;
	}
	if (good == 0)
		return 0;
	return (int)(30 + 65 * good / lines);
}

const struct format format_netfilter = {
	.name = "netfilter",
	.title = "Linux netfilter packet log (iptables, nftables, ufw, "
	    "firewalld; syslog, journalctl, ulogd2)",
	.sniff = netfilter_sniff,
	.line_based = true,
	.parse = netfilter_parse,
};
