/*
 * cef.c - ArcSight Common Event Format, alone or behind a syslog header.
 *
 * A record is "[syslog header] CEF:Version|Vendor|Product|Version|
 * SignatureID|Name|Severity|key=value ...".  The header is split on
 * unescaped pipes; the extension is scanned once for the keys the event
 * needs, the first occurrence of each winning.  Values are borrowed from
 * the line; only those holding escapes are rewritten, into the stream's
 * scratch buffer.  docs/formats.md, section CEF, is the contract.
 */
#include <ctype.h>
#include <stdint.h>
#include <string.h>
#include <strings.h>

#include "format.h"
#include "scan.h"
#include "syslog.h"

#define CEF_NFIELDS 7		/* header fields, the version included */
#define CEF_SNIFF_LINES 100	/* lines of the file head that sniff reads */

/*
 * The extension keys the event is built from; long names share a slot
 * (cef_key_short() and cef_key_long() read the names).
 */
enum cef_key {
	CEF_RT, CEF_END, CEF_START, CEF_ACT, CEF_SRC, CEF_C6A2, CEF_DST,
	CEF_C6A3, CEF_SPT, CEF_DPT, CEF_PROTO, CEF_DEVEXTID, CEF_DVCHOST,
	CEF_DVC, CEF_NKEYS
};

/* One record, as located in the line. */
struct cef_rec {
	struct str field[CEF_NFIELDS];	/* raw header fields */
	struct str val[CEF_NKEYS];	/* raw values; p NULL when absent */
	struct str host;		/* from the syslog prefix */
	struct syslog_hdr hdr;		/* the syslog prefix, for its time */
};

/*
 * Finds "CEF:" followed by optional spaces and a digit.  Returns the
 * offset of the version digit, or 0 when the line is not CEF.
 */
static size_t
cef_find(const char *s, size_t n, size_t *tag)
{
	const char *p = s, *q, *end = s + n;
	size_t i;

	while ((q = scan_byte(p, (size_t)(end - p), 'C')) != NULL) {
		if (end - q < 4)
			return 0;
		if (memcmp(q, "CEF:", 4) == 0) {
			for (i = q - s + 4; i < n && s[i] == ' '; i++)
				;
			if (i < n && isdigit((unsigned char)s[i])) {
				*tag = q - s;
				return i;
			}
		}
		p = q + 1;
	}
	return 0;
}

/*
 * Splits the header at s[from..n) into seven fields, each ending in an
 * unescaped "|", a block of 64 bytes at a time.  A backslash escapes the
 * "|" or "\\" after it.  Returns the offset of the extension, or 0 when
 * the header has fewer than seven fields; sets *escaped when a block it
 * read holds a backslash.
 */
static size_t
cef_split_header(const char *s, size_t n, size_t from, struct str *field,
    bool *escaped)
{
	struct scan_block b;
	uint64_t pipe, bs, m;
	size_t base, q, start = from, skip = from;
	int k = 0;

	for (base = from; base < n; base += 64) {
		scan_block_at(&b, s, n, base);
		pipe = scan_block_eq(&b, '|');
		bs = scan_block_eq(&b, '\\');
		*escaped |= bs != 0;
		for (m = pipe | bs; m != 0; m &= m - 1) {
			q = base + (size_t)__builtin_ctzll(m);
			if (q < skip)
				continue;
			if (s[q] == '\\') {
				skip = q + 1 + (q + 1 < n &&
				    (s[q + 1] == '|' || s[q + 1] == '\\'));
				continue;
			}
			field[k] = (struct str){ s + start, q - start };
			start = q + 1;
			if (++k == CEF_NFIELDS)
				return start;
		}
	}
	return 0;
}

/*
 * Bit i set when byte i may be part of a key: letters, digits, "-", "."
 * and "_".
 */
static uint64_t
cef_key_bits(const struct scan_block *b)
{
	return scan_block_range(b, 0x20, 'a', 26) |
	    scan_block_range(b, 0, '0', 10) | scan_block_range(b, 0, '-', 2) |
	    scan_block_eq(b, '_');
}

#define CEF_IS(k, lit) (memcmp(k, lit, sizeof(lit) - 1) == 0)

