/*
 * csl.c - Microsoft Sentinel CommonSecurityLog exports: CSV or TSV with a
 * header row, a JSON array (pretty-printed or on one line) and JSON lines.
 *
 * The format is read per file, not per line: the first line decides the
 * mode, a CSV header names the columns, and one record may span lines (a
 * quoted CSV field holding a newline, a pretty-printed JSON object).  The
 * stream's state keeps the mode, the column map and one buffer in which
 * records are put together; the buffer is reused for every record, so the
 * CSV path allocates nothing per record.  JSON objects are decoded with
 * jansson, which allocates per object; the decoded object is kept until the
 * next call, because the event borrows its strings.
 */
#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <jansson.h>

#include "format.h"

/*
 * A record longer than this is malformed.  Real rows are a few KiB; a
 * record this long means an unbalanced quote or brace, and the cap keeps
 * such a file from pulling the rest of itself into memory.
 */
#define CSL_RECORD_MAX (1024 * 1024)

/* The columns the event is made of. */
enum csl_field {
	F_TIME, F_ACTION, F_ACTIVITY, F_SRC, F_DST, F_SPORT, F_DPORT,
	F_PROTO, F_VENDOR, F_PRODUCT, F_EXTID, F_COMPUTER, F_COUNT
};

static const char *const csl_column_names[F_COUNT] = {
	"TimeGenerated", "DeviceAction", "Activity", "SourceIP",
	"DestinationIP", "SourcePort", "DestinationPort", "Protocol",
	"DeviceVendor", "DeviceProduct", "DeviceExternalID", "Computer",
};

enum csl_kind { V_ABSENT, V_TEXT, V_NUMBER, V_OTHER };

/* One column's value in the current record. */
struct csl_value {
	const char *p;
	size_t n;
	enum csl_kind kind;
	bool local;		/* a time column read in --tz, not UTC */
};

/* A column of a CSV header: the field it gives, or -1. */
struct csl_column {
	int field;
	bool local;
};

enum csl_mode { MODE_START, MODE_CSV, MODE_JSON };

struct csl_state {
	enum csl_mode mode;
	bool seen_line;		/* a line was read: no BOM check any more */
	bool pending;		/* a record continues on the next line */
	uint64_t record_line;	/* the line the record started on */

	char *buf;		/* the record being put together */
	size_t n, cap;

	/* CSV: separator, columns, the header as read, quote state */
	char sep;
	struct csl_column *cols;
	size_t ncols;
	char *header;
	size_t header_n;
	bool in_quote, after_quote, field_start;

	/* JSON: nesting and string state, decoded values of the record */
	int depth;
	bool in_string, escape;
	json_t *doc;
	json_t *parts[F_COUNT];
	char num[F_COUNT][32];

	/* where to go on when the same line is handed in again, counted in
	 * the line as handed in (before the BOM and a CR are cut off) */
	bool resume;
	uint64_t resume_line;
	size_t resume_n, resume_pos;
	size_t given_n, bom;	/* the current line's length, BOM bytes */

	struct csl_value v[F_COUNT];
};

static bool
csl_is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f' ||
	    c == '\v';
}

static bool
csl_blank(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (!csl_is_space(s[i]))
			return false;
	return true;
}

static void
csl_trim(const char **p, size_t *n)
{
	while (*n > 0 && csl_is_space(**p))
		(*p)++, (*n)--;
	while (*n > 0 && csl_is_space((*p)[*n - 1]))
		(*n)--;
}

static bool
csl_equal_nocase(const char *s, size_t n, const char *lit)
{
	return strlen(lit) == n && strncasecmp(s, lit, n) == 0;
}

/*
 * Maps a column name to the field it gives, or -1.  A trailing bracketed
 * suffix (" [UTC]", " [Local Time]") is dropped; any suffix but [UTC] means
 * the column's times are in the configured zone.
 */
