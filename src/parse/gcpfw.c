/*
 * gcpfw.c - Google Cloud firewall rules logging: Cloud Logging entries
 * whose jsonPayload holds the connection, the disposition and the rule,
 * as JSON lines (a Cloud Storage sink, Pub/Sub messages) or as the JSON
 * array that "gcloud logging read --format=json" prints.
 *
 * A line that holds a whole entry is read on its own, so that such lines
 * can sit in a mixed stream.  An entry spread over lines (a pretty-printed
 * array) is put together in the stream's buffer first; a line holding
 * several entries is handed in again for each.  An entry is checked to
 * be valid JSON in one pass that keeps the place of the few members the
 * event needs; the event borrows them from the line or the buffer, and
 * only strings with escapes are rewritten, into the scratch space.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "format.h"

extern const struct format format_gcpfw;

/*
 * An entry longer than this is malformed.  Real entries are 2 to 4 KiB;
 * the cap keeps an unbalanced brace from pulling the rest of a file into
 * memory.
 */
#define GCP_RECORD_MAX (1024 * 1024)

struct gcp_state {
	char *buf;		/* the entry being put together */
	size_t n, cap;
	bool pending;		/* an entry continues on the next line */
	int arrays;		/* JSON arrays open around the entries */
	uint64_t record_line;
	int depth;
	bool in_string, escape;


	/* where to go on when the same line is handed in again */
	bool resume;
	uint64_t resume_line;
	size_t resume_n, resume_pos;
};

/* Returns a new, empty stream state, or NULL when memory is short. */
static void *
gcp_state_new(void)
{
	return calloc(1, sizeof(struct gcp_state));
}

static void
gcp_state_free(void *p)
{
	struct gcp_state *st = p;

	if (st == NULL)
		return;
	free(st->buf);
	free(st);
}

/* Idle between entries, outside any array that holds them. */
static bool
gcp_state_idle(const void *p)
{
	const struct gcp_state *st = p;

	return !st->pending && !st->resume && st->arrays == 0;
}

static bool
gcp_is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

static void
gcp_record_reset(struct gcp_state *st)
{
	st->pending = false;
	st->n = 0;
	st->depth = 0;
	st->in_string = st->escape = false;
}

