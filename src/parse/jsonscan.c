/*
 * jsonscan.c - a one-pass, allocation-free reader of one-line JSON objects.
 *
 * Log formats that write a JSON object per line need a handful of members
 * out of records that are mostly other things (payloads, HTTP headers,
 * metadata arrays).  Decoding the whole object into a tree would allocate
 * for every record; this scanner walks the text once, checks it is valid
 * JSON, and records where the wanted members are.  See jsonscan.h.
 */
#include <string.h>

#include "jsonscan.h"

/* Nesting beyond this is refused, so that recursion stays shallow. */
#define JSONSCAN_DEPTH_MAX 64
/* The longest path a parser may ask for, with its dot. */
#define JSONSCAN_PATH_MAX 64

struct scan {
	const char *s;
	size_t n, i;
	const char *err;
	const char *const *paths;
	size_t npaths;
	struct jsonscan_value *vals;
};

static bool scan_value(struct scan *sc, int depth, const char *key,
    size_t kn, struct jsonscan_value *v);

/* Records why the text is refused: cut short when it ran out. */
static bool
scan_fail(struct scan *sc)
{
	if (sc->err == NULL)
		sc->err = sc->i >= sc->n ? "JSON cut short" : "invalid JSON";
	return false;
}

static void
scan_space(struct scan *sc)
{
	while (sc->i < sc->n && (sc->s[sc->i] == ' ' || sc->s[sc->i] == '\t' ||
	    sc->s[sc->i] == '\r' || sc->s[sc->i] == '\n'))
		sc->i++;
}

static bool
is_hex(char c)
{
	return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') ||
	    (c >= 'A' && c <= 'F');
}

/* Reads a string at its opening quote; v gets the text between quotes. */
static bool
scan_string(struct scan *sc, struct jsonscan_value *v)
{
	const char *s = sc->s;
	size_t start = ++sc->i;

	v->escaped = false;
	while (sc->i < sc->n) {
		unsigned char c = (unsigned char)s[sc->i];

		if (c == '"') {
			v->p = s + start, v->n = sc->i - start;
			v->kind = JSONSCAN_STRING;
			sc->i++;
			return true;
		}
		if (c < 0x20)
			return scan_fail(sc);
		if (c != '\\') {
			sc->i++;
			continue;
		}
		v->escaped = true;
		if (++sc->i >= sc->n)
			return scan_fail(sc);
		c = (unsigned char)s[sc->i];
		if (c == 'u') {
			for (int k = 1; k <= 4; k++) {
				if (sc->i + k < sc->n && is_hex(s[sc->i + k]))
					continue;
				sc->i += k;
				return scan_fail(sc);
			}
			sc->i += 5;
		} else if (c != '\0' && strchr("\"\\/bfnrt", c) != NULL)
			sc->i++;
		else
			return scan_fail(sc);
	}
	return scan_fail(sc);
}

static size_t
scan_digits(struct scan *sc)
{
	size_t start = sc->i;

	while (sc->i < sc->n && sc->s[sc->i] >= '0' && sc->s[sc->i] <= '9')
		sc->i++;
	return sc->i - start;
}

/* Reads -?(0|[1-9][0-9]*)(.[0-9]+)?([eE][+-]?[0-9]+)? */
static bool
scan_number(struct scan *sc, struct jsonscan_value *v)
{
	size_t start = sc->i, nd;

	if (sc->s[sc->i] == '-')
		sc->i++;
	if ((nd = scan_digits(sc)) == 0 ||
	    (nd > 1 && sc->s[sc->i - nd] == '0'))
		return scan_fail(sc);
	if (sc->i < sc->n && sc->s[sc->i] == '.') {
		sc->i++;
		if (scan_digits(sc) == 0)
			return scan_fail(sc);
	}
	if (sc->i < sc->n && (sc->s[sc->i] == 'e' || sc->s[sc->i] == 'E')) {
		sc->i++;
		if (sc->i < sc->n &&
		    (sc->s[sc->i] == '+' || sc->s[sc->i] == '-'))
			sc->i++;
		if (scan_digits(sc) == 0)
			return scan_fail(sc);
	}
	v->p = sc->s + start, v->n = sc->i - start;
	v->kind = JSONSCAN_NUMBER;
	return true;
}

static bool
scan_literal(struct scan *sc, const char *lit, enum jsonscan_kind kind,
    struct jsonscan_value *v)
{
	size_t len = strlen(lit);