static int
csl_column_lookup(const char *s, size_t n, bool *local)
{
	const char *open;

	*local = false;
	csl_trim(&s, &n);
	if (n > 0 && s[n - 1] == ']' &&
	    (open = memrchr(s, '[', n)) != NULL) {
		const char *zone = open + 1;
		size_t zn = (size_t)(s + n - 1 - zone);

		csl_trim(&zone, &zn);
		*local = !csl_equal_nocase(zone, zn, "UTC");
		n = (size_t)(open - s);
		csl_trim(&s, &n);
	}
	for (int f = 0; f < F_COUNT; f++)
		if (csl_equal_nocase(s, n, csl_column_names[f]))
			return f;
	return -1;
}

/* Returns a new, empty stream state, or NULL when memory is short. */
static void *
csl_state_new(void)
{
	struct csl_state *st = calloc(1, sizeof(*st));

	if (st != NULL)
		st->field_start = true;
	return st;
}

static void
csl_json_release(struct csl_state *st)
{
	json_decref(st->doc);
	st->doc = NULL;
	for (int f = 0; f < F_COUNT; f++) {
		json_decref(st->parts[f]);
		st->parts[f] = NULL;
	}
}

/* Frees a stream state; NULL is harmless. */
static void
csl_state_free(void *p)
{
	struct csl_state *st = p;

	if (st == NULL)
		return;
	csl_json_release(st);
	free(st->buf);
	free(st->cols);
	free(st->header);
	free(st);
}

/* Forgets the record being put together, after it ended or was refused. */
static void
csl_record_reset(struct csl_state *st)
{
	st->pending = false;
	st->n = 0;
	st->in_quote = st->after_quote = false;
	st->field_start = true;
	st->depth = 0;
	st->in_string = st->escape = false;
}

/*
 * Appends to the record buffer.  Returns NULL, or the reason the record
 * cannot grow.
 */
static const char *
csl_append(struct csl_state *st, const char *s, size_t n)
{
	if (n > CSL_RECORD_MAX - st->n)
		return "record too long";
	if (st->cap - st->n < n + 1) {
		size_t cap = st->cap ? st->cap : 4096;
		char *p;

		while (cap - st->n < n + 1)
			cap *= 2;
		if ((p = realloc(st->buf, cap)) == NULL)
			return "out of memory";
		st->buf = p, st->cap = cap;
	}
	memcpy(st->buf + st->n, s, n);
	st->n += n;
	st->buf[st->n] = '\0';
	return NULL;
}

static void
csl_values_clear(struct csl_state *st)
{
	for (int f = 0; f < F_COUNT; f++)
		st->v[f] = (struct csl_value){ NULL, 0, V_ABSENT, false };
}

/*
 * Sets a field's value unless an earlier column or key gave one; a blank
 * value is absent and leaves the field to a later one.
 */
static void
csl_value_set(struct csl_state *st, int f, const char *p, size_t n,
    enum csl_kind kind, bool local)
{
	if (f < 0 || st->v[f].kind != V_ABSENT)
		return;
	csl_trim(&p, &n);
	if (kind != V_OTHER && n == 0)
		return;
	st->v[f] = (struct csl_value){ p, n, kind, local };
}

/*
 * Times.
 */

/* Reads 1 to max digits at s[*i]; at least min. */
static bool
csl_digits(const char *s, size_t n, size_t *i, int min, int max, int *out)
{
	int k = 0, v = 0;

	while (*i < n && k < max && isdigit((unsigned char)s[*i]))
		v = v * 10 + (s[(*i)++] - '0'), k++;
	*out = v;
	return k >= min;
}

/* Reads "h:mm[:ss[.fff]]" at s[*i] into c. */
static bool
csl_clock(const char *s, size_t n, size_t *i, struct civil *c)
{
	int32_t scale = 100000;

	if (!csl_digits(s, n, i, 1, 2, &c->hour) || *i >= n || s[*i] != ':' ||
	    (++*i, !csl_digits(s, n, i, 2, 2, &c->min)))
		return false;
	if (*i >= n || s[*i] != ':')
		return true;
	++*i;
	if (!csl_digits(s, n, i, 2, 2, &c->sec))
		return false;
	if (*i >= n || s[*i] != '.')
		return true;
	if (++*i >= n || !isdigit((unsigned char)s[*i]))
		return false;
	for (; *i < n && isdigit((unsigned char)s[*i]); ++*i, scale /= 10)
		c->usec += (s[*i] - '0') * scale;
	return true;
}

