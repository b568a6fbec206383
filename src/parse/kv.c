/*
 * kv.c - scanning key=value text.
 */
#include <stdbool.h>
#include <string.h>

#include "kv.h"

static int
kv_is_key_char(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	    (c >= '0' && c <= '9') || c == '_' || c == '.' || c == '-';
}

/* Length of the key at s[i] if a "=" follows it, else 0. */
static size_t
kv_key_len(const char *s, size_t n, size_t i)
{
	size_t k = i;

	while (k < n && kv_is_key_char(s[k]))
		k++;
	return k > i && k < n && s[k] == '=' ? k - i : 0;
}

/*
 * Finds the end of the bare value starting at s[i]: the space before the
 * next key, or n.  Sets *next to where scanning goes on.
 */
static size_t
kv_bare_end(const char *s, size_t n, size_t i, size_t *next)
{
	const char *sp;

	while (i < n && (sp = memchr(s + i, ' ', n - i)) != NULL) {
		i = (size_t)(sp - s);
		if (kv_key_len(s, n, i + 1) > 0) {
			*next = i + 1;
			return i;
		}
		i++;
	}
	*next = n;
	return n;
}

/*
 * Finds the closing quote of the value whose opening quote is s[i - 1];
 * a backslash escapes the byte after it.  An unclosed value runs to n.
 */
static size_t
kv_quoted_end(const char *s, size_t n, size_t i)
{
	for (; i < n && s[i] != '"'; i++)
		if (s[i] == '\\' && i + 1 < n)
			i++;
	return i < n ? i : n;
}

static void
kv_store(const struct kv_name *names, size_t nnames, struct str *val,
    const char *key, size_t kn, struct str v)
{
	for (size_t k = 0; k < nnames; k++)
		if (names[k].len == kn && names[k].name[0] == key[0] &&
		    memcmp(names[k].name, key, kn) == 0) {
			if (val[names[k].slot].p == NULL && v.n > 0)
				val[names[k].slot] = v;
			return;
		}
}

size_t
kv_scan(const char *s, size_t n, size_t i, const struct kv_name *names,
    size_t nnames, struct str *val)
{
	size_t first = n, key, kn, v, e;

	while (i < n) {
		while (i < n && s[i] == ' ')
			i++;
		if (i == n)
			break;
		if ((kn = kv_key_len(s, n, i)) == 0) {
			kv_bare_end(s, n, i, &i);
			continue;
		}
		if (first == n)
			first = i;
		key = i;
		v = i + kn + 1;
		if (v < n && s[v] == '"') {
			e = kv_quoted_end(s, n, ++v);
			i = e < n ? e + 1 : n;
		} else {
			e = kv_bare_end(s, n, v, &i);
			while (e > v && s[e - 1] == ' ')
				e--;
		}
		kv_store(names, nnames, val, s + key, kn,
		    (struct str){ s + v, e - v });
	}
	return first;
}

/* Reads exactly count digits at s; -1 when they are not all digits. */
static int
kv_digits(const char *s, int count)
{
	int v = 0;

	for (int i = 0; i < count; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		v = v * 10 + (s[i] - '0');
	}
	return v;
}

bool
kv_read_civil(struct str d, struct str t, struct str tz, struct civil *c)
{
	memset(c, 0, sizeof(*c));
	if (d.n != 10 || d.p[4] != '-' || d.p[7] != '-' || t.n != 8 ||
	    t.p[2] != ':' || t.p[5] != ':')
		return false;
	c->year = kv_digits(d.p, 4);
	c->mon = kv_digits(d.p + 5, 2);
	c->day = kv_digits(d.p + 8, 2);
	c->hour = kv_digits(t.p, 2);
	c->min = kv_digits(t.p + 3, 2);
	c->sec = kv_digits(t.p + 6, 2);
	if (c->year < 0 || c->mon < 0 || c->day < 0 || c->hour < 0 ||
	    c->min < 0 || c->sec < 0)
		return false;
	c->has_year = true;
	if (tz.n > 0)
		c->has_offset = time_parse_zone(tz.p, tz.n, &c->offset);
	return civil_valid(c);
}
