/*
 * addr.c - parsing, printing, ordering and range checks of addresses.
 *
 * The parsers here are written for log text: they take a length instead of
 * a NUL, never read past it, and reject anything inet_pton would reject
 * (leading zeros in IPv4 octets are accepted as decimal, as syslog
 * daemons and firewalls print them).
 */
#include <stdlib.h>
#include <string.h>

#include "addr.h"

static const uint8_t v4_mapped_prefix[12] = {
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff
};

const char *const addr_internal_default[] = {
	"0.0.0.0/8", "10.0.0.0/8", "100.64.0.0/10", "127.0.0.0/8",
	"169.254.0.0/16", "172.16.0.0/12", "192.168.0.0/16", "224.0.0.0/4",
	"240.0.0.0/4", "::/128", "::1/128", "fc00::/7", "fe80::/10",
	"ff00::/8", NULL
};

bool
addr_is_v4(const struct addr *a)
{
	return memcmp(a->b, v4_mapped_prefix, 12) == 0;
}

static int
hexval(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/*
 * Parses the groups of one side of "::" into words; returns the number of
 * 16-bit words written (an embedded IPv4 tail counts two), or -1.
 */
static int
parse_v6_groups(const char *s, size_t n, uint16_t *w, int max, bool last)
{
	int nw = 0;
	size_t i = 0;

	if (n == 0)
		return 0;
	while (i <= n) {
		size_t j = i;
		unsigned v = 0;

		while (j < n && s[j] != ':')
			j++;
		if (last && j == n && memchr(s + i, '.', j - i) != NULL) {
			struct addr q;

			if (nw + 2 > max || !addr_parse_v4(s + i, j - i, &q))
				return -1;
			w[nw++] = (uint16_t)(q.b[12] << 8 | q.b[13]);
			w[nw++] = (uint16_t)(q.b[14] << 8 | q.b[15]);
			return nw;
		}
		if (j == i || j - i > 4 || nw >= max)
			return -1;
		for (size_t k = i; k < j; k++) {
			int h = hexval(s[k]);

			if (h < 0)
				return -1;
			v = v << 4 | (unsigned)h;
		}
		w[nw++] = (uint16_t)v;
		if (j == n)
			break;
		i = j + 1;
		if (i == n)
			return -1;	/* trailing single colon */
	}
	return nw;
}

static bool
parse_v6(const char *s, size_t n, struct addr *a)
{
	uint16_t head[8], tail[8];
	const char *dc = NULL;
	int nh, nt;

	for (size_t i = 0; i + 1 < n; i++)
		if (s[i] == ':' && s[i + 1] == ':') {
			dc = s + i;
			break;
		}
	if (dc == NULL) {
		nh = parse_v6_groups(s, n, head, 8, true);
		if (nh != 8)
			return false;
		nt = 0;
	} else {
		size_t hl = (size_t)(dc - s), tl = n - hl - 2;

		if (memchr(dc + 2, ':', tl) != NULL &&
		    tl >= 1 && dc[2] == ':')
			return false;	/* ":::" */
		nh = parse_v6_groups(s, hl, head, 7, false);
		nt = parse_v6_groups(dc + 2, tl, tail, 7, true);
		if (nh < 0 || nt < 0 || nh + nt > 7)
			return false;
	}
	memset(a->b, 0, 16);
	for (int i = 0; i < nh; i++) {
		a->b[2 * i] = (uint8_t)(head[i] >> 8);
		a->b[2 * i + 1] = (uint8_t)head[i];
	}
	for (int i = 0; i < nt; i++) {
		int k = 8 - nt + i;

		a->b[2 * k] = (uint8_t)(tail[i] >> 8);
		a->b[2 * k + 1] = (uint8_t)tail[i];
	}
	return true;
}

bool
addr_parse_other(const char *s, size_t n, struct addr *a)
{
	const char *pct;

	if (n >= 2 && s[0] == '[' && s[n - 1] == ']')
		s++, n -= 2;
	if (n == 0 || n > 64)
		return false;
	/* "[192.0.2.1]": IPv4 in brackets */
	if (addr_parse_v4(s, n, a))
		return true;
	if (memchr(s, ':', n) == NULL)
		return false;	/* neither IPv4 nor IPv6 */
	pct = memchr(s, '%', n);
	if (pct != NULL) {
		if (pct + 1 == s + n)
			return false;
		n = (size_t)(pct - s);
	}
	return parse_v6(s, n, a);
}

static bool
parse_port(const char *s, size_t n, uint16_t *port)
{
	unsigned v = 0;

	if (n == 0 || n > 5)
		return false;
	for (size_t i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return false;
		v = v * 10 + (unsigned)(s[i] - '0');
	}
	if (v > 65535)
		return false;
	*port = (uint16_t)v;
	return true;
}

bool
addr_parse_hostport(const char *s, size_t n, struct addr *a, uint16_t *port)
{
	const char *colon;

	if (n > 0 && s[0] == '[') {
		const char *close = memchr(s, ']', n);

		if (close == NULL || close + 1 >= s + n || close[1] != ':')
			return false;
		return addr_parse(s + 1, (size_t)(close - s - 1), a) &&
		    parse_port(close + 2, (size_t)(s + n - close - 2), port);
	}
	colon = memrchr(s, ':', n);
	if (colon == NULL)
		return false;
	return addr_parse(s, (size_t)(colon - s), a) &&
	    parse_port(colon + 1, (size_t)(s + n - colon - 1), port);
}

static size_t
format_v4(const uint8_t *q, char *buf)
{
	size_t n = 0;

	for (int i = 0; i < 4; i++) {
		unsigned v = q[i];

		if (i > 0)
			buf[n++] = '.';
		if (v >= 100)
			buf[n++] = (char)('0' + v / 100);
		if (v >= 10)
			buf[n++] = (char)('0' + v / 10 % 10);
		buf[n++] = (char)('0' + v % 10);
	}
	buf[n] = '\0';
	return n;
}

/* Finds the longest run of zero words (at least two) for "::". */
static void
longest_zero_run(const uint16_t *w, int *start, int *len)
{
	*start = -1, *len = 0;
	for (int i = 0; i < 8;) {
		int j = i;

		while (j < 8 && w[j] == 0)
			j++;
		if (j - i > *len && j - i >= 2)
			*start = i, *len = j - i;
		i = j > i ? j : i + 1;
	}
}

size_t
addr_format(const struct addr *a, char *buf)
{
	static const char hex[] = "0123456789abcdef";
	uint16_t w[8];
	int zs, zl;
	size_t n = 0;

	if (addr_is_v4(a))
		return format_v4(a->b + 12, buf);
	for (int i = 0; i < 8; i++)
		w[i] = (uint16_t)(a->b[2 * i] << 8 | a->b[2 * i + 1]);
	longest_zero_run(w, &zs, &zl);
	for (int i = 0; i < 8; i++) {
		if (i == zs) {
			buf[n++] = ':';
			if (i == 0)
				buf[n++] = ':';
			i += zl - 1;
			continue;
		}
		bool lead = true;

		for (int sh = 12; sh >= 0; sh -= 4) {
			unsigned d = (w[i] >> sh) & 0xf;

			if (d == 0 && lead && sh > 0)
				continue;
			lead = false;
			buf[n++] = hex[d];
		}
		if (i < 7)
			buf[n++] = ':';
	}
	buf[n] = '\0';
	return n;
}

int
addr_cmp(const struct addr *x, const struct addr *y)
{
	bool vx = addr_is_v4(x), vy = addr_is_v4(y);

	if (vx != vy)
		return vx ? -1 : 1;
	return memcmp(x->b, y->b, 16);
}

void
range_set_init(struct range_set *rs)
{
	memset(rs, 0, sizeof(*rs));
}

void
range_set_free(struct range_set *rs)
{
	if (rs == NULL)
		return;
	free(rs->v);
	range_set_init(rs);
}

/* Sets hi to lo with every bit below the prefix set, lo with them clear. */
static void
prefix_bounds(const struct addr *a, unsigned plen, struct addr *lo,
    struct addr *hi)
{
	for (unsigned i = 0; i < 16; i++) {
		unsigned keep = plen >= 8 * (i + 1) ? 8 :
		    plen > 8 * i ? plen - 8 * i : 0;
		uint8_t mask = (uint8_t)(keep == 0 ? 0 : 0xff << (8 - keep));

		lo->b[i] = a->b[i] & mask;
		hi->b[i] = (uint8_t)(a->b[i] | (uint8_t)~mask);
	}
}

/* memcmp order on the raw 16 bytes; the mapped IPv4 space is contiguous in
 * it, so intervals of both families merge correctly. */
static int
range_cmp(const void *x, const void *y)
{
	return memcmp(((const struct addr_range *)x)->lo.b,
	    ((const struct addr_range *)y)->lo.b, 16);
}

/* Adds one to a 16-byte big-endian number; returns false on overflow. */
static bool
addr_next(struct addr *a)
{
	for (int i = 15; i >= 0; i--)
		if (++a->b[i] != 0)
			return true;
	return false;
}

static void
range_set_normalize(struct range_set *rs)
{
	size_t out = 0;

	qsort(rs->v, rs->n, sizeof(rs->v[0]), range_cmp);
	for (size_t i = 0; i < rs->n; i++) {
		struct addr_range *last = out ? &rs->v[out - 1] : NULL;
		struct addr after;

		if (last != NULL) {
			after = last->hi;
			if (!addr_next(&after) ||
			    memcmp(rs->v[i].lo.b, after.b, 16) <= 0) {
				if (memcmp(rs->v[i].hi.b, last->hi.b, 16) > 0)
					last->hi = rs->v[i].hi;
				continue;
			}
		}
		rs->v[out++] = rs->v[i];
	}
	rs->n = out;
}

int
range_set_add(struct range_set *rs, const char *cidr, size_t n,
    const char **err)
{
	const char *slash = memchr(cidr, '/', n);
	struct addr a, lo, hi;
	unsigned plen, max;
	size_t an = slash ? (size_t)(slash - cidr) : n;

	if (!addr_parse(cidr, an, &a)) {
		*err = "not an IP address";
		return -1;
	}
	/* the text decides: ::ffff:a.b.c.d/120 is an IPv6 prefix length */
	max = memchr(cidr, ':', an) == NULL ? 32 : 128;
	plen = max;
	if (slash != NULL) {
		size_t dn = n - an - 1;

		plen = 0;
		if (dn == 0 || dn > 3) {
			*err = "bad prefix length";
			return -1;
		}
		for (size_t i = 0; i < dn; i++) {
			if (slash[1 + i] < '0' || slash[1 + i] > '9') {
				*err = "bad prefix length";
				return -1;
			}
			plen = plen * 10 + (unsigned)(slash[1 + i] - '0');
		}
		if (plen > max) {
			*err = "prefix length too long";
			return -1;
		}
	}
	if (max == 32)
		plen += 96;
	prefix_bounds(&a, plen, &lo, &hi);
	if (memcmp(lo.b, a.b, 16) != 0) {
		*err = "host bits set below the prefix length";
		return -1;
	}
	if (rs->n == rs->cap) {
		size_t cap = rs->cap ? rs->cap * 2 : 16;
		void *v = realloc(rs->v, cap * sizeof(rs->v[0]));

		if (v == NULL) {
			*err = "out of memory";
			return -1;
		}
		rs->v = v, rs->cap = cap;
	}
	rs->v[rs->n].lo = lo;
	rs->v[rs->n].hi = hi;
	rs->n++;
	range_set_normalize(rs);
	return 0;
}

int
range_set_add_list(struct range_set *rs, const char *list, const char **err,
    const char **bad)
{
	const char *p = list;

	for (;;) {
		size_t n;

		while (*p == ',' || *p == ' ' || *p == '\t' || *p == '\n')
			p++;
		if (*p == '\0')
			return 0;
		n = strcspn(p, ", \t\n");
		if (range_set_add(rs, p, n, err) < 0) {
			*bad = p;
			return -1;
		}
		p += n;
	}
}

/* The first eight bytes of an address as a number, the first most
 * significant. */
static uint64_t
addr_word(const uint8_t *b)
{
	uint64_t x;

	memcpy(&x, b, sizeof(x));
#if __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
	x = __builtin_bswap64(x);
#endif
	return x;
}

/* True when x comes before y in byte order, as memcmp() would say; two
 * words rather than a call, since this runs for every event. */
static bool
addr_before(const struct addr *x, const struct addr *y)
{
	uint64_t a = addr_word(x->b), b = addr_word(y->b);

	if (a != b)
		return a < b;
	return addr_word(x->b + 8) < addr_word(y->b + 8);
}

bool
range_set_contains(const struct range_set *rs, const struct addr *a)
{
	size_t lo = 0, hi = rs->n;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (addr_before(&rs->v[mid].hi, a))
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < rs->n && !addr_before(a, &rs->v[lo].lo);
}
