/*
 * checkpoint.c - Check Point logs as Log Exporter sends them in its syslog
 * format, and as RFC 5424 structured data.
 *
 * Two bodies are read, behind any syslog header:
 *   [action:"Drop"; src:"203.0.113.5"; dst:"192.0.2.1"; ...]
 *   [Fields@1.3.6.1.4.1.2620 src="203.0.113.5" dst="192.0.2.1" ...]
 * Values are quoted, with backslash escapes.  A record that aggregates
 * dropped packets in a "packets" list ("<src,sport,dst,dport,proto;if>
 * ...") yields one event per packet: the parser keeps its place in the
 * list in the per-stream state and asks to be called again on the same
 * line.  docs/formats.md, section Check Point, is the contract.
 */
#include <ctype.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "format.h"
#include "syslog.h"

enum cp_key {
	CK_ACTION, CK_SRC, CK_DST, CK_SPORT, CK_SPORT2, CK_DPORT, CK_DPORT2,
	CK_PROTO, CK_TIME, CK_PRODUCT, CK_PRODUCT2, CK_ORIGIN, CK_PACKETS,
	CK_NKEYS
};

static const struct cp_name {
	const char *name;
	enum cp_key key;
} cp_names[] = {
	{ "action", CK_ACTION }, { "src", CK_SRC }, { "dst", CK_DST },
	{ "s_port", CK_SPORT }, { "sport_svc", CK_SPORT2 },
	{ "service", CK_DPORT }, { "svc", CK_DPORT2 }, { "proto", CK_PROTO },
	{ "time", CK_TIME }, { "product", CK_PRODUCT },
	{ "ProductName", CK_PRODUCT2 }, { "origin", CK_ORIGIN },
	{ "packets", CK_PACKETS },
};

struct cp_rec {
	struct str val[CK_NKEYS];	/* raw values; p NULL when absent */
	size_t body;			/* offset of the opening '[' */
	char sep;			/* ':' or '=' between key and value */
};

/* Where the parser is in a record's packets list. */
struct cp_state {
	uint64_t line;		/* the line, by number and length */
	size_t n;
	size_t next;		/* offset of the next packet; 0: none */
};

static bool
cp_is_key_char(char c)
{
	return isalnum((unsigned char)c) || c == '_' || c == '-' || c == '.';
}

/* Length of the SD-ID at s[i] when it names Check Point (@2620). */
static size_t
cp_sd_id(const char *s, size_t n, size_t i)
{
	static const char *const pen[] = { "@2620", "@1.3.6.1.4.1.2620" };
	size_t k = i, e;

	while (k < n && (cp_is_key_char(s[k]) || s[k] == '@'))
		k++;
	if (k == i || (k < n && s[k] != ' ' && s[k] != ']'))
		return 0;
	for (size_t p = 0; p < 2; p++) {
		e = strlen(pen[p]);
		if (k - i > e && memcmp(s + k - e, pen[p], e) == 0)
			return k - i;
	}
	return 0;
}

/*
 * Finds the body: a '[' followed by a key and ':"' (Log Exporter), or by a
 * Check Point SD-ID.  Sets r->body and r->sep; returns the offset of the
 * first item, or n when the line is not Check Point.
 */
static size_t
cp_find(const char *s, size_t n, struct cp_rec *r)
{
	const char *p = s, *q;
	size_t i, k;

	while ((q = memchr(p, '[', n - (size_t)(p - s))) != NULL) {
		i = (size_t)(q - s) + 1;
		p = q + 1;
		if (i >= n || !(isalpha((unsigned char)s[i]) || s[i] == '_'))
			continue;
		for (k = i; k < n && cp_is_key_char(s[k]); k++)
			;
		if (k + 1 < n && s[k] == ':' && s[k + 1] == '"') {
			r->body = i - 1, r->sep = ':';
			return i;
		}
		if ((k = cp_sd_id(s, n, i)) > 0) {
			r->body = i - 1, r->sep = '=';
			return i + k;
		}
	}
	return n;
}

/* Keeps the value of a key the event uses, unless the key came before. */
static void
cp_store(struct cp_rec *r, const char *key, size_t kn, struct str v)
{
	for (size_t k = 0; k < sizeof(cp_names) / sizeof(cp_names[0]); k++)
		if (strlen(cp_names[k].name) == kn &&
		    memcmp(cp_names[k].name, key, kn) == 0) {
			if (r->val[cp_names[k].key].p == NULL)
				r->val[cp_names[k].key] = v;
			return;
		}
}

/*
 * Scans the items from s[i] to the closing ']': key, separator, then a
 * quoted value (backslash escapes any character) or a bare one up to ';',
 * ' ' or ']'.  Returns false when the body is cut short.
 */