/* Reads an optional AM/PM marker and the end of the text. */
static bool
csl_meridiem(const char *s, size_t n, size_t i, struct civil *c)
{
	bool pm;

	while (i < n && s[i] == ' ')
		i++;
	if (i == n)
		return true;
	if (n - i != 2 || (s[i + 1] != 'M' && s[i + 1] != 'm'))
		return false;
	if (s[i] == 'A' || s[i] == 'a')
		pm = false;
	else if (s[i] == 'P' || s[i] == 'p')
		pm = true;
	else
		return false;
	if (c->hour < 1 || c->hour > 12)
		return false;
	c->hour = c->hour % 12 + (pm ? 12 : 0);
	return true;
}

/*
 * Reads the portal's locale form "3/1/2026, 10:06:01.250 AM": month first
 * unless order is 'd', comma and AM/PM optional, no zone.
 */
static bool
csl_time_locale(const char *s, size_t n, char order, struct civil *c)
{
	size_t i = 0;
	int a, b;

	memset(c, 0, sizeof(*c));
	if (!csl_digits(s, n, &i, 1, 2, &a) || i >= n || s[i++] != '/' ||
	    !csl_digits(s, n, &i, 1, 2, &b) || i >= n || s[i++] != '/' ||
	    !csl_digits(s, n, &i, 4, 4, &c->year))
		return false;
	if (i < n && s[i] == ',')
		i++;
	else if (i >= n || s[i] != ' ')
		return false;
	while (i < n && s[i] == ' ')
		i++;
	if (!csl_clock(s, n, &i, c) || !csl_meridiem(s, n, i, c))
		return false;
	c->mon = order == 'd' ? b : a;
	c->day = order == 'd' ? a : b;
	c->has_year = true;
	return civil_valid(c);
}

/* Sets the event's time from TimeGenerated; false when it is unreadable. */
static bool
csl_time(struct parse_ctx *ctx, const struct csl_value *v, struct event *ev)
{
	char order = ctx->opts != NULL ? ctx->opts->csl_date_order : 'm';
	struct civil c;

	if (v->kind == V_ABSENT)
		return true;
	if (v->kind != V_TEXT)
		return false;
	if (!time_parse_iso(v->p, v->n, &c) &&
	    !csl_time_locale(v->p, v->n, order, &c))
		return false;
	if (!c.has_offset && !v->local) {
		c.has_offset = true;
		c.offset = 0;
	}
	if (!time_ctx_resolve(&ctx->time, &c, &ev->time))
		return false;
	ev->has_time = true;
	return true;
}

/*
 * Addresses, ports, protocols.
 */

static bool
csl_addr(const struct csl_value *v, struct addr *a, bool *has)
{
	if (v->kind == V_ABSENT)
		return true;
	if (v->kind != V_TEXT || !addr_parse(v->p, v->n, a))
		return false;
	*has = true;
	return true;
}

static bool
csl_port(const struct csl_value *v, uint16_t *port, bool *has)
{
	uint32_t x = 0;

	if (v->kind == V_ABSENT)
		return true;
	if (v->kind == V_OTHER || v->n > 5)
		return false;
	for (size_t i = 0; i < v->n; i++) {
		if (!isdigit((unsigned char)v->p[i]))
			return false;
		x = x * 10 + (uint32_t)(v->p[i] - '0');
	}
	if (x > 65535)
		return false;
	*port = (uint16_t)x;
	*has = true;
	return true;
}

static struct str
csl_text(const struct csl_value *v)
{
	if (v->kind == V_TEXT || v->kind == V_NUMBER)
		return (struct str){ v->p, v->n };
	return STR_NULL;
}

/*
 * Turns the values of the record into the event.
 */