/* The slot of a key of at most five bytes, or -1. */
static int
cef_key_short(const char *k, size_t kn)
{
	switch (kn) {
	case 2:
		return CEF_IS(k, "rt") ? CEF_RT : -1;
	case 3:
		return CEF_IS(k, "src") ? CEF_SRC : CEF_IS(k, "dst") ?
		    CEF_DST : CEF_IS(k, "spt") ? CEF_SPT : CEF_IS(k, "dpt") ?
		    CEF_DPT : CEF_IS(k, "act") ? CEF_ACT : CEF_IS(k, "end") ?
		    CEF_END : CEF_IS(k, "dvc") ? CEF_DVC : -1;
	case 4:
		return CEF_IS(k, "c6a2") ? CEF_C6A2 : CEF_IS(k, "c6a3") ?
		    CEF_C6A3 : -1;
	case 5:
		return CEF_IS(k, "proto") ? CEF_PROTO : CEF_IS(k, "start") ?
		    CEF_START : -1;
	}
	return -1;
}

/* The slot of a key of six bytes or more, or -1. */
static int
cef_key_long(const char *k, size_t kn)
{
	switch (kn) {
	case 7:
		return CEF_IS(k, "dvchost") ? CEF_DVCHOST :
		    CEF_IS(k, "endTime") ? CEF_END : -1;
	case 9:
		return CEF_IS(k, "startTime") ? CEF_START : -1;
	case 10:
		return CEF_IS(k, "sourcePort") ? CEF_SPT : -1;
	case 12:
		return CEF_IS(k, "deviceAction") ? CEF_ACT : -1;
	case 13:
		return CEF_IS(k, "sourceAddress") ? CEF_SRC :
		    CEF_IS(k, "deviceAddress") ? CEF_DVC : -1;
	case 14:
		return CEF_IS(k, "deviceHostName") ? CEF_DVCHOST : -1;
	case 15:
		return CEF_IS(k, "destinationPort") ? CEF_DPT : -1;
	case 16:
		return CEF_IS(k, "deviceExternalId") ? CEF_DEVEXTID : -1;
	case 17:
		return CEF_IS(k, "deviceReceiptTime") ? CEF_RT :
		    CEF_IS(k, "transportProtocol") ? CEF_PROTO : -1;
	case 18:
		return CEF_IS(k, "destinationAddress") ? CEF_DST : -1;
	case 24:
		return CEF_IS(k, "deviceCustomIPv6Address2") ? CEF_C6A2 :
		    CEF_IS(k, "deviceCustomIPv6Address3") ? CEF_C6A3 : -1;
	}
	return -1;
}

/* The slot of a key the event uses, or -1: the names of enum cef_key. */
static int
cef_key_slot(const char *k, size_t kn)
{
	return kn <= 5 ? cef_key_short(k, kn) : cef_key_long(k, kn);
}

/*
 * Keeps the value s[v..e) of the key in slot k, without its trailing
 * spaces, unless the key is not one the event uses or came before.
 */
static void
cef_store(struct cef_rec *r, int k, const char *s, size_t v, size_t e)
{
	if (k < 0 || r->val[k].p != NULL)
		return;
	while (e > v && s[e - 1] == ' ')
		e--;
	r->val[k] = (struct str){ s + v, e - v };
}

/* Where cef_scan_extension() is, from one block to the next. */
struct cef_ext_scan {
	uint64_t carry;		/* of the sum that crosses the key runs */
	uint64_t key_last;	/* 1 when the last block ended in a key byte */
	uint64_t space_last;	/* 1 when it ended in a space */
	size_t start;		/* of the last key run after a space */
	size_t value;		/* start of the value of the last key */
	int slot;		/* of the last key; -1 for a key the event does
				   not use, -2 before the first key */
};

/*
 * Reads the keys of one block at s[base..base+64).  A key is a run of key
 * bytes after a space (or at the start) and followed by "=": adding the
 * run's first bit to the run's bits carries past its end, onto the "=".
 * Each "=" so found is visited once; its key starts at the last run start
 * before it, in this block or, for a key that crosses from the last one,
 * at x->start.  The value of a key ends at the space before the next key.
 */
static void
cef_scan_block(const char *s, size_t base, const struct scan_block *b,
    struct cef_ext_scan *x, struct cef_rec *r)
{
	uint64_t key = cef_key_bits(b), space = scan_block_eq(b, ' ');
	uint64_t starts, sum, keyeq, m, below;
	size_t q, start;
	bool c1, c2;