/* Appends to the entry buffer; returns NULL or the reason it cannot. */
static const char *
gcp_append(struct gcp_state *st, const char *s, size_t n)
{
	if (n > GCP_RECORD_MAX - st->n)
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

/*
 * Follows nesting and strings over line[i..n); returns the index just past
 * the brace that closes the entry, or n when it is still open.
 */
static size_t
gcp_scan(struct gcp_state *st, const char *line, size_t i, size_t n)
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

/*
 * Skips white space and array punctuation between entries, counting the
 * arrays opened and closed in *arrays.
 */
static size_t
gcp_skip_punct(const char *line, size_t i, size_t n, int *arrays)
{
	for (; i < n; i++) {
		if (line[i] == '[')
			++*arrays;
		else if (line[i] == ']')
			*arrays -= *arrays > 0;
		else if (line[i] != ',' && !gcp_is_space(line[i]))
			break;
	}
	return i;
}

static bool
gcp_blank(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (!gcp_is_space(s[i]))
			return false;
	return true;
}

/*
 * Decoding.  Only the members the event needs are looked at; the rest of
 * the entry is checked to be valid JSON and skipped.
 */

/* The values the event is made of, and the objects that lead to them. */
enum gcp_field {
	G_TIME, G_PAYLOAD, G_DISPOSITION, G_CONNECTION, G_SRC, G_DST,
	G_SPORT, G_DPORT, G_PROTO, G_RULE_ACTION, G_VM, G_COUNT
};

/* Where an object sits: which of its keys matter. */
enum gcp_place { P_OTHER, P_ROOT, P_PAYLOAD, P_CONN, P_RULE, P_INSTANCE };

static const struct {
	unsigned char place, field, child;	/* child: the place of an
						   object value */
	const char *key;
} gcp_keys[] = {
	{ P_ROOT, G_TIME, P_OTHER, "timestamp" },
	{ P_ROOT, G_PAYLOAD, P_PAYLOAD, "jsonPayload" },
	{ P_PAYLOAD, G_DISPOSITION, P_OTHER, "disposition" },
	{ P_PAYLOAD, G_CONNECTION, P_CONN, "connection" },
	{ P_PAYLOAD, G_COUNT, P_RULE, "rule_details" },
	{ P_PAYLOAD, G_COUNT, P_INSTANCE, "instance" },
	{ P_CONN, G_SRC, P_OTHER, "src_ip" },
	{ P_CONN, G_DST, P_OTHER, "dest_ip" },
	{ P_CONN, G_SPORT, P_OTHER, "src_port" },
	{ P_CONN, G_DPORT, P_OTHER, "dest_port" },
	{ P_CONN, G_PROTO, P_OTHER, "protocol" },
	{ P_RULE, G_RULE_ACTION, P_OTHER, "action" },
	{ P_INSTANCE, G_VM, P_OTHER, "vm_name" },
};

enum gcp_kind { J_ABSENT, J_STRING, J_NUMBER, J_NULL, J_OTHER, J_OBJECT };

/* One value as it stands in the text. */
struct gcp_value {
	const char *p;		/* a string's content, a number's text */
	size_t n;
	unsigned char kind;	/* enum gcp_kind */
	bool esc;		/* a string with escapes to undo */
};

/* A pass over one entry's text. */
struct gcp_walk {
	const char *s;
	size_t n, i;
	int depth;
	struct gcp_value v[G_COUNT];
};

/* JSON entries nest a few levels; deeper text is refused, so that the
 * recursion stays shallow. */
#define GCP_DEPTH_MAX 64

static bool gcp_walk_value(struct gcp_walk *w, int place, int field);

static void
gcp_walk_space(struct gcp_walk *w)
{
	while (w->i < w->n && gcp_is_space(w->s[w->i]))
		w->i++;
}

/* Reads a string at w->i (its opening quote); sets its content's span. */
static bool
gcp_walk_string(struct gcp_walk *w, struct gcp_value *v)
{
	const char *s = w->s;
	size_t i = w->i + 1;

	v->esc = false;
	for (; i < w->n && s[i] != '"'; i++) {
		if ((unsigned char)s[i] < 0x20)
			return false;
		if (s[i] != '\\')
			continue;
		v->esc = true;
		if (++i >= w->n || s[i] == '\0' ||
		    strchr("\"\\/bfnrtu", s[i]) == NULL)
			return false;
	}
	if (i >= w->n)
		return false;
	v->p = s + w->i + 1;
	v->n = i - w->i - 1;
	v->kind = J_STRING;
	w->i = i + 1;
	return true;
}

/* Reads a number or true, false, null at w->i. */
static bool
gcp_walk_scalar(struct gcp_walk *w, struct gcp_value *v)
{
	const char *s = w->s;
	size_t i = w->i, d;

	v->p = s + i;
	if (w->n - i >= 4 && (memcmp(s + i, "true", 4) == 0 ||
	    memcmp(s + i, "null", 4) == 0))
		i += 4;
	else if (w->n - i >= 5 && memcmp(s + i, "false", 5) == 0)
		i += 5;
	else {
		i += i < w->n && s[i] == '-';
		if (i < w->n && s[i] == '0')
			i++;
		else if (i < w->n && s[i] >= '1' && s[i] <= '9')
			while (i < w->n && s[i] >= '0' && s[i] <= '9')
				i++;
		else
			return false;
		if (i < w->n && s[i] == '.') {
			for (d = ++i; i < w->n && s[i] >= '0' && s[i] <= '9';)
				i++;
			if (i == d)
				return false;
		}
		if (i < w->n && (s[i] == 'e' || s[i] == 'E')) {
			i++;
			if (i < w->n && (s[i] == '+' || s[i] == '-'))
				i++;
			for (d = i; i < w->n && s[i] >= '0' && s[i] <= '9';)
				i++;
			if (i == d)
				return false;
		}
		v->kind = J_NUMBER;
	}
	if (v->kind != J_NUMBER)
		v->kind = s[w->i] == 'n' ? J_NULL : J_OTHER;
	v->n = i - w->i;
	w->i = i;
	return true;
}

/* Finds what a key of an object at place leads to. */
static void
gcp_key_lookup(int place, const struct gcp_value *key, int *field,
    int *child)
{
	*field = G_COUNT, *child = P_OTHER;
	if (place == P_OTHER || key->esc)
		return;
	for (size_t k = 0; k < sizeof(gcp_keys) / sizeof(gcp_keys[0]); k++)
		if (gcp_keys[k].place == place &&
		    strlen(gcp_keys[k].key) == key->n &&
		    memcmp(gcp_keys[k].key, key->p, key->n) == 0) {
			*field = gcp_keys[k].field;
			*child = gcp_keys[k].child;
			return;
		}
}

/* Reads the members of an object; w->i is past its "{". */
static bool
gcp_walk_object(struct gcp_walk *w, int place)
{
	struct gcp_value key;
	int field, child;

	gcp_walk_space(w);
	if (w->i < w->n && w->s[w->i] == '}')
		return ++w->i, true;
	for (;;) {
		if (w->i >= w->n || w->s[w->i] != '"' ||
		    !gcp_walk_string(w, &key))
			return false;
		gcp_key_lookup(place, &key, &field, &child);
		gcp_walk_space(w);
		if (w->i >= w->n || w->s[w->i++] != ':')
			return false;
		if (!gcp_walk_value(w, child, field))
			return false;
		gcp_walk_space(w);
		if (w->i < w->n && w->s[w->i] == ',') {
			w->i++;
			gcp_walk_space(w);
			continue;
		}
		return w->i < w->n && w->s[w->i++] == '}';
	}
}

/* Reads the elements of an array; w->i is past its "[". */
static bool
gcp_walk_array(struct gcp_walk *w)
{
	gcp_walk_space(w);
	if (w->i < w->n && w->s[w->i] == ']')
		return ++w->i, true;
	for (;;) {
		if (!gcp_walk_value(w, P_OTHER, G_COUNT))
			return false;
		gcp_walk_space(w);
		if (w->i < w->n && w->s[w->i] == ',') {
			w->i++;
			continue;
		}
		return w->i < w->n && w->s[w->i++] == ']';
	}
}

/*
 * Reads one value; keeps it as field (unless an earlier member gave that
 * field one: the first occurrence wins) and reads an object's members as
 * place.
 */
static bool
gcp_walk_value(struct gcp_walk *w, int place, int field)
{
	struct gcp_value v = { NULL, 0, J_OTHER, false };
	bool ok;

	gcp_walk_space(w);
	if (w->i >= w->n)
		return false;
	if (field < G_COUNT && w->v[field].kind != J_ABSENT)
		field = G_COUNT, place = P_OTHER;
	switch (w->s[w->i]) {
	case '{':
	case '[':
		if (w->depth == GCP_DEPTH_MAX)
			return false;
		w->depth++;
		v.kind = w->s[w->i++] == '{' ? J_OBJECT : J_OTHER;
		ok = v.kind == J_OBJECT ? gcp_walk_object(w, place) :
		    gcp_walk_array(w);
		w->depth--;
		break;
	case '"':
		ok = gcp_walk_string(w, &v);
		break;
	default:
		ok = gcp_walk_scalar(w, &v);
		break;
	}
	if (ok && field < G_COUNT)
		w->v[field] = v;
	return ok;
}

/*
 * Values.
 */

static int
gcp_hex(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/* Writes code point v (below 0x10000) as UTF-8; returns the length. */
static size_t
gcp_utf8(unsigned v, char *out)
{
	if (v < 0x80) {
		out[0] = (char)v;
		return 1;
	}
	if (v < 0x800) {
		out[0] = (char)(0xc0 | v >> 6);
		out[1] = (char)(0x80 | (v & 0x3f));
		return 2;
	}
	out[0] = (char)(0xe0 | v >> 12);
	out[1] = (char)(0x80 | (v >> 6 & 0x3f));
	out[2] = (char)(0x80 | (v & 0x3f));
	return 3;
}

/*
 * Undoes the escapes of a string's content (already checked by the walk)
 * into the scratch space; never longer than the text.  A surrogate pair
 * is written as its two halves.  False on a bad \u escape or when memory
 * is short.
 */
static bool
gcp_unescape(struct parse_ctx *ctx, const char *s, size_t n,
    struct str *out)
{
	static const char from[] = "\"\\/bfnrt", to[] = "\"\\/\b\f\n\r\t";
	char *w = scratch_reserve(&ctx->scratch, n), *start = w;

	if (w == NULL)
		return false;
	for (size_t i = 0; i < n; i++) {
		unsigned v = 0;

		if (s[i] != '\\') {
			*w++ = s[i];
			continue;
		}
		if (s[++i] != 'u') {
			*w++ = to[strchr(from, s[i]) - from];
			continue;
		}
		for (int k = 1; k <= 4; k++) {
			int h = i + k < n ? gcp_hex(s[i + k]) : -1;

			if (h < 0)
				return false;
			v = v * 16 + (unsigned)h;
		}
		i += 4;
		w += gcp_utf8(v, w);
	}
	ctx->scratch.n += (size_t)(w - start);
	*out = (struct str){ start, (size_t)(w - start) };
	return true;
}

/*
 * Gives the text of a string value, its escapes undone into the scratch
 * space when it has any; false when the value is not a string.  null and
 * a missing value are absent.
 */
static bool
gcp_text(struct parse_ctx *ctx, const struct gcp_value *v, struct str *out)
{
	*out = STR_NULL;
	if (v->kind == J_ABSENT || v->kind == J_NULL)
		return true;
	if (v->kind != J_STRING)
		return false;
	if (!v->esc) {
		*out = (struct str){ v->p, v->n };
		return true;
	}
	return gcp_unescape(ctx, v->p, v->n, out);
}

/* A string or a number as text. */
static bool
gcp_number_text(struct parse_ctx *ctx, const struct gcp_value *v,
    struct str *out)
{
	if (v->kind != J_NUMBER)
		return gcp_text(ctx, v, out);
	*out = (struct str){ v->p, v->n };
	return true;
}

static bool
gcp_addr(struct parse_ctx *ctx, const struct gcp_value *v, struct addr *a,
    bool *has)
{
	struct str s;

	if (!gcp_text(ctx, v, &s))
		return false;
	if (s.p == NULL || s.n == 0)
		return true;
	if (!addr_parse(s.p, s.n, a))
		return false;
	*has = true;
	return true;
}

static bool
gcp_port(struct parse_ctx *ctx, const struct gcp_value *v, uint16_t *port,
    bool *has)
{
	uint32_t x = 0;
	struct str s;

	if (!gcp_number_text(ctx, v, &s))
		return false;
	if (s.p == NULL || s.n == 0)
		return true;
	if (s.n > 5)
		return false;
	for (size_t i = 0; i < s.n; i++) {
		if (s.p[i] < '0' || s.p[i] > '9')
			return false;
		x = x * 10 + (uint32_t)(s.p[i] - '0');
	}
	if (x > 65535)
		return false;
	*port = (uint16_t)x;
	*has = true;
	return true;
}

static bool
gcp_time(struct parse_ctx *ctx, const struct gcp_value *v, struct event *ev)
{
	struct civil c;
	struct str s;

	if (!gcp_text(ctx, v, &s))
		return false;
	if (s.p == NULL)
		return true;
	if (!time_parse_iso(s.p, s.n, &c))
		return false;
	if (!c.has_offset)
		c.has_offset = true, c.offset = 0;
	if (!time_ctx_resolve(&ctx->time, &c, &ev->time))
		return false;
	ev->has_time = true;
	return true;
}

/* Reads the connection's five values; NULL or the reason. */
static const char *
gcp_connection(struct parse_ctx *ctx, const struct gcp_value *v,
    struct event *ev)
{
	struct str proto;

	if (!gcp_addr(ctx, &v[G_SRC], &ev->src, &ev->has_src))
		return "bad src_ip";
	if (!gcp_addr(ctx, &v[G_DST], &ev->dst, &ev->has_dst))
		return "bad dest_ip";
	if (!gcp_port(ctx, &v[G_SPORT], &ev->sport, &ev->has_sport))
		return "bad src_port";
	if (!gcp_port(ctx, &v[G_DPORT], &ev->dport, &ev->has_dport))
		return "bad dest_port";
	if (!gcp_number_text(ctx, &v[G_PROTO], &proto))
		return "bad protocol";
	if (proto.n > 0 &&
	    (ev->proto = (int16_t)proto_parse(proto.p, proto.n)) == -2)
		return "bad protocol";
	return NULL;
}

/*
 * Reads the entry text s[0..n) and turns it into the event.  An entry
 * without a jsonPayload.disposition is not a firewall log entry
 * (PARSE_NOT_MINE, with a reason).
 */
static enum parse_status
gcp_event(struct parse_ctx *ctx, const char *s, size_t n, struct event *ev)
{
	struct gcp_walk w = { s, n, 0, 0, { { NULL, 0, J_ABSENT, false } } };
	const struct gcp_value *v = w.v;
	const char *err = NULL;

	event_clear(ev);
	if (!gcp_walk_value(&w, P_ROOT, G_COUNT) ||
	    (gcp_walk_space(&w), w.i != n)) {
		ctx->reason = "invalid JSON";
		return PARSE_MALFORMED;
	}
	if (v[G_PAYLOAD].kind != J_OBJECT ||
	    v[G_DISPOSITION].kind == J_ABSENT) {
		ctx->reason = "not a firewall log entry";
		return PARSE_NOT_MINE;
	}
	if (v[G_CONNECTION].kind != J_ABSENT &&
	    v[G_CONNECTION].kind != J_OBJECT)
		err = "bad connection";
	else if (!gcp_time(ctx, &v[G_TIME], ev))
		err = "bad timestamp";
	else
		err = gcp_connection(ctx, v, ev);
	if (err == NULL && (!gcp_text(ctx, &v[G_DISPOSITION], &ev->action) ||
	    !gcp_text(ctx, &v[G_RULE_ACTION], &ev->action_hint) ||
	    !gcp_text(ctx, &v[G_VM], &ev->device)))
		err = "JSON value of the wrong type";
	if (err != NULL) {
		ctx->reason = err;
		return PARSE_MALFORMED;
	}
	ev->vendor = (struct str){ "Google", 6 };
	ev->product = (struct str){ "Cloud Firewall", 14 };
	return PARSE_OK;
}

/*
 * Adds line[pos..n) to the entry being read.  Returns PARSE_PENDING while
 * it is open; at its end decodes it and marks the line to be handed in
 * again when more follows on it.  alone tells that the entry stands
 * outside any array: if it ends on the line it began on and is not a
 * firewall log entry, the line is not this format.
 */
static enum parse_status
gcp_part(struct parse_ctx *ctx, struct gcp_state *st, const char *line,
    size_t pos, size_t n, bool alone, struct event *ev)
{
	size_t end = gcp_scan(st, line, pos, n);
	bool same_line = st->record_line == ctx->line;
	const char *err = NULL, *text = line + pos;
	enum parse_status rc;
	size_t len = end - pos;

	ctx->record_line = st->record_line;
	if (!same_line || st->depth > 0)
		err = gcp_append(st, line + pos, end - pos);
	if (err == NULL && st->depth > 0 && st->in_string)
		err = "invalid JSON";	/* a string cannot span lines */
	if (err == NULL && st->depth > 0 && ctx->file_format != &format_gcpfw)
		err = "entry not closed on its line";
	if (err == NULL && st->depth > 0)
		err = gcp_append(st, "\n", 1);
	if (err == NULL && st->depth > 0)
		return PARSE_PENDING;
	if (!same_line)
		text = st->buf, len = st->n;
	rc = err == NULL ? gcp_event(ctx, text, len, ev) : PARSE_MALFORMED;
	gcp_record_reset(st);
	if (err != NULL)
		ctx->reason = err;
	if (rc == PARSE_NOT_MINE && !(alone && same_line))
		rc = PARSE_SKIP;
	pos = gcp_skip_punct(line, end, n, &st->arrays);
	if (pos < n && rc != PARSE_NOT_MINE) {
		st->resume = ctx->again = true;
		st->resume_line = ctx->line;
		st->resume_n = n;
		st->resume_pos = pos;
	}
	return rc;
}

/*
 * The start of a line that continues no entry: array punctuation, an
 * entry, or something else.  Outside an array only a lone "[", a lone "{"
 * or a line naming "disposition" is claimed, so that the JSON lines of
 * other formats in a mixed stream are left to them.
 */
static enum parse_status
gcp_start(struct parse_ctx *ctx, struct gcp_state *st, const char *line,
    size_t pos, size_t n, bool resumed, struct event *ev)
{
	int arrays;
	size_t i;
	bool inside, own = ctx->file_format == &format_gcpfw;

	/* in a stream that is not a Google Cloud export, an entry is one line
	 * and no array spans lines */
	if (!own && !resumed)
		st->arrays = 0;
	arrays = st->arrays;
	i = gcp_skip_punct(line, pos, n, &arrays);
	inside = resumed || st->arrays > 0 || arrays > 0;
	if (i == n && (!inside || !own))
		return PARSE_NOT_MINE;
	if (i < n && line[i] != '{')
		return PARSE_NOT_MINE;
	if (!own && !resumed && (i == n || gcp_blank(line + i + 1, n - i - 1) ||
	    memmem(line + i, n - i, "\"disposition\"", 13) == NULL))
		return PARSE_NOT_MINE;
	if (i < n && !inside && !gcp_blank(line + i + 1, n - i - 1) &&
	    memmem(line + i, n - i, "\"disposition\"", 13) == NULL)
		return PARSE_NOT_MINE;
	st->arrays = arrays;
	if (i == n) {
		ctx->reason = "JSON array punctuation";
		return PARSE_SKIP;
	}
	gcp_record_reset(st);
	st->pending = true;
	st->record_line = ctx->line;
	return gcp_part(ctx, st, line, i, n, !inside, ev);
}

static enum parse_status
gcpfw_parse(struct parse_ctx *ctx, const char *line, size_t n,
    struct event *ev)
{
	struct gcp_state *st = ctx->state;
	size_t pos = 0;
	bool resumed;

	ctx->again = false;
	if (st == NULL) {
		ctx->reason = "out of memory";
		return PARSE_MALFORMED;
	}
	resumed = st->resume && st->resume_line == ctx->line &&
	    st->resume_n == n;
	if (resumed)
		pos = st->resume_pos;
	st->resume = false;
	if (n > pos && line[n - 1] == '\r')
		n--;
	if (!st->pending && !resumed && n >= 3 &&
	    memcmp(line, "\xef\xbb\xbf", 3) == 0)
		pos = 3;
	if (st->pending)
		return gcp_part(ctx, st, line, pos, n, st->arrays == 0, ev);
	return gcp_start(ctx, st, line, pos, n, resumed, ev);
}

static enum parse_status
gcpfw_finish(struct parse_ctx *ctx)
{
	struct gcp_state *st = ctx->state;

	ctx->again = false;
	if (st == NULL || !st->pending) {
		ctx->reason = "end of input";
		return PARSE_SKIP;
	}
	gcp_record_reset(st);
	ctx->record_line = st->record_line;
	ctx->reason = "record cut short at end of input";
	return PARSE_MALFORMED;
}

/*
 * Sniffing: the entry's own keys, and the log name of firewall entries.
 */
static int
gcpfw_sniff(const char *head, size_t n)
{
	static const char *const keys[] = {
		"\"jsonPayload\"", "\"disposition\"", "\"rule_details\"",
		"\"connection\"",
	};
	int found = 0;

	for (size_t k = 0; k < sizeof(keys) / sizeof(keys[0]); k++)
		found += memmem(head, n, keys[k], strlen(keys[k])) != NULL;
	if (memmem(head, n, "compute.googleapis.com%2Ffirewall", 33) != NULL)
		found += 2;
	return found >= 4 ? 95 : found == 3 ? 70 : 0;
}

const struct format format_gcpfw = {
	.name = "gcp-firewall",
	.title = "Google Cloud firewall rules logging (JSON)",
	.sniff = gcpfw_sniff,
	.line_based = true,
	.state_new = gcp_state_new,
	.state_free = gcp_state_free,
	.state_idle = gcp_state_idle,
	.parse = gcpfw_parse,
	.finish = gcpfw_finish,
};