static enum parse_status
csl_event(struct parse_ctx *ctx, struct csl_state *st, struct event *ev)
{
	const struct csl_value *v = st->v;

	event_clear(ev);
	for (int f = 0; f < F_COUNT; f++)
		if (v[f].kind == V_OTHER) {
			ctx->reason = "JSON value of the wrong type";
			return PARSE_MALFORMED;
		}
	if (!csl_time(ctx, &v[F_TIME], ev))
		ctx->reason = "bad TimeGenerated";
	else if (!csl_addr(&v[F_SRC], &ev->src, &ev->has_src))
		ctx->reason = "bad SourceIP";
	else if (!csl_addr(&v[F_DST], &ev->dst, &ev->has_dst))
		ctx->reason = "bad DestinationIP";
	else if (!csl_port(&v[F_SPORT], &ev->sport, &ev->has_sport))
		ctx->reason = "bad SourcePort";
	else if (!csl_port(&v[F_DPORT], &ev->dport, &ev->has_dport))
		ctx->reason = "bad DestinationPort";
	else
		ctx->reason = NULL;
	if (ctx->reason == NULL && v[F_PROTO].kind != V_ABSENT &&
	    (ev->proto = (int16_t)proto_parse(v[F_PROTO].p,
	    v[F_PROTO].n)) == -2)
		ctx->reason = "bad Protocol";
	if (ctx->reason != NULL)
		return PARSE_MALFORMED;
	ev->action = csl_text(&v[F_ACTION]);
	ev->action_hint = csl_text(&v[F_ACTIVITY]);
	ev->vendor = csl_text(&v[F_VENDOR]);
	ev->product = csl_text(&v[F_PRODUCT]);
	ev->device = csl_text(&v[F_EXTID]);
	if (ev->device.n == 0)
		ev->device = csl_text(&v[F_COMPUTER]);
	return PARSE_OK;
}

/*
 * CSV and TSV (RFC 4180 quoting: a field that starts with a quote runs to
 * the closing quote, "" inside it is one quote, and it may hold the
 * separator and line ends; a quote elsewhere is an ordinary character).
 */

/*
 * Cuts the next field of rec at *i, undoing the quoting in place.  Sets
 * *fn to its length and *more to whether a separator followed it.
 */
static char *
csl_field_next(char *rec, size_t n, size_t *i, char sep, size_t *fn,
    bool *more)
{
	size_t start = *i, r = *i, w = *i;

	if (r < n && rec[r] == '"') {
		for (r++; r < n; rec[w++] = rec[r++]) {
			if (rec[r] != '"')
				continue;
			if (r + 1 >= n || rec[r + 1] != '"') {
				r++;	/* the closing quote */
				break;
			}
			r++;		/* "" is one quote */
		}
	}
	while (r < n && rec[r] != sep)
		rec[w++] = rec[r++];
	*more = r < n;
	*i = *more ? r + 1 : r;
	*fn = w - start;
	return rec + start;
}

/* Follows the quote state over the bytes of the record from start on. */
static void
csl_csv_scan(struct csl_state *st, size_t start)
{
	for (size_t i = start; i < st->n; i++) {
		char c = st->buf[i];

		if (st->in_quote) {
			if (c == '"')
				st->in_quote = false, st->after_quote = true;
			continue;
		}
		if (st->after_quote && c == '"') {
			st->in_quote = true, st->after_quote = false;
			continue;
		}
		st->after_quote = false;
		if (c == st->sep)
			st->field_start = true;
		else if (st->field_start && c == '"')
			st->in_quote = true, st->field_start = false;
		else
			st->field_start = false;
	}
}

/*
 * Reads the header row: the separator, and which column gives which field
 * (when two columns give one field, the first that is not empty in a row
 * wins).  Returns PARSE_NOT_MINE when no column is one the event uses.
 */
