/*
 * leef.c - IBM QRadar's Log Event Extended Format, LEEF 1.0 and 2.0,
 * alone or behind a syslog header.
 *
 * A record is "[syslog header] LEEF:1.0|Vendor|Product|Version|EventID|"
 * followed by key=value attributes separated by tabs; LEEF 2.0 may add a
 * header field naming another separator ("^", "x7C", "0x09").  The
 * attributes are scanned once for the keys the event needs, the first
 * occurrence of each winning.  Values are borrowed from the line; only
 * those holding escapes are rewritten into the scratch buffer.
 * docs/formats.md, section LEEF, is the contract.
 */
#include <ctype.h>
#include <stdint.h>
#include <string.h>

#include "format.h"
#include "syslog.h"

#define LEEF_DELIM_MAX 4	/* bytes of a separator (UTF-8) */

enum leef_key {
	LK_SRC, LK_DST, LK_SPORT, LK_DPORT, LK_PROTO, LK_DEVTIME,
	LK_DEVTIMEFMT, LK_ACTION, LK_ACTION2, LK_ACT, LK_DVCHOST, LK_NKEYS
};

#define LEEF_NAME(s, k) { s, sizeof(s) - 1, k }

static const struct leef_name {
	const char *name;
	size_t len;
	enum leef_key key;
} leef_names[] = {
	LEEF_NAME("src", LK_SRC), LEEF_NAME("dst", LK_DST),
	LEEF_NAME("srcPort", LK_SPORT), LEEF_NAME("dstPort", LK_DPORT),
	LEEF_NAME("proto", LK_PROTO), LEEF_NAME("devTime", LK_DEVTIME),
	LEEF_NAME("devTimeFormat", LK_DEVTIMEFMT),
	LEEF_NAME("action", LK_ACTION), LEEF_NAME("Action", LK_ACTION2),
	LEEF_NAME("act", LK_ACT), LEEF_NAME("dvchost", LK_DVCHOST),
};

struct leef_rec {
	struct str field[5];		/* version .. EventID, raw */
	struct str val[LK_NKEYS];	/* raw values; p NULL when absent */
	char delim[LEEF_DELIM_MAX];
	size_t ndelim;
};

/* Finds "LEEF:" followed by a digit; returns the version's offset or n. */
static size_t
leef_find(const char *s, size_t n, size_t *tag)
{
	const char *p = s, *q;

	while ((q = memmem(p, n - (size_t)(p - s), "LEEF:", 5)) != NULL) {
		if ((size_t)(q - s) + 5 < n && isdigit((unsigned char)q[5])) {
			*tag = (size_t)(q - s);
			return *tag + 5;
		}
		p = q + 1;
	}
	return n;
}

/* End of a header field starting at s[i]: the next unescaped '|', or n. */
static size_t
leef_field_end(const char *s, size_t n, size_t i)
{
	for (; i < n && s[i] != '|'; i++)
		if (s[i] == '\\' && i + 1 < n &&
		    (s[i + 1] == '|' || s[i + 1] == '\\'))
			i++;
	return i;
}

static int
leef_hexval(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	c = (char)tolower((unsigned char)c);
	return c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
}

/*
 * Reads a LEEF 2.0 separator: one character, or "x"/"0x" and 1 to 4 hex
 * digits naming a code point, kept as its UTF-8 bytes.  Returns false
 * for anything else.
 */
