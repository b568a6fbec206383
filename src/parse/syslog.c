/*
 * syslog.c - reads the syslog header in front of a message.
 *
 * The parsers of formats that travel over syslog call syslog_parse() to
 * find the record's time, the reporting host and where the message itself
 * begins.  Only the header is read; the message is left to the caller.
 * Everything is borrowed from the line, nothing is allocated.
 */
#include <ctype.h>
#include <string.h>

#include "scan.h"
#include "syslog.h"

/* Length of an RFC 3164 TAG plus pid; longer tokens are not tags. */
#define SYSLOG_TAG_MAX 64

static size_t
syslog_span_token(const char *s, size_t n, size_t i)
{
	const char *sp;

	if (i >= n)
		return i;
	sp = scan_byte(s + i, n - i, ' ');
	return sp != NULL ? (size_t)(sp - s) : n;
}

static size_t
syslog_span_spaces(const char *s, size_t n, size_t i)
{
	while (i < n && s[i] == ' ')
		i++;
	return i;
}

/* Reads exactly count digits at s[*i]; advances *i. */
static bool
syslog_read_digits(const char *s, size_t n, size_t *i, int count, int *out)
{
	int v = 0;

	if (n - *i < (size_t)count)
		return false;
	for (int k = 0; k < count; k++) {
		if (!isdigit((unsigned char)s[*i + k]))
			return false;
		v = v * 10 + (s[*i + k] - '0');
	}
	*i += count;
	*out = v;
	return true;
}

/* Reads "<PRI>" at the start; returns the offset after it, or 0. */
static size_t
syslog_skip_pri(const char *s, size_t n)
{
	size_t i = 1;
	int v = 0;

	if (n < 3 || s[0] != '<')
		return 0;
	while (i < n && i < 4 && isdigit((unsigned char)s[i]))
		v = v * 10 + (s[i++] - '0');
	if (i == 1 || i >= n || s[i] != '>' || v > 191)
		return 0;
	return i + 1;
}

/* Reads ".fraction" (1 to 9 digits, kept to microseconds) at s[*i]. */
static void
syslog_read_fraction(const char *s, size_t n, size_t *i, int32_t *usec)
{
	size_t k = *i + 1;
	int32_t v = 0, scale = 100000;

	if (*i >= n || s[*i] != '.' || k >= n ||
	    !isdigit((unsigned char)s[k]))
		return;
	for (; k < n && k - *i <= 9 && isdigit((unsigned char)s[k]); k++) {
		v += (s[k] - '0') * scale;
		scale /= 10;
	}
	*i = k;
	*usec = v;
}

/*
 * Reads "Mmm dd [yyyy ]hh:mm:ss[.fraction]" at the start of s[0..n):
 * the day may be written "03", " 3" (two spaces after the month) or "3".
 * Fills *c without year (unless one is written) and without offset.
 * Returns the number of bytes read, or 0 when s does not start with such
 * a time or the time is out of range.  Nothing after it is checked.
 */
size_t
syslog_parse_bsd_time(const char *s, size_t n, struct civil *c)
{
	size_t i = 4;

	memset(c, 0, sizeof(*c));
	if (n < 14 || s[3] != ' ' || (c->mon = time_month_abbr(s)) == 0)
		return 0;
	if (s[i] == ' ')
		i++;
	if (!syslog_read_digits(s, n, &i, 2, &c->day) &&
	    !syslog_read_digits(s, n, &i, 1, &c->day))
		return 0;
	if (i >= n || s[i++] != ' ')
		return 0;
	if (n - i > 5 && s[i + 4] == ' ' &&
	    syslog_read_digits(s, n, &i, 4, &c->year)) {
		c->has_year = true;
		i++;
	}
	if (!syslog_read_digits(s, n, &i, 2, &c->hour) || i >= n ||
	    s[i++] != ':' || !syslog_read_digits(s, n, &i, 2, &c->min) ||
	    i >= n || s[i++] != ':' ||
	    !syslog_read_digits(s, n, &i, 2, &c->sec))
		return 0;
	syslog_read_fraction(s, n, &i, &c->usec);
	return civil_valid(c) ? i : 0;
}