static bool
cp_scan(const char *s, size_t n, size_t i, struct cp_rec *r)
{
	size_t k, v;

	for (;;) {
		while (i < n && (s[i] == ' ' || s[i] == ';'))
			i++;
		if (i >= n)
			return false;
		if (s[i] == ']')
			return true;
		for (k = i; k < n && cp_is_key_char(s[k]); k++)
			;
		if (k == i || k >= n || s[k] != r->sep)
			return false;
		if ((v = k + 1) < n && s[v] == '"') {
			for (v++; v < n && s[v] != '"'; v++)
				v += s[v] == '\\';
			if (v >= n)
				return false;
			cp_store(r, s + i, k - i,
			    (struct str){ s + k + 2, v - k - 2 });
			i = v + 1;
		} else {
			while (v < n && s[v] != ';' && s[v] != ' ' &&
			    s[v] != ']')
				v++;
			cp_store(r, s + i, k - i,
			    (struct str){ s + k + 1, v - k - 1 });
			i = v;
		}
	}
}

/* Undoes backslash escapes into the scratch buffer (sized beforehand). */
static struct str
cp_unescape(struct parse_ctx *ctx, struct str in)
{
	char *out;
	size_t o = 0;

	if (in.n == 0 || memchr(in.p, '\\', in.n) == NULL ||
	    (out = scratch_reserve(&ctx->scratch, in.n)) == NULL)
		return in;
	for (size_t i = 0; i < in.n; i++) {
		if (in.p[i] == '\\' && i + 1 < in.n)
			i++;
		out[o++] = in.p[i];
	}
	ctx->scratch.n += o;
	return (struct str){ out, o };
}

/* Reads a port; false only when one is present and unreadable. */
static bool
cp_port(struct str v, struct str alt, uint16_t *port, bool *has)
{
	uint64_t x;

	if (v.n == 0)
		v = alt;
	if (v.n == 0)
		return true;
	if (!str_to_uint(v, 65535, &x))
		return false;
	*port = (uint16_t)x, *has = true;
	return true;
}

/* Reads an address; false only when one is present and unreadable. */
static bool
cp_addr(struct str v, struct addr *a, bool *has)
{
	if (v.n == 0)
		return true;
	return *has = addr_parse(v.p, v.n, a);
}

/* Reads a protocol; false only for a number above 255. */
static bool
cp_proto(struct str v, int16_t *proto)
{
	int x;

	if (v.n == 0)
		return true;
	if ((x = proto_parse(v.p, v.n)) == -2)
		return false;
	if (x >= 0)
		*proto = (int16_t)x;
	return true;
}

/* Fills addresses, ports and protocol; returns the error, or NULL. */
static const char *
cp_fill_network(const struct cp_rec *r, struct event *ev)
{
	if (!cp_addr(r->val[CK_SRC], &ev->src, &ev->has_src))
		return "bad source address";
	if (!cp_addr(r->val[CK_DST], &ev->dst, &ev->has_dst))
		return "bad destination address";
	if (!cp_port(r->val[CK_SPORT], r->val[CK_SPORT2], &ev->sport,
	    &ev->has_sport))
		return "bad source port";
	if (!cp_port(r->val[CK_DPORT], r->val[CK_DPORT2], &ev->dport,
	    &ev->has_dport))
		return "bad destination port";
	if (!cp_proto(r->val[CK_PROTO], &ev->proto))
		return "bad protocol";
	return NULL;
}

/*
 * Reads one packet "<src,sport,dst,dport,proto[;interface]>" at s[*i]
 * into the event, replacing the record's own network fields.  Advances
 * *i past it.  Returns false when the packet is unreadable.
 */
static bool
cp_packet(const char *s, size_t n, size_t *i, struct event *ev)
{
	struct str f[5];
	size_t k = *i + 1, e, nf = 0;
	const char *err;
	struct cp_rec r;

	const char *gt = memchr(s + k, '>', n - k);

	if (gt == NULL)
		return *i = n, false;
	e = (size_t)(gt - s);
	*i = e + 1;
	for (size_t j = k; nf < 5; j++)
		if (j == e || s[j] == ',' || s[j] == ';') {
			f[nf++] = (struct str){ s + k, j - k };
			k = j + 1;
			if (j == e || s[j] == ';')
				break;
		}
	if (nf != 5)
		return false;
	memset(&r, 0, sizeof(r));
	r.val[CK_SRC] = f[0], r.val[CK_SPORT] = f[1];
	r.val[CK_DST] = f[2], r.val[CK_DPORT] = f[3];
	r.val[CK_PROTO] = f[4];
	ev->has_src = ev->has_dst = ev->has_sport = ev->has_dport = false;
	ev->proto = -1;
	err = cp_fill_network(&r, ev);
	return err == NULL && ev->has_src && ev->has_dst;
}

/* Offset in s of the next '<' in the packets list v, or 0 for none. */
static size_t
cp_next_packet(const char *s, struct str v, size_t from)
{
	const char *end = v.p + v.n, *p = s + from, *q;

	if (p < v.p)
		p = v.p;
	if (p >= end || (q = memchr(p, '<', (size_t)(end - p))) == NULL)
		return 0;
	return (size_t)(q - s);
}

/*
 * For a record with a packets list, fills the event from the packet the
 * stream is at, and asks for another call while packets remain.
 */