static bool
leef_read_delim(struct str v, struct leef_rec *r)
{
	size_t i = v.n > 1 && v.p[0] == '0' && (v.p[1] | 0x20) == 'x' ? 2 :
	    v.n > 1 && (v.p[0] | 0x20) == 'x' ? 1 : 0;
	uint32_t cp = 0;
	int d;

	if (v.n == 1) {
		r->delim[0] = v.p[0], r->ndelim = 1;
		return true;
	}
	if (i == 0 || v.n - i > 4 || v.n == i)
		return false;
	for (; i < v.n; i++) {
		if ((d = leef_hexval(v.p[i])) < 0)
			return false;
		cp = cp << 4 | (uint32_t)d;
	}
	if (cp == 0)
		return false;
	if (cp < 0x80)
		r->delim[0] = (char)cp, r->ndelim = 1;
	else if (cp < 0x800) {
		r->delim[0] = (char)(0xc0 | cp >> 6);
		r->delim[1] = (char)(0x80 | (cp & 0x3f));
		r->ndelim = 2;
	} else {
		r->delim[0] = (char)(0xe0 | cp >> 12);
		r->delim[1] = (char)(0x80 | ((cp >> 6) & 0x3f));
		r->delim[2] = (char)(0x80 | (cp & 0x3f));
		r->ndelim = 3;
	}
	return true;
}

/*
 * Splits the header at s[0..n) (s at the version): five fields, each
 * ending in '|', then for LEEF 2.0 an optional separator field.  Returns
 * the offset of the attributes, or 0 with *err set.
 */
static size_t
leef_split_header(const char *s, size_t n, struct leef_rec *r,
    const char **err)
{
	size_t i = 0, e;

	for (int k = 0; k < 5; k++) {
		if ((e = leef_field_end(s, n, i)) >= n) {
			*err = "fewer than 5 header fields";
			return 0;
		}
		r->field[k] = (struct str){ s + i, e - i };
		i = e + 1;
	}
	r->delim[0] = '\t', r->ndelim = 1;
	if (r->field[0].n < 2 || memcmp(r->field[0].p, "2.", 2) != 0)
		return i;

	/* "||" names '|' itself; an empty field keeps the tab */
	if (i < n && s[i] == '|') {
		if (i + 1 < n && s[i + 1] == '|') {
			r->delim[0] = '|';
			return i + 2;
		}
		return i + 1;
	}

	/* a separator field has no '=' and is at most "0xHHHH" long */
	e = leef_field_end(s, n, i);
	if (e >= n || e - i > 6 || memchr(s + i, '=', e - i) != NULL)
		return i;
	if (!leef_read_delim((struct str){ s + i, e - i }, r)) {
		*err = "bad separator in the LEEF 2.0 header";
		return 0;
	}
	return e + 1;
}

/* True when the separator starts at s[i]. */
static bool
leef_at_delim(const struct leef_rec *r, const char *s, size_t n, size_t i)
{
	return s[i] == r->delim[0] && (r->ndelim == 1 || (n - i >= r->ndelim &&
	    memcmp(s + i, r->delim, r->ndelim) == 0));
}

/* Keeps the value of a key the event uses, unless the key came before. */
static void
leef_store(struct leef_rec *r, const char *key, size_t kn, struct str v)
{
	for (size_t k = 0; k < sizeof(leef_names) / sizeof(leef_names[0]);
	    k++)
		if (leef_names[k].len == kn &&
		    memcmp(leef_names[k].name, key, kn) == 0) {
			if (r->val[leef_names[k].key].p == NULL)
				r->val[leef_names[k].key] = v;
			return;
		}
}

/*
 * Scans the attributes s[0..n): "key=value" items between separators.
 * A backslash before the separator keeps it in the value.  Items without
 * '=' are ignored; spaces around a key are dropped.
 */
static void
leef_scan(const char *s, size_t n, struct leef_rec *r)
{
	size_t i = 0, start, eq, ks, ke;

	while (i < n) {
		start = i;
		eq = SIZE_MAX;
		while (i < n && !leef_at_delim(r, s, n, i)) {
			if (s[i] == '\\' && i + 1 < n)
				i++;
			else if (s[i] == '=' && eq == SIZE_MAX)
				eq = i;
			i++;
		}
		if (eq != SIZE_MAX) {
			for (ks = start; ks < eq && s[ks] == ' '; ks++)
				;
			for (ke = eq; ke > ks && s[ke - 1] == ' '; ke--)
				;
			leef_store(r, s + ks, ke - ks,
			    (struct str){ s + eq + 1, i - eq - 1 });
		}
		i += i < n ? r->ndelim : 0;
	}
}