/*
 * True when s[i..n) starts with the pattern: 'd' a digit, 'a' a letter,
 * 'T' a T in either case, any other character itself; advances *i.
 */
static bool
syslog_match(const char *s, size_t n, size_t *i, const char *pat)
{
	size_t k = *i;

	for (; *pat != '\0'; pat++, k++) {
		unsigned char c;

		if (k >= n)
			return false;
		c = (unsigned char)s[k];
		if (*pat == 'd' ? !isdigit(c) : *pat == 'a' ? !isalpha(c) :
		    *pat == 'T' ? (c | 0x20) != 't' : c != (unsigned char)*pat)
			return false;
	}
	*i = k;
	return true;
}

/* Skips ".fraction" at s[*i]; returns the number of its digits, 0 when
 * there is none. */
static size_t
syslog_skip_fraction(const char *s, size_t n, size_t *i)
{
	size_t f;

	if (*i + 1 >= n || s[*i] != '.' || !isdigit((unsigned char)s[*i + 1]))
		return 0;
	for (f = ++*i; *i < n && isdigit((unsigned char)s[*i]); ++*i)
		;
	return *i - f;
}

/*
 * The length of the text at s[0..n) written as an RFC 3164 time is
 * written, "Mmm dd [yyyy ]hh:mm:ss[.fraction]" with the day as "03", " 3"
 * or "3", whatever its values (three letters for the month).  0 when s is
 * not written so.
 */
static size_t
syslog_bsd_shape(const char *s, size_t n)
{
	size_t i = 0;

	if (!syslog_match(s, n, &i, "aaa ") ||
	    !(syslog_match(s, n, &i, "dd ") || syslog_match(s, n, &i, " d ") ||
	    syslog_match(s, n, &i, "d ")))
		return 0;
	(void)syslog_match(s, n, &i, "dddd ");
	if (!syslog_match(s, n, &i, "dd:dd:dd") ||
	    syslog_skip_fraction(s, n, &i) > 9)
		return 0;	/* a fraction reads 1 to 9 digits */
	return i;
}

/*
 * True when the token s[0..n) is written as an RFC 3339 time is written,
 * "yyyy-mm-ddThh:mm:ss[.fraction][Z|+hh:mm|+hhmm]", whatever its values.
 */
static bool
syslog_iso_shape(const char *s, size_t n)
{
	size_t i = 0;

	if (!syslog_match(s, n, &i, "dddd-dd-ddTdd:dd:dd"))
		return false;
	(void)syslog_skip_fraction(s, n, &i);
	if (i < n && (s[i] | 0x20) == 'z') {
		i++;
	} else if (i < n && (s[i] == '+' || s[i] == '-')) {
		i++;
		if (!syslog_match(s, n, &i, "dd:dd") &&
		    !syslog_match(s, n, &i, "dddd"))
			return false;
	}
	return i == n;
}

/*
 * True when the token is a tag, "name:" or "name[pid]:"; sets *tag to the
 * name.
 */
static bool
syslog_is_tag(const char *s, size_t n, struct str *tag)
{
	const char *b;

	if (n < 2 || n > SYSLOG_TAG_MAX || s[n - 1] != ':')
		return false;
	n--;
	if (s[n - 1] == ']') {
		if ((b = memchr(s, '[', n)) == NULL || b == s)
			return false;
		n = b - s;
	}
	tag->p = s;
	tag->n = n;
	return true;
}