static enum parse_status
csl_header(struct parse_ctx *ctx, struct csl_state *st, const char *line,
    size_t n)
{
	size_t tabs = 0, commas = 0, i = 0, fn, k;
	bool more = true, any = false;
	const char *err = NULL;
	char *name;

	for (k = 0; k < n; k++)
		tabs += line[k] == '\t', commas += line[k] == ',';
	st->sep = tabs > 0 && tabs >= commas ? '\t' : ',';
	free(st->cols);
	free(st->header);
	st->cols = calloc(tabs + commas + 1, sizeof(*st->cols));
	st->header = malloc(n + 1);
	st->n = 0;
	if (st->cols == NULL || st->header == NULL)
		err = "out of memory";
	if (err != NULL || (err = csl_append(st, line, n)) != NULL) {
		ctx->reason = err;
		return PARSE_MALFORMED;
	}
	memcpy(st->header, line, n);
	st->header_n = n;
	for (k = 0; more; k++) {
		name = csl_field_next(st->buf, st->n, &i, st->sep, &fn, &more);
		st->cols[k].field = csl_column_lookup(name, fn,
		    &st->cols[k].local);
		any |= st->cols[k].field >= 0;
	}
	st->ncols = k;
	if (!any)
		return PARSE_NOT_MINE;
	st->mode = MODE_CSV;
	ctx->reason = "header";
	return PARSE_SKIP;
}

/* Splits a complete row into the values and makes the event. */
static enum parse_status
csl_csv_record(struct parse_ctx *ctx, struct csl_state *st, struct event *ev)
{
	size_t i = 0, k, fn;
	bool more = true;
	char *p;

	if (st->n == st->header_n && memcmp(st->buf, st->header, st->n) == 0) {
		ctx->reason = "header";
		return PARSE_SKIP;
	}
	csl_values_clear(st);
	for (k = 0; more; k++) {
		p = csl_field_next(st->buf, st->n, &i, st->sep, &fn, &more);
		if (k < st->ncols)
			csl_value_set(st, st->cols[k].field, p, fn, V_TEXT,
			    st->cols[k].local);
	}
	if (k != st->ncols) {
		ctx->reason = "wrong number of fields";
		return PARSE_MALFORMED;
	}
	return csl_event(ctx, st, ev);
}

/* One line of a CSV or TSV export after its header. */
static enum parse_status
csl_csv_line(struct parse_ctx *ctx, struct csl_state *st, const char *line,
    size_t n, struct event *ev)
{
	const char *err = NULL;
	size_t start;

	if (!st->pending) {
		if (csl_blank(line, n)) {
			ctx->reason = "empty line";
			return PARSE_SKIP;
		}
		csl_record_reset(st);
		st->record_line = ctx->line;
	} else
		err = csl_append(st, "\n", 1);
	ctx->record_line = st->record_line;
	start = st->n;
	if (err != NULL || (err = csl_append(st, line, n)) != NULL) {
		csl_record_reset(st);
		ctx->reason = err;
		return PARSE_MALFORMED;
	}
	csl_csv_scan(st, start);
	st->pending = st->in_quote;
	if (st->pending)
		return PARSE_PENDING;
	return csl_csv_record(ctx, st, ev);
}

/*
 * JSON: objects, one per line or spread over lines, bare or inside an
 * array.  Outside objects only "[", "]" and "," may appear.
 */

/* Gives a field the value of one JSON member. */
static void
csl_json_value(struct csl_state *st, int f, json_t *val, bool local)
{
	size_t cap = sizeof(st->num[0]);
	char *num;
	double d;
	int len;

	if (f < 0 || json_is_null(val))
		return;
	num = st->num[f];
	if (json_is_string(val)) {
		csl_value_set(st, f, json_string_value(val),
		    json_string_length(val), V_TEXT, local);
		return;
	}
	if (json_is_integer(val))
		len = snprintf(num, cap, "%" JSON_INTEGER_FORMAT,
		    json_integer_value(val));
	else if (json_is_real(val)) {
		d = json_real_value(val);
		len = fabs(d) < 1e15 && d == floor(d) ?
		    snprintf(num, cap, "%.0f", d) : snprintf(num, cap, "%g", d);
	} else {
		csl_value_set(st, f, "", 0, V_OTHER, local);
		return;
	}
	if (len > 0 && (size_t)len < cap)
		csl_value_set(st, f, num, (size_t)len, V_NUMBER, local);
}