	starts = key & ~(key << 1 | x->key_last) & (space << 1 | x->space_last);
	c1 = __builtin_add_overflow(key, starts, &sum);
	c2 = __builtin_add_overflow(sum, x->carry, &sum);
	keyeq = sum & ~key & scan_block_eq(b, '=');
	x->carry = c1 || c2;
	x->key_last = key >> 63;
	x->space_last = space >> 63;

	for (m = keyeq; m != 0; m &= m - 1) {
		q = (size_t)__builtin_ctzll(m);
		below = starts & ((m & -m) - 1);
		start = below != 0 ?
		    base + 63 - (size_t)__builtin_clzll(below) : x->start;
		if (x->slot != -2)
			cef_store(r, x->slot, s, x->value, start - 1);
		x->slot = cef_key_slot(s + start, base + q - start);
		x->value = base + q + 1;
	}
	if (starts != 0)
		x->start = base + 63 - (size_t)__builtin_clzll(starts);
}

/* Scans the extension s[from..n) for the keys of enum cef_key. */
static void
cef_scan_extension(const char *s, size_t n, size_t from, struct cef_rec *r,
    bool *escaped)
{
	struct cef_ext_scan x = { 0, 0, 1, 0, 0, -2 };
	struct scan_block b;

	for (size_t base = from; base < n; base += 64) {
		scan_block_at(&b, s, n, base);
		*escaped |= scan_block_eq(&b, '\\') != 0;
		cef_scan_block(s, base, &b, &x, r);
	}
	if (x.slot != -2)
		cef_store(r, x.slot, s, x.value, n);
}

/*
 * Undoes the escapes of a header field (ext false: \| and \\) or of an
 * extension value (ext true: \\ \= \n \r).  A value without a backslash
 * is returned as it is; otherwise the text is written into the scratch
 * buffer, which cef_parse() sized for the whole line beforehand.
 */
static struct str
cef_unescape(struct parse_ctx *ctx, struct str in, bool ext)
{
	char *out, c;
	size_t o = 0;

	if (in.n == 0 || memchr(in.p, '\\', in.n) == NULL ||
	    (out = scratch_reserve(&ctx->scratch, in.n)) == NULL)
		return in;
	for (size_t i = 0; i < in.n; i++) {
		c = i + 1 < in.n && in.p[i] == '\\' ? in.p[i + 1] : '\0';
		if (c == '\\' || (ext ? c == '=' : c == '|'))
			out[o++] = c, i++;
		else if (ext && (c == 'n' || c == 'r'))
			out[o++] = c == 'n' ? '\n' : '\r', i++;
		else
			out[o++] = in.p[i];
	}
	ctx->scratch.n += o;
	return (struct str){ out, o };
}

/* Reads an address; false only when one is present and unreadable. */
static bool
cef_read_addr(struct str v, struct str alt, struct addr *a, bool *has)
{
	if (v.n == 0)
		v = alt;
	if (v.n == 0)
		return true;
	*has = addr_parse(v.p, v.n, a);
	return *has;
}

/* Reads a port of the line ending at end; false only when one is present
 * and unreadable. */
static bool
cef_read_port(struct str v, const char *end, uint16_t *port, bool *has)
{
	uint64_t x;

	if (v.n == 0)
		return true;
	if (!str_to_uint_near(v, end, 65535, &x))
		return false;
	*port = (uint16_t)x;
	*has = true;
	return true;
}

/*
 * Reads a protocol, a number 0..255 or a name.  A name proto_parse() does
 * not know leaves the protocol absent; a number out of range is an error.
 */
static bool
cef_read_proto(struct str v, int16_t *proto)
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

/* Fills addresses, ports and protocol from the line ending at end;
 * returns the error, or NULL. */
static const char *
cef_fill_network(const struct cef_rec *r, const char *end, struct event *ev)
{
	if (!cef_read_addr(r->val[CEF_SRC], r->val[CEF_C6A2], &ev->src,
	    &ev->has_src))
		return "bad source address";
	if (!cef_read_addr(r->val[CEF_DST], r->val[CEF_C6A3], &ev->dst,
	    &ev->has_dst))
		return "bad destination address";
	if (!cef_read_port(r->val[CEF_SPT], end, &ev->sport,
	    &ev->has_sport))
		return "bad source port";
	if (!cef_read_port(r->val[CEF_DPT], end, &ev->dport,
	    &ev->has_dport))
		return "bad destination port";
	if (!cef_read_proto(r->val[CEF_PROTO], &ev->proto))
		return "bad protocol";
	return NULL;
}