/* True when the token can be a host name or address: [A-Za-z0-9-._:%]. */
static bool
syslog_is_host(const char *s, size_t n)
{
	static const unsigned char host_char[256] = {
		['-'] = 1, ['.'] = 1, ['_'] = 1, [':'] = 1, ['%'] = 1,
		['0'] = 1, ['1'] = 1, ['2'] = 1, ['3'] = 1, ['4'] = 1,
		['5'] = 1, ['6'] = 1, ['7'] = 1, ['8'] = 1, ['9'] = 1,
		['A'] = 1, ['B'] = 1, ['C'] = 1, ['D'] = 1, ['E'] = 1,
		['F'] = 1, ['G'] = 1, ['H'] = 1, ['I'] = 1, ['J'] = 1,
		['K'] = 1, ['L'] = 1, ['M'] = 1, ['N'] = 1, ['O'] = 1,
		['P'] = 1, ['Q'] = 1, ['R'] = 1, ['S'] = 1, ['T'] = 1,
		['U'] = 1, ['V'] = 1, ['W'] = 1, ['X'] = 1, ['Y'] = 1,
		['Z'] = 1, ['a'] = 1, ['b'] = 1, ['c'] = 1, ['d'] = 1,
		['e'] = 1, ['f'] = 1, ['g'] = 1, ['h'] = 1, ['i'] = 1,
		['j'] = 1, ['k'] = 1, ['l'] = 1, ['m'] = 1, ['n'] = 1,
		['o'] = 1, ['p'] = 1, ['q'] = 1, ['r'] = 1, ['s'] = 1,
		['t'] = 1, ['u'] = 1, ['v'] = 1, ['w'] = 1, ['x'] = 1,
		['y'] = 1, ['z'] = 1,
	};

	if (n == 0)
		return false;
	for (size_t i = 0; i < n; i++)
		if (!host_char[(unsigned char)s[i]])
			return false;
	return true;
}

/* True for a "facility.level" token as some routers put after the host. */
static bool
syslog_is_facility(const char *s, size_t n)
{
	const char *dot = memchr(s, '.', n);

	if (dot == NULL || dot == s || dot == s + n - 1)
		return false;
	for (size_t i = 0; i < n; i++)
		if (!isalpha((unsigned char)s[i]) && s + i != dot)
			return false;
	return true;
}

/* Skips a kernel uptime stamp "[  307.757925]" and the spaces after it. */
static size_t
syslog_skip_uptime(const char *s, size_t n, size_t i)
{
	size_t k = i + 1, d;

	if (i >= n || s[i] != '[')
		return i;
	k = syslog_span_spaces(s, n, k);
	for (d = k; k < n && isdigit((unsigned char)s[k]); k++)
		;
	if (k == d || k >= n || s[k++] != '.')
		return i;
	for (d = k; k < n && isdigit((unsigned char)s[k]); k++)
		;
	if (k == d || k >= n || s[k] != ']')
		return i;
	return syslog_span_spaces(s, n, k + 1);
}

/*
 * Reads what follows a 3164 or ISO time: an optional host, an optional
 * "facility.level", an optional tag, an optional uptime stamp.  A token
 * that is a tag right after the time means there is no host.
 */
static void
syslog_parse_source(const char *s, size_t n, size_t i, struct syslog_hdr *h)
{
	size_t e, e2, i2;

	i = syslog_span_spaces(s, n, i);
	e = syslog_span_token(s, n, i);
	if (syslog_is_tag(s + i, e - i, &h->tag)) {
		i = e;
	} else if (syslog_is_host(s + i, e - i)) {
		h->host = (struct str){ s + i, e - i };
		i = syslog_span_spaces(s, n, e);
		e = syslog_span_token(s, n, i);
		if (syslog_is_facility(s + i, e - i)) {
			i2 = syslog_span_spaces(s, n, e);
			e2 = syslog_span_token(s, n, i2);
			if (syslog_is_tag(s + i2, e2 - i2, &h->tag))
				i = i2, e = e2;
		}
		if (syslog_is_tag(s + i, e - i, &h->tag))
			i = e;
	}
	i = syslog_span_spaces(s, n, i);
	h->msg = syslog_skip_uptime(s, n, i);
}

/* Reads one RFC 5424 header field and the space after it; "-" is empty. */
static size_t
syslog_read_field(const char *s, size_t n, size_t i, struct str *f)
{
	size_t e = syslog_span_token(s, n, i);

	if (f != NULL && !(e - i == 1 && s[i] == '-'))
		*f = (struct str){ s + i, e - i };
	return e < n ? e + 1 : e;
}

/*
 * Skips RFC 5424 structured data: "-" or "[...]" blocks, where quoted
 * values may hold an escaped "]".  Returns where the message starts; if
 * the data is not well formed, that is where it began.
 */