/* Skips a JSON string at s[i] (its opening quote); returns the index after
 * its closing quote. */
static size_t
csl_json_skip_string(const char *s, size_t n, size_t i)
{
	for (i++; i < n && s[i] != '"'; i++)
		if (s[i] == '\\')
			i++;
	return i < n ? i + 1 : n;
}

/* Skips one JSON value of text already known to be valid. */
static size_t
csl_json_skip_value(const char *s, size_t n, size_t i)
{
	int depth = 0;

	if (s[i] != '{' && s[i] != '[' && s[i] != '"') {
		while (i < n && strchr(",}] \t\r\n", s[i]) == NULL)
			i++;
		return i;
	}
	do {
		if (s[i] == '"') {
			i = csl_json_skip_string(s, n, i);
			continue;
		}
		depth += (s[i] == '{' || s[i] == '[');
		depth -= (s[i] == '}' || s[i] == ']');
		i++;
	} while (i < n && depth > 0);
	return i;
}

static size_t
csl_json_skip_space(const char *s, size_t n, size_t i)
{
	while (i < n && csl_is_space(s[i]))
		i++;
	return i;
}

/*
 * Reads the members of an object that repeats a key, one by one, so that
 * the first occurrence wins (jansson keeps the last).  The text is valid
 * JSON apart from the repetition.
 */
static void
csl_json_first_wins(struct csl_state *st)
{
	const char *s = st->buf;
	size_t n = st->n, i = 1, ks, vs;
	json_t *key;
	bool local;
	int f;

	for (;;) {
		i = csl_json_skip_space(s, n, i);
		if (i >= n || s[i] != '"')
			return;
		ks = i;
		i = csl_json_skip_string(s, n, i);
		key = json_loadb(s + ks, i - ks, JSON_DECODE_ANY, NULL);
		f = json_is_string(key) ? csl_column_lookup(
		    json_string_value(key), json_string_length(key), &local) :
		    -1;
		json_decref(key);
		i = csl_json_skip_space(s, n, i) + 1;
		vs = i = csl_json_skip_space(s, n, i);
		i = csl_json_skip_value(s, n, i);
		if (f >= 0 && st->v[f].kind == V_ABSENT) {
			json_decref(st->parts[f]);
			st->parts[f] = json_loadb(s + vs, i - vs,
			    JSON_DECODE_ANY | JSON_ALLOW_NUL, NULL);
			if (st->parts[f] != NULL)
				csl_json_value(st, f, st->parts[f], local);
		}
		i = csl_json_skip_space(s, n, i) + 1;
	}
}

/* Decodes the complete object in the buffer and makes the event. */
static enum parse_status
csl_json_record(struct parse_ctx *ctx, struct csl_state *st, struct event *ev)
{
	json_error_t err;
	const char *key;
	json_t *val;
	bool local;
	int f;

	csl_values_clear(st);
	st->doc = json_loadb(st->buf, st->n,
	    JSON_REJECT_DUPLICATES | JSON_ALLOW_NUL, &err);
	if (st->doc == NULL &&
	    json_error_code(&err) == json_error_duplicate_key &&
	    (st->doc = json_loadb(st->buf, st->n, JSON_ALLOW_NUL, &err))) {
		csl_json_first_wins(st);
		return csl_event(ctx, st, ev);
	}
	if (st->doc == NULL) {
		ctx->reason = "invalid JSON";
		return PARSE_MALFORMED;
	}
	json_object_foreach(st->doc, key, val) {
		f = csl_column_lookup(key, strlen(key), &local);
		csl_json_value(st, f, val, local);
	}
	return csl_event(ctx, st, ev);
}

/*
 * Follows nesting and strings over line[i..n); returns the index just past
 * the brace that closes the object, or n when it is still open.
 */