/*
 * Undoes escapes: in a header field (hdr true) "\|" and "\\"; in a value,
 * "\\", "\=" and a backslash before the separator.  Text without a
 * backslash is returned as it is; else it is written into the scratch
 * buffer, which leef_parse() sized for the whole line.
 */
static struct str
leef_unescape(struct parse_ctx *ctx, const struct leef_rec *r, struct str in,
    bool hdr)
{
	char *out;
	size_t o = 0;

	if (in.n == 0 || memchr(in.p, '\\', in.n) == NULL ||
	    (out = scratch_reserve(&ctx->scratch, in.n)) == NULL)
		return in;
	for (size_t i = 0; i < in.n; i++) {
		if (in.p[i] == '\\' && i + 1 < in.n) {
			char c = in.p[i + 1];

			if (c == '\\' || (hdr ? c == '|' : c == '=')) {
				out[o++] = c, i++;
				continue;
			}
			if (!hdr && leef_at_delim(r, in.p, in.n, i + 1))
				continue;	/* the separator follows */
		}
		out[o++] = in.p[i];
	}
	ctx->scratch.n += o;
	return (struct str){ out, o };
}

/* Trims spaces at both ends. */
static struct str
leef_trim(struct str v)
{
	while (v.n > 0 && v.p[0] == ' ')
		v.p++, v.n--;
	while (v.n > 0 && v.p[v.n - 1] == ' ')
		v.n--;
	return v;
}