static size_t
syslog_skip_sd(const char *s, size_t n, size_t i)
{
	size_t k = i;
	bool quoted = false;

	if (i < n && s[i] == '-' && (i + 1 == n || s[i + 1] == ' '))
		k = i + 1;
	while (k < n && s[k] == '[') {
		for (k++; k < n && (quoted || s[k] != ']'); k++) {
			if (s[k] == '"')
				quoted = !quoted;
			else if (s[k] == '\\' && quoted && k + 1 < n)
				k++;
		}
		if (k >= n)
			return i;
		k++;
	}
	if (k < n && s[k] == ' ')
		k++;
	if (n - k >= 3 && memcmp(s + k, "\xef\xbb\xbf", 3) == 0)
		k += 3;
	return k;
}

/* Reads an RFC 5424 header from s[i], after the PRI if there is one. */
static bool
syslog_parse_5424(const char *s, size_t n, size_t i, bool pri,
    struct syslog_hdr *h)
{
	size_t e;

	if (n - i < 3 || s[i] != '1' || s[i + 1] != ' ')
		return false;
	i += 2;
	e = syslog_span_token(s, n, i);
	if (e - i == 1 && s[i] == '-') {
		if (!pri)
			return false;
	} else if (time_parse_iso(s + i, e - i, &h->time)) {
		h->has_time = true;
	} else if (syslog_iso_shape(s + i, e - i)) {
		/* written as a time, but not a valid one */
		memset(&h->time, 0, sizeof(h->time));
		h->bad_time = true;
	} else {
		return false;
	}
	i = e < n ? e + 1 : e;
	i = syslog_read_field(s, n, i, &h->host);
	i = syslog_read_field(s, n, i, &h->tag);
	i = syslog_read_field(s, n, i, NULL);
	i = syslog_read_field(s, n, i, NULL);
	h->msg = syslog_skip_sd(s, n, i);
	return true;
}

/* Reads a leading ISO 8601 time token; returns where it ends, or 0. */
static size_t
syslog_parse_iso_time(const char *s, size_t n, size_t i, struct civil *c)
{
	size_t e;

	if (n - i < 19 || !isdigit((unsigned char)s[i]) || s[i + 4] != '-')
		return 0;
	e = syslog_span_token(s, n, i);
	return time_parse_iso(s + i, e - i, c) ? e : 0;
}

/*
 * Parses the header of line[0..n); see syslog.h.  A line that has a PRI
 * but no time still has a header: h->msg is then the offset after the PRI.
 */
bool
syslog_parse(const char *line, size_t n, struct syslog_hdr *h)
{
	size_t i = syslog_skip_pri(line, n), e;

	memset(h, 0, sizeof(*h));
	if (syslog_parse_5424(line, n, i, i > 0, h))
		return true;
	memset(h, 0, sizeof(*h));
	if ((e = syslog_parse_bsd_time(line + i, n - i, &h->time)) > 0) {
		e += i;
		if (e < n && line[e] == ':')	/* Cisco: "10:00:10: %ASA" */
			e++;
	} else
		e = syslog_parse_iso_time(line, n, i, &h->time);
	if (e > 0 && (e == n || line[e] == ' ')) {
		h->has_time = true;
		syslog_parse_source(line, n, e, h);
		return true;
	}
	memset(h, 0, sizeof(*h));
	/* written as a time, but not a valid one */
	if ((e = syslog_bsd_shape(line + i, n - i)) > 0) {
		e += i;
		if (e < n && line[e] == ':')
			e++;
	} else {
		e = syslog_span_token(line, n, i);
		if (!syslog_iso_shape(line + i, e - i))
			e = 0;
	}
	if (e > 0 && (e == n || line[e] == ' ')) {
		h->bad_time = true;
		syslog_parse_source(line, n, e, h);
		return true;
	}
	h->msg = i;
	return i > 0;
}

const char *
syslog_date(struct time_ctx *tc, const struct syslog_hdr *h,
    struct event *ev)
{
	if (h->bad_time || (h->has_time &&
	    !(ev->has_time = time_ctx_resolve(tc, &h->time, &ev->time))))
		return SYSLOG_BAD_TIME;
	return NULL;
}
