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

/*
 * A quoted CSV field may hold line ends, but a record spans at most this
 * many lines.  A quote that is never closed would otherwise pull every
 * later row into one record; past the limit (or the byte cap above, or on
 * a line that is a row of its own) the record is given up and its later
 * lines are read again as rows.  It also bounds what the end of the input
 * can lose: the lines of one open record.
 */
#define CSL_SPAN_LINES 64

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

/* Where the RFC 4180 reading of a CSV record stands. */
struct csl_quote {
	bool in_quote;		/* inside a quoted field */
	bool after_quote;	/* just after a quote that may close it */
	bool field_start;	/* at the first byte of a field */
};

/* A line of an open CSV record: its offset in the buffer, its number. */
struct csl_span {
	size_t off;
	uint64_t line;
};

/* The head of a queued line, followed by its n bytes. */
struct csl_entry {
	uint64_t line;
	size_t n;
};

struct csl_state {
	enum csl_mode mode;
	bool seen_line;		/* a line was read: no BOM check any more */
	bool pending;		/* a record continues on the next line */
	uint64_t record_line;	/* the line the record started on */

	char *buf;		/* the record being put together */
	size_t n, cap;

	/* CSV: separator, columns, the header as read, quote state, the
	 * lines of the open record */
	char sep;
	struct csl_column *cols;
	size_t ncols;
	char *header;
	size_t header_n;
	struct csl_quote q;
	struct csl_span span[CSL_SPAN_LINES];
	size_t nspan;

	/* CSV: lines to read again after a record was given up, as entries
	 * from queue_pos to queue_n, read before any new line; whether the
	 * line being read came from there (its entry at entry), and the
	 * input line that was to be handed in again */
	char *queue;
	size_t queue_n, queue_pos, queue_cap, entry;
	bool from_queue, replaying;
	uint64_t replay_line;

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
		st->q.field_start = true;
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
	free(st->queue);
	free(st);
}

/* Forgets the record being put together, after it ended or was refused. */
static void
csl_record_reset(struct csl_state *st)
{
	st->pending = false;
	st->n = 0;
	st->q = (struct csl_quote){ false, false, true };
	st->nspan = 0;
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

/* Follows the quote state q over s[0..n). */
static void
csl_quote_scan(struct csl_quote *q, char sep, const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		char c = s[i];

		if (q->in_quote) {
			if (c == '"')
				q->in_quote = false, q->after_quote = true;
			continue;
		}
		if (q->after_quote && c == '"') {
			q->in_quote = true, q->after_quote = false;
			continue;
		}
		q->after_quote = false;
		if (c == sep)
			q->field_start = true;
		else if (q->field_start && c == '"')
			q->in_quote = true, q->field_start = false;
		else
			q->field_start = false;
	}
}

/* Cuts the white space and one pair of enclosing quotes off a name. */
static void
csl_name_unquote(const char **p, size_t *n)
{
	csl_trim(p, n);
	if (*n >= 2 && (*p)[0] == '"' && (*p)[*n - 1] == '"') {
		(*p)++, *n -= 2;
		csl_trim(p, n);
	}
}

/*
 * Tells whether s[0..n) reads as a column name: a word of letters, digits
 * and underscores that starts with a letter or an underscore, then at
 * most a bracketed suffix (" [UTC]").
 */
static bool
csl_name_like(const char *s, size_t n)
{
	size_t i = 0;

	csl_name_unquote(&s, &n);
	if (n == 0 || (!isalpha((unsigned char)s[0]) && s[0] != '_'))
		return false;
	while (i < n && (isalnum((unsigned char)s[i]) || s[i] == '_'))
		i++;
	while (i < n && s[i] == ' ')
		i++;
	if (i == n)
		return true;
	if (s[i] != '[' || s[n - 1] != ']')
		return false;
	for (i++; i < n - 1; i++)
		if (s[i] == '[' || s[i] == ']' || s[i] == '"')
			return false;
	return true;
}

/*
 * Tells whether a line is a header row: every field reads as a column
 * name and one of them is TimeGenerated, which no data row can be (its
 * TimeGenerated holds a time or nothing).  The separator is the first
 * comma or tab: a header whose names hold the other one is not one.
 */
static bool
csl_row_is_header(const char *s, size_t n)
{
	const char *end, *name;
	size_t i = 0, fn;
	bool timed = false, local;
	char sep;

	for (fn = 0; fn < n && s[fn] != ',' && s[fn] != '\t'; fn++)
		continue;
	sep = fn < n ? s[fn] : ',';
	for (;;) {
		name = s + i;
		end = memchr(name, sep, n - i);
		fn = end != NULL ? (size_t)(end - name) : n - i;
		if (!csl_name_like(name, fn))
			return false;
		csl_name_unquote(&name, &fn);
		timed |= csl_column_lookup(name, fn, &local) == F_TIME;
		if (end == NULL)
			return timed;
		i = (size_t)(end - s) + 1;
	}
}