static size_t
csl_json_scan(struct csl_state *st, const char *line, size_t i, size_t n)
{
	for (; i < n; i++) {
		char c = line[i];

		if (st->in_string) {
			if (st->escape)
				st->escape = false;
			else if (c == '\\')
				st->escape = true;
			else if (c == '"')
				st->in_string = false;
		} else if (c == '"')
			st->in_string = true;
		else if (c == '{' || c == '[')
			st->depth++;
		else if ((c == '}' || c == ']') && --st->depth == 0)
			return i + 1;
	}
	return n;
}

/* Skips white space and array punctuation; tells whether it saw any. */
static size_t
csl_json_skip_punct(const char *line, size_t i, size_t n, bool *punct)
{
	for (; i < n; i++) {
		if (line[i] == '[' || line[i] == ']' || line[i] == ',')
			*punct = true;
		else if (!csl_is_space(line[i]))
			break;
	}
	return i;
}

/*
 * Adds line[pos..n) to the object being read.  Returns PARSE_PENDING while
 * it is open; on its end, decodes it and marks the line to be handed in
 * again when more follows on it.
 */
static enum parse_status
csl_json_part(struct parse_ctx *ctx, struct csl_state *st, const char *line,
    size_t pos, size_t n, struct event *ev)
{
	size_t end = csl_json_scan(st, line, pos, n);
	const char *err = csl_append(st, line + pos, end - pos);
	enum parse_status rc;
	bool punct = false;

	ctx->record_line = st->record_line;
	if (err == NULL && st->depth > 0 && st->in_string)
		err = "invalid JSON";	/* a string cannot span lines */
	if (err == NULL && st->depth > 0)
		err = csl_append(st, "\n", 1);
	if (err != NULL) {
		csl_record_reset(st);
		ctx->reason = err;
		return PARSE_MALFORMED;
	}
	if (st->depth > 0)
		return PARSE_PENDING;
	rc = csl_json_record(ctx, st, ev);
	csl_record_reset(st);
	pos = csl_json_skip_punct(line, end, n, &punct);
	if (pos < n) {
		st->resume = ctx->again = true;
		st->resume_line = ctx->line;
		st->resume_n = st->given_n;
		st->resume_pos = pos + st->bom;
	}
	return rc;
}

/* One line of a JSON export, from pos on. */
static enum parse_status
csl_json_line(struct parse_ctx *ctx, struct csl_state *st, const char *line,
    size_t pos, size_t n, struct event *ev)
{
	bool punct = false;

	if (st->pending)
		return csl_json_part(ctx, st, line, pos, n, ev);
	pos = csl_json_skip_punct(line, pos, n, &punct);
	if (pos == n) {
		ctx->reason = punct ? "JSON array punctuation" : "empty line";
		return PARSE_SKIP;
	}
	if (line[pos] != '{') {
		ctx->reason = "JSON value is not an object";
		return PARSE_MALFORMED;
	}
	csl_record_reset(st);
	st->pending = true;
	st->record_line = ctx->line;
	return csl_json_part(ctx, st, line, pos, n, ev);
}

/*
 * The first line that is not blank decides: JSON when it starts with "["
 * or "{", else it is the header row of a CSV or TSV export.
 */
static enum parse_status
csl_first_line(struct parse_ctx *ctx, struct csl_state *st, const char *line,
    size_t n, struct event *ev)
{
	size_t i = 0;

	while (i < n && csl_is_space(line[i]))
		i++;
	if (i == n) {
		ctx->reason = "empty line";
		return PARSE_SKIP;
	}
	if (line[i] == '[' || line[i] == '{') {
		st->mode = MODE_JSON;
		return csl_json_line(ctx, st, line, i, n, ev);
	}
	return csl_header(ctx, st, line, n);
}