/* Reads a port; false only when one is present and unreadable. */
static bool
leef_port(struct str v, uint16_t *port, bool *has)
{
	uint32_t x = 0;

	if ((v = leef_trim(v)).n == 0)
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
leef_addr(struct str v, struct addr *a, bool *has)
{
	if ((v = leef_trim(v)).n == 0)
		return true;
	return *has = addr_parse(v.p, v.n, a);
}

/* Fills addresses, ports and protocol; returns the error, or NULL. */
static const char *
leef_fill_network(const struct leef_rec *r, struct event *ev)
{
	struct str pv = leef_trim(r->val[LK_PROTO]);
	int proto;

	if (!leef_addr(r->val[LK_SRC], &ev->src, &ev->has_src))
		return "bad source address";
	if (!leef_addr(r->val[LK_DST], &ev->dst, &ev->has_dst))
		return "bad destination address";
	if (!leef_port(r->val[LK_SPORT], &ev->sport, &ev->has_sport))
		return "bad source port";
	if (!leef_port(r->val[LK_DPORT], &ev->dport, &ev->has_dport))
		return "bad destination port";
	if (pv.n > 0) {
		if ((proto = proto_parse(pv.p, pv.n)) == -2)
			return "bad protocol";
		if (proto >= 0)
			ev->proto = (int16_t)proto;
	}
	return NULL;
}

/* Length of the run of the pattern letter at f[i]. */
static size_t
leef_run(struct str f, size_t i)
{
	size_t k = i;

	while (k < f.n && f.p[k] == f.p[i])
		k++;
	return k - i;
}

/* Reads up to max digits (exactly max when fixed) at v[*j]. */
static bool
leef_num(struct str v, size_t *j, size_t max, bool fixed, int *out)
{
	size_t k = 0;
	int x = 0;

	while (k < max && *j + k < v.n && isdigit((unsigned char)v.p[*j + k]))
		x = x * 10 + (v.p[*j + k++] - '0');
	if (k == 0 || (fixed && k != max))
		return false;
	*j += k, *out = x;
	return true;
}

/* Reads one pattern letter run (letter ch, length run) at v[*j]. */
static bool
leef_fmt_field(struct str v, size_t *j, char ch, size_t run,
    struct civil *c, bool *pm, bool *h12)
{
	size_t e = *j;
	int x;

	switch (ch) {
	case 'y':
		if (!leef_num(v, j, run == 2 ? 2 : 4, run == 2, &c->year))
			return false;
		c->year += run == 2 ? 2000 : 0;
		return c->has_year = true;
	case 'M':
		if (run < 3)
			return leef_num(v, j, 2, run == 2, &c->mon);
		if (v.n - *j < 3 || (c->mon = time_month_abbr(v.p + *j)) == 0)
			return false;
		while (*j < v.n && isalpha((unsigned char)v.p[*j]))
			(*j)++;
		return true;
	case 'd':
		return leef_num(v, j, 2, run == 2, &c->day);
	case 'H':
		return leef_num(v, j, 2, run == 2, &c->hour);
	case 'h':
		*h12 = true;
		return leef_num(v, j, 2, run == 2, &c->hour);
	case 'm':
		return leef_num(v, j, 2, run == 2, &c->min);
	case 's':
		return leef_num(v, j, 2, run == 2, &c->sec);
	case 'S':
		if (!leef_num(v, j, run, false, &x))
			return false;
		for (size_t k = *j - e; k < 6; k++)
			x *= 10;
		for (size_t k = *j - e; k > 6; k--)
			x /= 10;
		c->usec = x;
		return true;
	case 'a':
		if (v.n - *j < 2 || (v.p[*j + 1] | 0x20) != 'm')
			return false;
		*pm = (v.p[*j] | 0x20) == 'p';
		*j += 2;
		return true;
	case 'E':
		while (*j < v.n && isalpha((unsigned char)v.p[*j]))
			(*j)++;
		return *j > e;
	case 'z': case 'Z': case 'X':
		while (e < v.n && v.p[e] != ' ')
			e++;
		c->has_offset = time_parse_zone(v.p + *j, e - *j, &c->offset);
		*j = e;
		return c->has_offset;
	}
	return false;
}

/*
 * Reads v with a Java date pattern (devTimeFormat): the letters y M d H
 * h m s S a E z Z X, quoted 'text', other characters literal.  Returns
 * false when v does not match the pattern.
 */
static bool
leef_read_pattern(struct str v, struct str f, struct civil *c)
{
	size_t i = 0, j = 0, run;
	bool pm = false, h12 = false;

	memset(c, 0, sizeof(*c));
	while (i < f.n) {
		char ch = f.p[i];

		if (ch == '\'') {
			for (i++; i < f.n && f.p[i] != '\''; i++, j++)
				if (j >= v.n || v.p[j] != f.p[i])
					return false;
			i++;
			continue;
		}
		if (!isalpha((unsigned char)ch)) {
			if (j >= v.n || v.p[j++] != ch)
				return false;
			i++;
			continue;
		}
		run = leef_run(f, i);
		if (!leef_fmt_field(v, &j, ch, run, c, &pm, &h12))
			return false;
		i += run;
	}
	if (h12 && c->hour == 12)
		c->hour = 0;
	if (h12 && pm)
		c->hour += 12;
	return j == v.n && civil_valid(c);
}

/*
 * Reads devTime: with devTimeFormat, by that pattern; without, epoch
 * milliseconds (9 to 11 digits: seconds), "MMM dd yyyy HH:mm:ss[.SSS]
 * [zzz]" or RFC 3339.  Returns false when it cannot be read.
 */
static bool
leef_read_time(struct parse_ctx *ctx, struct str v, struct str fmt,
    int64_t *out)
{
	struct civil c;
	uint64_t x = 0;
	size_t k;

	if ((v = leef_trim(v)).n == 0)
		return false;
	if ((fmt = leef_trim(fmt)).n > 0)
		return leef_read_pattern(v, fmt, &c) &&
		    time_ctx_resolve(&ctx->time, &c, out);
	for (k = 0; k < v.n && k < 16 && isdigit((unsigned char)v.p[k]); k++)
		x = x * 10 + (uint64_t)(v.p[k] - '0');
	if (k == v.n && k <= 15) {
		*out = k >= 9 && k <= 11 ? (int64_t)x * USEC_PER_SEC :
		    (int64_t)x * 1000;
		ctx->time.prev = *out, ctx->time.has_prev = true;
		return true;
	}
	memset(&c, 0, sizeof(c));
	if (isalpha((unsigned char)v.p[0])) {
		if ((k = syslog_parse_bsd_time(v.p, v.n, &c)) == 0)
			return false;
		while (k < v.n && v.p[k] == ' ')
			k++;
		if (k < v.n && !(c.has_offset = time_parse_zone(v.p + k,
		    v.n - k, &c.offset)))
			return false;
	} else if (!time_parse_iso(v.p, v.n, &c))
		return false;
	return time_ctx_resolve(&ctx->time, &c, out);
}

/* Fills the text fields: vendor, product, action and device. */
static void
leef_fill_text(struct parse_ctx *ctx, const struct leef_rec *r,
    const struct syslog_hdr *h, struct event *ev)
{
	static const enum leef_key act[] = { LK_ACTION, LK_ACTION2, LK_ACT };
	struct str v;

	ev->vendor = leef_unescape(ctx, r, r->field[1], true);
	ev->product = leef_unescape(ctx, r, r->field[2], true);
	ev->action_hint = leef_unescape(ctx, r, r->field[4], true);
	for (size_t k = 0; k < 3 && ev->action.n == 0; k++)
		ev->action = leef_unescape(ctx, r, leef_trim(r->val[act[k]]),
		    false);
	v = leef_trim(r->val[LK_DVCHOST]);
	ev->device = v.n > 0 ? leef_unescape(ctx, r, v, false) : h->host;
}

static enum parse_status
leef_parse(struct parse_ctx *ctx, const char *line, size_t n,
    struct event *ev)
{
	struct leef_rec r;
	struct syslog_hdr h;
	size_t tag, ver, attr;
	const char *err;

	if ((ver = leef_find(line, n, &tag)) == n)
		return PARSE_NOT_MINE;
	event_clear(ev);
	memset(&r, 0, sizeof(r));
	if ((attr = leef_split_header(line + ver, n - ver, &r, &err)) == 0)
		return ctx->reason = err, PARSE_MALFORMED;
	attr += ver;
	leef_scan(line + attr, n - attr, &r);
	if ((err = leef_fill_network(&r, ev)) != NULL)
		return ctx->reason = err, PARSE_MALFORMED;
	if (scratch_reserve(&ctx->scratch, n) == NULL)
		return ctx->reason = "out of memory", PARSE_MALFORMED;
	syslog_parse(line, tag, &h);
	leef_fill_text(ctx, &r, &h, ev);
	if (leef_read_time(ctx, r.val[LK_DEVTIME], r.val[LK_DEVTIMEFMT],
	    &ev->time))
		ev->has_time = true;
	else if ((ctx->reason = syslog_date(&ctx->time, &h, ev)) != NULL)
		return PARSE_MALFORMED;
	return PARSE_OK;
}

/* Scores the file head by the share of its non-empty lines with "LEEF:". */
static int
leef_sniff(const char *head, size_t n)
{
	const char *p = head, *end = head + n, *nl;
	unsigned lines = 0, good = 0;
	size_t tag;

	while (p < end && lines < 200) {
		if ((nl = memchr(p, '\n', (size_t)(end - p))) == NULL) {
			if (lines > 0)
				break;
			nl = end;
		}
		if (nl > p) {
			lines++;
			good += leef_find(p, (size_t)(nl - p), &tag) <
			    (size_t)(nl - p);
		}
		p = nl + 1;
	}
	return good == 0 ? 0 : (int)(30 + 60 * good / lines);
}

const struct format format_leef = {
	.name = "leef",
	.title = "IBM QRadar LEEF 1.0 and 2.0, with or without a syslog "
	    "header",
	.sniff = leef_sniff,
	.line_based = true,
	.parse = leef_parse,
};