/*
 * Reads the header row: the separator, and which column gives which field
 * (when two columns give one field, the first that is not empty in a row
 * wins).  A later header replaces the mapping.  Returns PARSE_NOT_MINE
 * when no column is one the event uses.
 */
static enum parse_status
csl_header(struct parse_ctx *ctx, struct csl_state *st, const char *line,
    size_t n)
{
	size_t tabs = 0, commas = 0, i = 0, fn, k;
	bool more = true, any = false;
	struct csl_column *cols;
	const char *err;
	char *header, *name;

	for (k = 0; k < n; k++)
		tabs += line[k] == '\t', commas += line[k] == ',';
	if ((cols = realloc(st->cols, (tabs + commas + 1) *
	    sizeof(*cols))) != NULL)
		st->cols = cols;
	if ((header = realloc(st->header, n + 1)) != NULL)
		st->header = header;
	csl_record_reset(st);
	err = cols == NULL || header == NULL ? "out of memory" :
	    csl_append(st, line, n);
	if (err != NULL) {
		ctx->reason = err;
		return PARSE_MALFORMED;
	}
	memcpy(st->header, line, n);
	st->header_n = n;
	st->sep = tabs > 0 && tabs >= commas ? '\t' : ',';
	for (k = 0; more; k++) {
		name = csl_field_next(st->buf, st->n, &i, st->sep, &fn, &more);
		st->cols[k].field = csl_column_lookup(name, fn,
		    &st->cols[k].local);
		any |= st->cols[k].field >= 0;
	}
	st->ncols = k;
	st->n = 0;
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

/*
 * Tells whether a line read on its own begins a row: a header row, or a
 * line with a TimeGenerated that reads as a time and the header's number
 * of fields (or fewer, when it ends inside a quoted field of its own).
 * Met inside an open quoted field, such a line means that the quote was
 * never closed: a field that really goes on over lines writes its quotes
 * doubled, so it can look so only by holding a row's text.  Works on a
 * copy of the line in the scratch buffer.
 */
static bool
csl_csv_is_row(struct parse_ctx *ctx, struct csl_state *st, const char *line,
    size_t n)
{
	struct csl_quote q = { false, false, true };
	const char *time = NULL, *p;
	size_t i = 0, k, fn, tn = 0;
	bool more = true;
	struct civil c;
	char *copy;

	if (csl_row_is_header(line, n))
		return true;
	if ((copy = scratch_reserve(&ctx->scratch, n + 1)) == NULL)
		return false;
	memcpy(copy, line, n);
	csl_quote_scan(&q, st->sep, line, n);
	for (k = 0; more; k++) {
		p = csl_field_next(copy, n, &i, st->sep, &fn, &more);
		csl_trim(&p, &fn);
		if (time == NULL && fn > 0 && k < st->ncols &&
		    st->cols[k].field == F_TIME && (more || !q.in_quote))
			time = p, tn = fn;
	}
	if (k > st->ncols || (k < st->ncols && !q.in_quote) || time == NULL)
		return false;
	return time_parse_iso(time, tn, &c) || csl_time_locale(time, tn,
	    ctx->opts != NULL ? ctx->opts->csl_date_order : 'm', &c);
}

/*
 * The queue of lines to read again.
 */

/* Makes room for need bytes at the end of the queue; false if short. */
static bool
csl_queue_room(struct csl_state *st, size_t need)
{
	size_t cap = st->queue_cap ? st->queue_cap : 4096;
	char *p;

	if (st->queue_cap - st->queue_n >= need)
		return true;
	while (cap - st->queue_n < need)
		cap *= 2;
	if ((p = realloc(st->queue, cap)) == NULL)
		return false;
	st->queue = p, st->queue_cap = cap;
	return true;
}

/* Writes one entry at off. */
static size_t
csl_queue_write(struct csl_state *st, size_t off, const char *line, size_t n,
    uint64_t number)
{
	struct csl_entry e = { number, n };

	memcpy(st->queue + off, &e, sizeof(e));
	memcpy(st->queue + off + sizeof(e), line, n);
	return off + sizeof(e) + n;
}

/*
 * Adds a line at the end of the queue, first moving what is left of it to
 * the front so that the queue does not creep along its buffer; NULL, or
 * why it cannot.  No line taken from the queue may be in use.
 */
static const char *
csl_queue_push(struct csl_state *st, const char *line, size_t n,
    uint64_t number)
{
	memmove(st->queue, st->queue + st->queue_pos,
	    st->queue_n - st->queue_pos);
	st->queue_n -= st->queue_pos;
	st->queue_pos = 0;
	if (!csl_queue_room(st, sizeof(struct csl_entry) + n))
		return "out of memory";
	st->queue_n = csl_queue_write(st, st->queue_n, line, n, number);
	return NULL;
}

/* Takes the first line of the queue; false when it is empty. */
static bool
csl_queue_pop(struct csl_state *st, const char **line, size_t *n,
    uint64_t *number)
{
	struct csl_entry e;

	if (st->queue_pos == st->queue_n)
		return false;
	memcpy(&e, st->queue + st->queue_pos, sizeof(e));
	st->entry = st->queue_pos;
	st->queue_pos += sizeof(e) + e.n;
	*line = st->queue + st->entry + sizeof(e);
	*n = e.n;
	*number = e.line;
	return true;
}

/* The length of the k-th line of the open record. */
static size_t
csl_span_length(const struct csl_state *st, size_t k)
{
	size_t end = k + 1 < st->nspan ? st->span[k + 1].off - 1 : st->n;

	return end - st->span[k].off;
}

/*
 * Puts the lines of the open record after its first, then the line being
 * read, at the front of the queue.  The line being read is taken back if
 * it came from the queue, else copied.  NULL, or why it cannot.
 */
static const char *
csl_queue_unshift(struct csl_state *st, const char *line, size_t n,
    uint64_t number)
{
	size_t need = 0, rest, off;

	if (st->from_queue)
		st->queue_pos = st->entry;
	else if (st->queue_pos == st->queue_n)
		st->queue_pos = st->queue_n = 0;
	for (size_t k = 1; k < st->nspan; k++)
		need += sizeof(struct csl_entry) + csl_span_length(st, k);
	if (!st->from_queue)
		need += sizeof(struct csl_entry) + n;
	rest = st->queue_n - st->queue_pos;
	if (need > st->queue_pos) {
		if (!csl_queue_room(st, need - st->queue_pos))
			return "out of memory";
		memmove(st->queue + need, st->queue + st->queue_pos, rest);
		st->queue_pos = need, st->queue_n = need + rest;
	}
	off = st->queue_pos -= need;
	for (size_t k = 1; k < st->nspan; k++)
		off = csl_queue_write(st, off, st->buf + st->span[k].off,
		    csl_span_length(st, k), st->span[k].line);
	if (!st->from_queue)
		csl_queue_write(st, off, line, n, number);
	return NULL;
}

/*
 * CSV lines.
 */

/*
 * Gives up the open record, whose quote is taken as never closed: its
 * first line is malformed, and its later lines and the current one will be
 * read again as rows of their own, before any new line.
 */
static enum parse_status
csl_csv_give_up(struct parse_ctx *ctx, struct csl_state *st,
    const char *line, size_t n, uint64_t number)
{
	const char *err = csl_queue_unshift(st, line, n, number);

	ctx->record_line = st->record_line;
	csl_record_reset(st);
	ctx->reason = err != NULL ? err : "unbalanced quote";
	return PARSE_MALFORMED;
}

/* A further line of a record whose quoted field is still open. */
static enum parse_status
csl_csv_more(struct parse_ctx *ctx, struct csl_state *st, const char *line,
    size_t n, uint64_t number, struct event *ev)
{
	const char *err;
	size_t start;

	if (st->nspan == CSL_SPAN_LINES || n >= CSL_RECORD_MAX - st->n ||
	    csl_csv_is_row(ctx, st, line, n))
		return csl_csv_give_up(ctx, st, line, n, number);
	ctx->record_line = st->record_line;
	start = st->n + 1;
	if ((err = csl_append(st, "\n", 1)) != NULL ||
	    (err = csl_append(st, line, n)) != NULL) {
		csl_record_reset(st);
		ctx->reason = err;
		return PARSE_MALFORMED;
	}
	st->span[st->nspan++] = (struct csl_span){ start, number };
	csl_quote_scan(&st->q, st->sep, line, n);
	if (st->q.in_quote)
		return PARSE_PENDING;
	st->pending = false;
	return csl_csv_record(ctx, st, ev);
}

/* One line of a CSV or TSV export after its header; number is its own. */
static enum parse_status
csl_csv_line(struct parse_ctx *ctx, struct csl_state *st, const char *line,
    size_t n, uint64_t number, struct event *ev)
{
	const char *err;

	if (st->pending)
		return csl_csv_more(ctx, st, line, n, number, ev);
	ctx->record_line = number;
	if (csl_blank(line, n)) {
		ctx->reason = "empty line";
		return PARSE_SKIP;
	}
	if (csl_row_is_header(line, n))
		return csl_header(ctx, st, line, n);
	csl_record_reset(st);
	st->record_line = number;
	if ((err = csl_append(st, line, n)) != NULL) {
		csl_record_reset(st);
		ctx->reason = err;
		return PARSE_MALFORMED;
	}
	st->span[st->nspan++] = (struct csl_span){ 0, number };
	csl_quote_scan(&st->q, st->sep, line, n);
	st->pending = st->q.in_quote;
	if (st->pending)
		return PARSE_PENDING;
	return csl_csv_record(ctx, st, ev);
}

/*
 * Reads the next line of a CSV export: the line handed in, or, while lines
 * wait in the queue, the first of them (the line handed in joins the end
 * of the queue).  Asks for the line again while the queue is not empty;
 * the call that comes back with it reads from the queue only.
 */
static enum parse_status
csl_csv_input(struct parse_ctx *ctx, struct csl_state *st, const char *line,
    size_t n, struct event *ev)
{
	bool again = st->replaying && st->replay_line == ctx->line;
	uint64_t number = ctx->line;
	enum parse_status rc;
	const char *err;

	st->replaying = st->from_queue = false;
	if (!again && st->queue_pos < st->queue_n &&
	    (err = csl_queue_push(st, line, n, number)) != NULL) {
		ctx->reason = err;
		return PARSE_MALFORMED;
	}
	if (again || st->queue_pos < st->queue_n)
		st->from_queue = csl_queue_pop(st, &line, &n, &number);
	if (again && !st->from_queue) {
		ctx->reason = "empty line";
		return PARSE_SKIP;
	}
	rc = csl_csv_line(ctx, st, line, n, number, ev);
	if (st->queue_pos < st->queue_n) {
		ctx->again = st->replaying = true;
		st->replay_line = ctx->line;
	}
	return rc;
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

/*
 * Tells whether a line that starts with "{" cannot go on the open object:
 * inside the outermost object a "{" only follows a ":", deeper also a "["
 * or a ",".  Such a line begins a record, and the open one never closed.
 */
static bool
csl_json_unclosed(const struct csl_state *st)
{
	size_t i = st->n;
	char c;

	while (i > 0 && csl_is_space(st->buf[i - 1]))
		i--;
	if (i == 0 || (c = st->buf[i - 1]) == ':')
		return false;
	return st->depth == 1 || (c != '[' && c != ',');
}

/* One line of a JSON export, from pos on. */
static enum parse_status
csl_json_line(struct parse_ctx *ctx, struct csl_state *st, const char *line,
    size_t pos, size_t n, struct event *ev)
{
	bool punct = false;
	size_t i;

	for (i = pos; i < n && csl_is_space(line[i]); i++)
		continue;
	if (st->pending && i < n && line[i] == '{' && csl_json_unclosed(st)) {
		ctx->record_line = st->record_line;
		ctx->reason = "unclosed JSON object";
		csl_record_reset(st);
		st->resume = ctx->again = true;
		st->resume_line = ctx->line;
		st->resume_n = st->given_n;
		st->resume_pos = i + st->bom;
		return PARSE_MALFORMED;
	}
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
		return csl_csv_input(ctx, st, line, n, ev);
	default:
		return csl_json_line(ctx, st, line, pos, n, ev);
	}
}

/* Between CSV records, nothing left to read again. */
static bool
csl_csv_idle(const struct csl_state *st)
{
	return st->mode == MODE_CSV && !st->pending && !st->resume &&
	    !st->replaying && !st->from_queue &&
	    st->queue_pos == st->queue_n && !st->q.in_quote;
}

/*
 * Two CSV states read on alike when both are between records under the
 * same header.  JSON exports are never alike: a record may span lines
 * inside an array.
 */
static bool
csl_state_like(const void *pa, const void *pb)
{
	const struct csl_state *a = pa, *b = pb;

	if (!csl_csv_idle(a) || !csl_csv_idle(b) || a->sep != b->sep ||
	    a->header_n != b->header_n || a->ncols != b->ncols ||
	    memcmp(a->header, b->header, a->header_n) != 0)
		return false;
	for (size_t k = 0; k < a->ncols; k++)
		if (a->cols[k].field != b->cols[k].field ||
		    a->cols[k].local != b->cols[k].local)
			return false;
	return true;
}

static enum parse_status
csl_finish(struct parse_ctx *ctx)
{
	struct csl_state *st = ctx->state;

	const char *line;
	uint64_t number;
	size_t n;

	ctx->again = false;
	if (st != NULL && st->pending) {
		csl_record_reset(st);
		ctx->record_line = st->record_line;
		ctx->reason = st->mode == MODE_CSV ? "unbalanced quote" :
		    "record cut short at end of input";
		return PARSE_MALFORMED;
	}
	if (st != NULL && csl_queue_pop(st, &line, &n, &number)) {
		st->queue_pos = st->queue_n = 0;
		ctx->record_line = number;
		ctx->reason = "rows left unread at end of input";
		return PARSE_MALFORMED;
	}
	ctx->reason = "end of input";
	return PARSE_SKIP;
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
	.state_like = csl_state_like,
	.parse = csl_parse,
	.finish = csl_finish,
};