/* Reads a "MMM dd [yyyy ]HH:mm:ss[.SSS][ zzz]" time. */
static bool
cef_read_bsd_time(struct str v, struct civil *c)
{
	size_t k = syslog_parse_bsd_time(v.p, v.n, c);

	if (k == 0)
		return false;
	if (k == v.n)
		return true;
	if (v.p[k] != ' ')
		return false;
	while (k < v.n && v.p[k] == ' ')
		k++;
	c->has_offset = time_parse_zone(v.p + k, v.n - k, &c->offset);
	return c->has_offset;
}

/*
 * Reads a CEF time: epoch milliseconds (9 to 11 digits: seconds), the
 * "MMM dd" forms, or RFC 3339.  Returns false when v is none of them.
 */
static bool
cef_read_time(struct parse_ctx *ctx, struct str v, int64_t *out)
{
	struct civil c;
	uint64_t x;

	if (v.n == 0)
		return false;
	if (isdigit((unsigned char)v.p[0]) && v.n <= 15 &&
	    str_to_uint(v, UINT64_MAX, &x)) {
		if (v.n >= 9 && v.n <= 11)
			*out = (int64_t)x * USEC_PER_SEC;
		else
			*out = (int64_t)x * 1000;
		ctx->time.prev = *out;
		ctx->time.has_prev = true;
		return true;
	}
	memset(&c, 0, sizeof(c));
	if (isalpha((unsigned char)v.p[0]) ? cef_read_bsd_time(v, &c) :
	    time_parse_iso(v.p, v.n, &c))
		return time_ctx_resolve(&ctx->time, &c, out);
	return false;
}

/*
 * Sets the event time from the first of rt, end and start that is present,
 * else from the syslog header.  Returns the reason when that time cannot
 * be read: a record whose own time is garbage is malformed, never dated by
 * a guess.
 */
static const char *
cef_fill_time(struct parse_ctx *ctx, const struct cef_rec *r,
    struct event *ev)
{
	static const enum cef_key order[] = { CEF_RT, CEF_END, CEF_START };
	static const char *const bad[] = { "bad time in rt",
	    "bad time in end", "bad time in start" };

	for (size_t k = 0; k < sizeof(order) / sizeof(order[0]); k++) {
		if (r->val[order[k]].n == 0)
			continue;
		if (!cef_read_time(ctx, r->val[order[k]], &ev->time))
			return bad[k];
		ev->has_time = true;
		return NULL;
	}
	return syslog_date(&ctx->time, &r->hdr, ev);
}

/* Fills the text fields, unescaped when the record holds a backslash. */
static void
cef_fill_text(struct parse_ctx *ctx, const struct cef_rec *r,
    bool escaped, struct event *ev)
{
	struct str dev = r->val[CEF_DEVEXTID];

	ev->vendor = r->field[1];
	ev->product = r->field[2];
	ev->action_hint = r->field[5];
	ev->action = r->val[CEF_ACT];
	if (dev.n == 0)
		dev = r->val[CEF_DVCHOST];
	if (dev.n == 0) {
		ev->device = r->host;
		dev = ev->device.n == 0 ? r->val[CEF_DVC] : STR_NULL;
	}
	if (dev.n > 0)
		ev->device = dev;
	if (!escaped)
		return;
	ev->vendor = cef_unescape(ctx, r->field[1], false);
	ev->product = cef_unescape(ctx, r->field[2], false);
	ev->action_hint = cef_unescape(ctx, r->field[5], false);
	ev->action = cef_unescape(ctx, r->val[CEF_ACT], true);
	if (dev.n > 0)
		ev->device = cef_unescape(ctx, dev, true);
}

/*
 * Reads the text before "CEF:" as a syslog header.  Without a time, a
 * lone token is the host, and so is the first of "host tag:"; a lone
 * "tag:" names no host.
 */