	if (sc->n - sc->i < len) {
		sc->i = sc->n;
		return scan_fail(sc);
	}
	if (memcmp(sc->s + sc->i, lit, len) != 0)
		return scan_fail(sc);
	v->p = sc->s + sc->i, v->n = len, v->kind = kind;
	sc->i += len;
	return true;
}

/* The index of the wanted path prefix.key (or key), or -1. */
static int
scan_lookup(const struct scan *sc, const char *prefix, size_t pn,
    const char *key, size_t kn)
{
	size_t len = prefix != NULL ? pn + 1 + kn : kn;

	for (size_t j = 0; j < sc->npaths; j++) {
		const char *p = sc->paths[j];

		if (strlen(p) != len || sc->vals[j].kind != JSONSCAN_ABSENT)
			continue;
		if (prefix == NULL ? memcmp(p, key, kn) == 0 :
		    memcmp(p, prefix, pn) == 0 && p[pn] == '.' &&
		    memcmp(p + pn + 1, key, kn) == 0)
			return (int)j;
	}
	return -1;
}

/*
 * Reads an object at its opening brace.  prefix names it when it is a
 * member of the top-level object (its members are then matched as
 * "prefix.key"); top says it is the top-level object itself.
 */
static bool
scan_members(struct scan *sc, int depth, bool top, const char *prefix,
    size_t pn)
{
	struct jsonscan_value key, val;
	bool match = top || prefix != NULL;
	int j;

	sc->i++;
	scan_space(sc);
	if (sc->i < sc->n && sc->s[sc->i] == '}') {
		sc->i++;
		return true;
	}
	for (;;) {
		if (sc->i >= sc->n || sc->s[sc->i] != '"' ||
		    !scan_string(sc, &key))
			return scan_fail(sc);
		scan_space(sc);
		if (sc->i >= sc->n || sc->s[sc->i] != ':')
			return scan_fail(sc);
		sc->i++;
		j = match && !key.escaped ?
		    scan_lookup(sc, prefix, pn, key.p, key.n) : -1;
		if (!scan_value(sc, depth, top && !key.escaped ? key.p : NULL,
		    key.n, &val))
			return false;
		if (j >= 0)
			sc->vals[j] = val;
		scan_space(sc);
		if (sc->i >= sc->n)
			return scan_fail(sc);
		if (sc->s[sc->i] == '}') {
			sc->i++;
			return true;
		}
		if (sc->s[sc->i++] != ',')
			return scan_fail(sc);
		scan_space(sc);
	}
}

static bool
scan_array(struct scan *sc, int depth)
{
	struct jsonscan_value val;

	sc->i++;
	scan_space(sc);
	if (sc->i < sc->n && sc->s[sc->i] == ']') {
		sc->i++;
		return true;
	}
	for (;;) {
		if (!scan_value(sc, depth, NULL, 0, &val))
			return false;
		scan_space(sc);
		if (sc->i >= sc->n)
			return scan_fail(sc);
		if (sc->s[sc->i] == ']') {
			sc->i++;
			return true;
		}
		if (sc->s[sc->i++] != ',')
			return scan_fail(sc);
	}
}

/*
 * Reads one value.  key is the member name when the value belongs to the
 * top-level object, so that an object value's members can be matched.
 */
static bool
scan_value(struct scan *sc, int depth, const char *key, size_t kn,
    struct jsonscan_value *v)
{
	size_t start;
	bool ok;

	scan_space(sc);
	if (sc->i >= sc->n)
		return scan_fail(sc);
	if (depth >= JSONSCAN_DEPTH_MAX)
		return scan_fail(sc);
	start = sc->i;
	switch (sc->s[sc->i]) {
	case '{':
		ok = scan_members(sc, depth + 1, false,
		    key != NULL && kn < JSONSCAN_PATH_MAX ? key : NULL, kn);
		v->kind = JSONSCAN_OBJECT;
		break;
	case '[':
		ok = scan_array(sc, depth + 1);
		v->kind = JSONSCAN_ARRAY;
		break;
	case '"':
		return scan_string(sc, v);
	case 't':
		return scan_literal(sc, "true", JSONSCAN_TRUE, v);
	case 'f':
		return scan_literal(sc, "false", JSONSCAN_FALSE, v);
	case 'n':
		return scan_literal(sc, "null", JSONSCAN_NULL, v);
	default:
		return scan_number(sc, v);
	}
	v->p = sc->s + start, v->n = sc->i - start, v->escaped = false;
	return ok;
}