static enum parse_status
csl_parse(struct parse_ctx *ctx, const char *line, size_t n, struct event *ev)
{
	struct csl_state *st = ctx->state;
	size_t pos = 0;

	ctx->again = false;
	if (st == NULL) {
		ctx->reason = "out of memory";
		return PARSE_MALFORMED;
	}
	csl_json_release(st);
	if (st->resume && st->resume_line == ctx->line && st->resume_n == n)
		pos = st->resume_pos;
	st->resume = false;
	st->given_n = n;
	st->bom = 0;
	if (!st->seen_line && n >= 3 && memcmp(line, "\xef\xbb\xbf", 3) == 0)
		line += 3, n -= 3, st->bom = 3;
	st->seen_line = true;
	if (n > pos && line[n - 1] == '\r')
		n--;
	switch (st->mode) {
	case MODE_START:
		return csl_first_line(ctx, st, line, n, ev);
	case MODE_CSV:
		return csl_csv_line(ctx, st, line, n, ev);
	default:
		return csl_json_line(ctx, st, line, pos, n, ev);
	}
}

static enum parse_status
csl_finish(struct parse_ctx *ctx)
{
	struct csl_state *st = ctx->state;

	ctx->again = false;
	if (st == NULL || !st->pending) {
		ctx->reason = "end of input";
		return PARSE_SKIP;
	}
	csl_record_reset(st);
	ctx->record_line = st->record_line;
	ctx->reason = "record cut short at end of input";
	return PARSE_MALFORMED;
}

/*
 * Sniffing.
 */

static const char *const csl_json_keys[] = {
	"\"TimeGenerated", "\"DeviceVendor\"", "\"DeviceProduct\"",
	"\"DeviceAction\"", "\"SourceIP\"", "\"DestinationIP\"",
	"\"DestinationPort\"",
};

static int
csl_sniff_json(const char *head, size_t n)
{
	int found = 0;

	for (size_t k = 0; k < sizeof(csl_json_keys) / sizeof(*csl_json_keys);
	    k++)
		found += memmem(head, n, csl_json_keys[k],
		    strlen(csl_json_keys[k])) != NULL;
	if (memmem(head, n, "\"CommonSecurityLog\"", 19) != NULL)
		found += 2;
	return found >= 3 ? 95 : found == 2 ? 70 : found == 1 ? 30 : 0;
}

/* Scores a first line as a header row naming the table's columns. */
static int
csl_sniff_header(const char *line, size_t n)
{
	size_t tabs = 0, commas = 0, i = 0;
	bool seen[F_COUNT] = { false }, local;
	char sep;
	int found = 0;

	for (size_t k = 0; k < n; k++)
		tabs += line[k] == '\t', commas += line[k] == ',';
	sep = tabs > 0 && tabs >= commas ? '\t' : ',';
	while (i < n) {
		const char *name = line + i, *end = memchr(name, sep, n - i);
		size_t fn = end != NULL ? (size_t)(end - name) : n - i;
		int f;

		i += fn + 1;
		if (fn >= 2 && name[0] == '"' && name[fn - 1] == '"')
			name++, fn -= 2;
		if ((f = csl_column_lookup(name, fn, &local)) >= 0 && !seen[f])
			seen[f] = true, found++;
	}
	if (seen[F_TIME] && (seen[F_SRC] || seen[F_DPORT]))
		return found >= 4 ? 95 : 85;
	return found >= 3 ? 60 : found * 10;
}

static int
csl_sniff(const char *head, size_t n)
{
	const char *nl;
	size_t i = 0;

	if (n >= 3 && memcmp(head, "\xef\xbb\xbf", 3) == 0)
		i = 3;
	while (i < n && csl_is_space(head[i]))
		i++;
	if (i == n)
		return 0;
	if (head[i] == '[' || head[i] == '{')
		return csl_sniff_json(head + i, n - i);
	nl = memchr(head + i, '\n', n - i);
	return csl_sniff_header(head + i,
	    nl != NULL ? (size_t)(nl - head - i) : n - i);
}

const struct format format_csl = {
	.name = "csl",
	.title = "Microsoft Sentinel CommonSecurityLog export (CSV, TSV, JSON)",
	.sniff = csl_sniff,
	.line_based = false,
	.state_new = csl_state_new,
	.state_free = csl_state_free,
	.parse = csl_parse,
	.finish = csl_finish,
};