static void
cef_read_prefix(const char *s, size_t n, struct cef_rec *r)
{
	const struct syslog_hdr *h = &r->hdr;
	size_t i, e, j;

	syslog_parse(s, n, &r->hdr);
	r->host = h->host;
	if (h->has_time || h->bad_time || h->host.n > 0)
		return;

	/* the first token [i, e) and the rest [j, n), without spaces */
	for (i = h->msg; i < n && s[i] == ' '; i++)
		;
	while (n > i && s[n - 1] == ' ')
		n--;
	for (e = i; e < n && s[e] != ' '; e++)
		;
	for (j = e; j < n && s[j] == ' '; j++)
		;
	if (e == i || s[e - 1] == ':')
		return;
	if (j == n || (s[n - 1] == ':' && memchr(s + j, ' ', n - j) == NULL))
		r->host = (struct str){ s + i, e - i };
}

static enum parse_status
cef_parse(struct parse_ctx *ctx, const char *line, size_t n,
    struct event *ev)
{
	struct cef_rec r;
	size_t tag, ver, ext;
	const char *err;
	bool escaped;

	if ((ver = cef_find(line, n, &tag)) == 0)
		return PARSE_NOT_MINE;
	event_clear(ev);
	/* the header fields and the prefix are always written before use */
	memset(r.val, 0, sizeof(r.val));
	escaped = false;
	if ((ext = cef_split_header(line, n, ver, r.field, &escaped)) == 0) {
		ctx->reason = "fewer than 7 header fields";
		return PARSE_MALFORMED;
	}
	cef_scan_extension(line, n, ext, &r, &escaped);
	/* The syslog prefix names the host and the time only for a record
	 * without its own: most records are read without it. */
	if ((r.val[CEF_DEVEXTID].n == 0 && r.val[CEF_DVCHOST].n == 0) ||
	    (r.val[CEF_RT].n == 0 && r.val[CEF_END].n == 0 &&
	    r.val[CEF_START].n == 0)) {
		cef_read_prefix(line, tag, &r);
	} else {
		r.host = STR_NULL;
		r.hdr.has_time = r.hdr.bad_time = false;
	}
	if ((err = cef_fill_network(&r, line + n, ev)) != NULL) {
		ctx->reason = err;
		return PARSE_MALFORMED;
	}

	/* Unescaped text never outgrows the line: one reservation holds it
	 * all, so the pointers handed out stay valid. */
	if (escaped && scratch_reserve(&ctx->scratch, n - ver) == NULL) {
		ctx->reason = "out of memory";
		return PARSE_MALFORMED;
	}
	cef_fill_text(ctx, &r, escaped, ev);
	if ((ctx->reason = cef_fill_time(ctx, &r, ev)) != NULL)
		return PARSE_MALFORMED;
	return PARSE_OK;
}

/* True when the line holds "CEF:", a version and at least seven pipes. */
static bool
cef_line_like(const char *s, size_t n)
{
	size_t tag, ver, pipes = 0;

	if ((ver = cef_find(s, n, &tag)) == 0)
		return false;
	for (size_t i = ver; i < n && pipes < CEF_NFIELDS; i++)
		pipes += s[i] == '|';
	return pipes == CEF_NFIELDS;
}

static bool
cef_line_blank(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (s[i] != ' ' && s[i] != '\t' && s[i] != '\r')
			return false;
	return true;
}

/*
 * Scores the file head by the share of its non-blank lines that look like
 * CEF.  A line cut off at the end of the head is not counted, unless it
 * is the only one.  A file of CEF lines scores 90, leaving room for
 * formats with a stronger signature (a CSV header naming CEF columns).
 */
static int
cef_sniff(const char *head, size_t n)
{
	size_t i = 0, e, lines = 0, cef = 0;
	const char *nl;

	while (i < n && lines < CEF_SNIFF_LINES) {
		nl = memchr(head + i, '\n', n - i);
		if (nl == NULL && lines > 0)
			break;
		e = nl != NULL ? (size_t)(nl - head) : n;
		if (!cef_line_blank(head + i, e - i)) {
			lines++;
			cef += cef_line_like(head + i, e - i);
		}
		i = e + 1;
	}
	return cef == 0 ? 0 : (int)(30 + 60 * cef / lines);
}

const struct format format_cef = {
	.name = "cef",
	.title = "ArcSight Common Event Format (CEF), with or without a "
	    "syslog header",
	.sniff = cef_sniff,
	.line_based = true,
	.parse = cef_parse,
};