static enum parse_status
cp_take_packet(struct parse_ctx *ctx, const char *s, size_t n,
    const struct cp_rec *r, struct event *ev)
{
	struct cp_state *st = ctx->state;
	size_t at = 0;
	bool ok;

	if (st != NULL && st->next > 0 && st->line == ctx->line && st->n == n)
		at = st->next;
	if (at == 0)
		at = cp_next_packet(s, r->val[CK_PACKETS], 0);
	ok = cp_packet(s, n, &at, ev);
	at = cp_next_packet(s, r->val[CK_PACKETS], at);
	if (st != NULL) {
		st->line = ctx->line, st->n = n, st->next = at;
		ctx->again = at > 0;
	}
	if (!ok)
		return ctx->reason = "bad packet in packets list",
		    PARSE_MALFORMED;
	return PARSE_OK;
}

/* Sets the time from "time" (epoch seconds, or milliseconds), else the
 * syslog header; returns the reason when the one used is unreadable. */
static const char *
cp_fill_time(struct parse_ctx *ctx, const struct cp_rec *r,
    const struct syslog_hdr *h, struct event *ev)
{
	struct str v = r->val[CK_TIME];
	uint64_t x;

	if (v.n > 0) {
		if (v.n > 15 || !str_to_uint(v, UINT64_MAX, &x))
			return "bad time in time";
		ev->time = v.n <= 11 ? (int64_t)x * USEC_PER_SEC :
		    (int64_t)x * 1000;
		ev->has_time = true;
		ctx->time.prev = ev->time, ctx->time.has_prev = true;
		return NULL;
	}
	return syslog_date(&ctx->time, h, ev);
}

/* Fills action, vendor, product and device. */
static void
cp_fill_text(struct parse_ctx *ctx, const struct cp_rec *r,
    const struct syslog_hdr *h, struct event *ev)
{
	struct str v = r->val[CK_PRODUCT];

	ev->action = cp_unescape(ctx, r->val[CK_ACTION]);
	ev->vendor = (struct str){ "Check Point", 11 };
	if (v.n == 0)
		v = r->val[CK_PRODUCT2];
	ev->product = v.n > 0 ? cp_unescape(ctx, v) :
	    (struct str){ "VPN-1 & FireWall-1", 18 };
	ev->device = r->val[CK_ORIGIN].n > 0 ?
	    cp_unescape(ctx, r->val[CK_ORIGIN]) : h->host;
}

static bool
cp_has_packet_list(struct str v)
{
	return v.n > 0 && memchr(v.p, '<', v.n) != NULL;
}

static enum parse_status
checkpoint_parse(struct parse_ctx *ctx, const char *line, size_t n,
    struct event *ev)
{
	struct syslog_hdr h;
	struct cp_rec r;
	const char *err;
	size_t i;

	ctx->again = false;
	if (memchr(line, '[', n) == NULL)
		return PARSE_NOT_MINE;
	memset(&r, 0, sizeof(r));
	if ((i = cp_find(line, n, &r)) == n)
		return PARSE_NOT_MINE;
	event_clear(ev);
	if (!cp_scan(line, n, i, &r))
		return ctx->reason = "unterminated record", PARSE_MALFORMED;
	if (scratch_reserve(&ctx->scratch, n) == NULL)
		return ctx->reason = "out of memory", PARSE_MALFORMED;
	syslog_parse(line, r.body, &h);
	cp_fill_text(ctx, &r, &h, ev);
	if ((err = cp_fill_time(ctx, &r, &h, ev)) != NULL)
		return ctx->reason = err, PARSE_MALFORMED;
	if (cp_has_packet_list(r.val[CK_PACKETS]))
		return cp_take_packet(ctx, line, n, &r, ev);
	if ((err = cp_fill_network(&r, ev)) != NULL)
		return ctx->reason = err, PARSE_MALFORMED;
	return PARSE_OK;
}

static void *
cp_state_new(void)
{
	return calloc(1, sizeof(struct cp_state));
}

static void
cp_state_free(void *state)
{
	free(state);
}

/* Between lines the state holds no packet still to read. */
static bool
cp_state_idle(const void *state)
{
	const struct cp_state *st = state;

	return st->next == 0;
}

/* Scores the file head by the share of its non-empty lines that hold a
 * Check Point body. */
static int
checkpoint_sniff(const char *head, size_t n)
{
	const char *p = head, *end = head + n, *nl;
	unsigned lines = 0, good = 0;
	struct cp_rec r;

	while (p < end && lines < 200) {
		if ((nl = memchr(p, '\n', (size_t)(end - p))) == NULL) {
			if (lines > 0)
				break;
			nl = end;
		}
		if (nl > p) {
			lines++;
			good += cp_find(p, (size_t)(nl - p), &r) <
			    (size_t)(nl - p);
		}
		p = nl + 1;
	}
	return good == 0 ? 0 : (int)(30 + 60 * good / lines);
}

const struct format format_checkpoint = {
	.name = "checkpoint",
	.title = "Check Point Log Exporter syslog (key:\"value\") and "
	    "structured data",
	.sniff = checkpoint_sniff,
	.line_based = true,
	.state_new = cp_state_new,
	.state_free = cp_state_free,
	.state_idle = cp_state_idle,
	.parse = checkpoint_parse,
};