const char *
jsonscan_object(const char *s, size_t n, const char *const *paths,
    size_t npaths, struct jsonscan_value *vals)
{
	struct scan sc = { s, n, 0, NULL, paths, npaths, vals };

	for (size_t j = 0; j < npaths; j++)
		vals[j] = (struct jsonscan_value){ NULL, 0, JSONSCAN_ABSENT,
		    false };
	scan_space(&sc);
	if (sc.i >= n || s[sc.i] != '{')
		return sc.i >= n ? "JSON cut short" : "invalid JSON";
	if (!scan_members(&sc, 1, true, NULL, 0))
		return sc.err;
	scan_space(&sc);
	return sc.i == n ? NULL : "invalid JSON";
}

static unsigned
hex_value(const char *p)
{
	unsigned v = 0;

	for (int k = 0; k < 4; k++) {
		char c = p[k];

		v = v * 16 + (unsigned)(c <= '9' ? c - '0' :
		    (c | 0x20) - 'a' + 10);
	}
	return v;
}

/* The character a one-letter escape stands for: \n, \t, \", \/ ... */
static char
unescape_char(char c)
{
	switch (c) {
	case 'b':
		return '\b';
	case 'f':
		return '\f';
	case 'n':
		return '\n';
	case 'r':
		return '\r';
	case 't':
		return '\t';
	default:
		return c;
	}
}

/* Writes code point cp as UTF-8; returns the number of bytes. */
static size_t
put_utf8(char *w, unsigned cp)
{
	if (cp < 0x80) {
		w[0] = (char)cp;
		return 1;
	}
	if (cp < 0x800) {
		w[0] = (char)(0xc0 | cp >> 6);
		w[1] = (char)(0x80 | (cp & 0x3f));
		return 2;
	}
	if (cp < 0x10000) {
		w[0] = (char)(0xe0 | cp >> 12);
		w[1] = (char)(0x80 | (cp >> 6 & 0x3f));
		w[2] = (char)(0x80 | (cp & 0x3f));
		return 3;
	}
	w[0] = (char)(0xf0 | cp >> 18);
	w[1] = (char)(0x80 | (cp >> 12 & 0x3f));
	w[2] = (char)(0x80 | (cp >> 6 & 0x3f));
	w[3] = (char)(0x80 | (cp & 0x3f));
	return 4;
}

/* Decodes \uXXXX at p (and a low surrogate after a high one); returns the
 * code point and sets *used to the bytes read. */
static unsigned
decode_u(const char *p, const char *end, size_t *used)
{
	unsigned cp = hex_value(p + 2), lo;

	*used = 6;
	if (cp >= 0xd800 && cp < 0xdc00 && end - p >= 12 && p[6] == '\\' &&
	    p[7] == 'u') {
		lo = hex_value(p + 8);
		if (lo >= 0xdc00 && lo < 0xe000) {
			*used = 12;
			return 0x10000 + ((cp - 0xd800) << 10) + (lo - 0xdc00);
		}
	}
	return cp;
}

bool
jsonscan_text(const struct jsonscan_value *v, struct scratch *s,
    struct str *out)
{
	const char *p = v->p, *end = v->p + v->n;
	char *w, *start;
	size_t used;

	if (!v->escaped) {
		*out = (struct str){ v->p, v->n };
		return true;
	}
	if ((start = w = scratch_reserve(s, v->n)) == NULL)
		return false;
	while (p < end) {
		if (*p != '\\') {
			*w++ = *p++;
			continue;
		}
		if (p[1] == 'u') {
			w += put_utf8(w, decode_u(p, end, &used));
			p += used;
			continue;
		}
		*w++ = unescape_char(p[1]);
		p += 2;
	}
	s->n += (size_t)(w - start);
	*out = (struct str){ start, (size_t)(w - start) };
	return true;
}

bool
jsonscan_uint(const struct jsonscan_value *v, uint64_t max, uint64_t *out)
{
	uint64_t x = 0;
	size_t i = 0;

	if (v->kind != JSONSCAN_NUMBER && v->kind != JSONSCAN_STRING)
		return false;
	if (v->n == 0 || v->p[0] < '0' || v->p[0] > '9')
		return false;
	for (; i < v->n && v->p[i] >= '0' && v->p[i] <= '9'; i++) {
		if (x > (UINT64_MAX - 9) / 10)
			return false;
		x = x * 10 + (uint64_t)(v->p[i] - '0');
	}
	if (i < v->n && v->p[i] == '.') {
		if (++i == v->n)
			return false;
		while (i < v->n && v->p[i] == '0')
			i++;
	}
	if (i != v->n || x > max)
		return false;
	*out = x;
	return true;
}
