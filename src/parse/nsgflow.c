/*
 * nsgflow.c - Azure network security group (NSG) flow logs, versions 1
 * and 2: the JSON that Network Watcher writes to blob storage,
 * {"records":[{..., "properties":{"Version":2, "flows":[{"rule":...,
 * "flows":[{"mac":..., "flowTuples":["...", ...]}]}]}}]}, pretty-printed
 * or not, or its records one per line.
 *
 * One record holds a whole minute of flows, thousands of tuples, and a
 * pretty-printed record ends on a line of one or two bytes.  So the text
 * is read as a stream of JSON tokens, line by line, and each flow tuple
 * becomes an event on the line it stands on; a line holding several
 * tuples is handed in again for each.  The stream's state is the stack of
 * open objects and arrays, what each one is (a record, its properties, a
 * rule, a tuple list), and the name of the record's security group.  No
 * token spans lines (JSON strings cannot hold a line end), so nothing is
 * copied but the group's name.
 */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "../core/action.h"
#include "format.h"

/* Deeper nesting is malformed; the format itself needs six levels. */
#define NSG_DEPTH_MAX 64

/* The longest security group name kept for the device field. */
#define NSG_NAME_MAX 256

/* What an open object or array is, by its place in the document. */
enum nsg_role {
	R_OTHER, R_DOC, R_ROOTARR, R_RECORDS, R_RECORD, R_PROPS, R_RULES,
	R_RULE, R_GROUPS, R_GROUP, R_TUPLES
};

/* The keys that lead to the tuples. */
enum nsg_key {
	K_NONE, K_RECORDS, K_RESOURCE, K_PROPERTIES, K_FLOWS, K_TUPLES
};

/* What the next token must be. */
enum nsg_expect {
	X_DOC, X_VALUE, X_VALUE_OR_END, X_KEY_OR_END, X_KEY, X_COLON,
	X_COMMA_OR_END
};

struct nsg_frame {
	bool obj;
	unsigned char role;	/* enum nsg_role */
	unsigned char key;	/* enum nsg_key of the member being read */
};

struct nsg_state {
	struct nsg_frame stack[NSG_DEPTH_MAX];
	int depth;
	enum nsg_expect x;
	bool broken;		/* after invalid JSON: wait for a new one */
	bool doc_tuples;	/* the current document had a tuple */
	uint64_t doc_line;	/* the line the open document began on */
	char name[NSG_NAME_MAX];	/* the record's security group */
	size_t name_n;

	/* where to go on when the same line is handed in again */
	bool resume;
	uint64_t resume_line;
	size_t resume_n, resume_pos;
};

/* How a step through the tokens of a line ended. */
enum nsg_step {
	STEP_MORE,		/* a token was taken; go on */
	STEP_TUPLE,		/* a flow tuple was taken */
	STEP_END,		/* the end of the line */
	STEP_BEFORE_TUPLE,	/* stopped in front of a tuple */
	STEP_ERROR,		/* invalid JSON; nothing taken */
};

/* Returns a new stream state, or NULL when memory is short. */
static void *
nsg_state_new(void)
{
	return calloc(1, sizeof(struct nsg_state));
}

static void
nsg_state_free(void *p)
{
	free(p);
}

static bool
nsg_is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

static bool
nsg_key_is(const char *s, size_t n, const char *lit)
{
	return strlen(lit) == n && strncasecmp(s, lit, n) == 0;
}

/*
 * Tokens.
 */

/*
 * Finds the end of the string whose opening quote is at s[i]: returns the
 * index after the closing quote, or 0 when the string is invalid or runs
 * past the line.  Sets *esc when it holds a backslash.
 */
static size_t
nsg_string_end(const char *s, size_t i, size_t n, bool *esc)
{
	*esc = false;
	for (i++; i < n; i++) {
		unsigned char c = (unsigned char)s[i];

		if (c == '"')
			return i + 1;
		if (c < 0x20)
			return 0;
		if (c == '\\') {
			*esc = true;
			if (++i >= n || strchr("\"\\/bfnrtu", s[i]) == NULL ||
			    s[i] == '\0')
				return 0;
		}
	}
	return 0;
}

static int
nsg_hex(char c)
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
 * Undoes the escapes of a string's content s[0..n) into out, which holds
 * n bytes (unescaping never lengthens).  A \u escape above U+007F is
 * written as '?', since the values read here are ASCII.  Returns the
 * length, or -1 on a bad \u escape.
 */
static long
nsg_unescape(const char *s, size_t n, char *out)
{
	static const char from[] = "\"\\/bfnrt", to[] = "\"\\/\b\f\n\r\t";
	size_t w = 0;

	for (size_t i = 0; i < n; i++) {
		int v = 0;

		if (s[i] != '\\') {
			out[w++] = s[i];
			continue;
		}
		if (s[++i] != 'u') {
			out[w++] = to[strchr(from, s[i]) - from];
			continue;
		}
		for (int k = 1; k <= 4; k++) {
			int h = i + k < n ? nsg_hex(s[i + k]) : -1;

			if (h < 0)
				return -1;
			v = v * 16 + h;
		}
		i += 4;
		out[w++] = v < 0x80 ? (char)v : '?';
	}
	return (long)w;
}

/* Finds the end of a number at s[i]; 0 when it is not a valid one. */
static size_t
nsg_number_end(const char *s, size_t i, size_t n)
{
	size_t d;

	if (i < n && s[i] == '-')
		i++;
	if (i < n && s[i] == '0')
		i++;
	else if (i < n && s[i] >= '1' && s[i] <= '9')
		while (i < n && s[i] >= '0' && s[i] <= '9')
			i++;
	else
		return 0;
	if (i < n && s[i] == '.') {
		for (d = ++i; i < n && s[i] >= '0' && s[i] <= '9'; i++)
			;
		if (i == d)
			return 0;
	}
	if (i < n && (s[i] == 'e' || s[i] == 'E')) {
		if (++i < n && (s[i] == '+' || s[i] == '-'))
			i++;
		for (d = i; i < n && s[i] >= '0' && s[i] <= '9'; i++)
			;
		if (i == d)
			return 0;
	}
	return i;
}

/* Finds the end of true, false or null at s[i]; 0 when it is none. */
static size_t
nsg_literal_end(const char *s, size_t i, size_t n)
{
	static const char *const lits[] = { "true", "false", "null" };

	for (size_t k = 0; k < 3; k++) {
		size_t len = strlen(lits[k]);

		if (n - i >= len && memcmp(s + i, lits[k], len) == 0)
			return i + len;
	}
	return 0;
}

/*
 * The document's structure.
 */

static struct nsg_frame *
nsg_top(struct nsg_state *st)
{
	return st->depth > 0 ? &st->stack[st->depth - 1] : NULL;
}

/* The role of a container opening as the next value. */
static enum nsg_role
nsg_child_role(const struct nsg_frame *p, bool obj)
{
	if (p == NULL)
		return obj ? R_DOC : R_ROOTARR;
	if (!p->obj) {
		if (!obj)
			return R_OTHER;
		switch (p->role) {
		case R_ROOTARR:
		case R_RECORDS:
			return R_RECORD;
		case R_RULES:
			return R_RULE;
		case R_GROUPS:
			return R_GROUP;
		default:
			return R_OTHER;
		}
	}
	if (p->role == R_DOC && p->key == K_RECORDS && !obj)
		return R_RECORDS;
	if ((p->role == R_DOC || p->role == R_RECORD) &&
	    p->key == K_PROPERTIES && obj)
		return R_PROPS;
	if (p->role == R_PROPS && p->key == K_FLOWS && !obj)
		return R_RULES;
	if (p->role == R_RULE && p->key == K_FLOWS && !obj)
		return R_GROUPS;
	if (p->role == R_GROUP && p->key == K_TUPLES && !obj)
		return R_TUPLES;
	return R_OTHER;
}

static enum nsg_key
nsg_key_of(const char *s, size_t n)
{
	if (nsg_key_is(s, n, "records"))
		return K_RECORDS;
	if (nsg_key_is(s, n, "resourceId"))
		return K_RESOURCE;
	if (nsg_key_is(s, n, "properties"))
		return K_PROPERTIES;
	if (nsg_key_is(s, n, "flows"))
		return K_FLOWS;
	if (nsg_key_is(s, n, "flowTuples"))
		return K_TUPLES;
	return K_NONE;
}

/* After a whole value: the document ended, or a separator follows. */
static void
nsg_value_done(struct nsg_state *st)
{
	st->x = st->depth == 0 ? X_DOC : X_COMMA_OR_END;
}

static bool
nsg_open(struct parse_ctx *ctx, struct nsg_state *st, bool obj)
{
	enum nsg_role role = nsg_child_role(nsg_top(st), obj);

	if (st->depth == NSG_DEPTH_MAX)
		return false;
	if (st->depth == 0) {
		st->doc_line = ctx->line;
		st->doc_tuples = false;
	}
	if (role == R_DOC || role == R_RECORD)
		st->name_n = 0;
	st->stack[st->depth++] = (struct nsg_frame){ obj, role, K_NONE };
	st->x = obj ? X_KEY_OR_END : X_VALUE_OR_END;
	return true;
}

/* Keeps the last path segment of a resourceId: the group's name. */
static void
nsg_take_name(struct nsg_state *st, const char *s, size_t n, bool esc)
{
	char buf[NSG_NAME_MAX * 4];
	const char *slash;
	long len;

	st->name_n = 0;
	if (n > sizeof(buf))
		return;
	if (esc) {
		if ((len = nsg_unescape(s, n, buf)) < 0)
			return;
		s = buf, n = (size_t)len;
	}
	if ((slash = memrchr(s, '/', n)) != NULL)
		n -= (size_t)(slash + 1 - s), s = slash + 1;
	if (n > NSG_NAME_MAX)
		return;
	memcpy(st->name, s, n);
	st->name_n = n;
}

/* Takes a string value; tells whether it is a flow tuple. */
static bool
nsg_string_value(struct nsg_state *st, const char *s, size_t n, bool esc)
{
	struct nsg_frame *f = nsg_top(st);

	nsg_value_done(st);
	if (f == NULL)
		return false;
	if (!f->obj)
		return f->role == R_TUPLES;
	if (f->key == K_RESOURCE && (f->role == R_DOC || f->role == R_RECORD))
		nsg_take_name(st, s, n, esc);
	return false;
}

/*
 * Takes a key, a colon or a comma at line[p] when one is due.  Returns
 * STEP_MORE when it took one, STEP_ERROR when the token is wrong there,
 * STEP_BEFORE_TUPLE in lookahead in front of a tuple, and STEP_END when a
 * value or the end of the open container comes next.
 */
static enum nsg_step
nsg_step_punct(struct nsg_state *st, const char *line, size_t p, size_t n,
    bool lookahead, size_t *next)
{
	struct nsg_frame *f = nsg_top(st);
	char c = line[p];
	size_t e;
	bool esc;

	switch (st->x) {
	case X_DOC:
		return c == '{' || c == '[' ? STEP_END : STEP_ERROR;
	case X_KEY_OR_END:
	case X_KEY:
		if (c == '}' && st->x == X_KEY_OR_END)
			return STEP_END;
		if (c != '"' || (e = nsg_string_end(line, p, n, &esc)) == 0)
			return STEP_ERROR;
		f->key = esc ? K_NONE : nsg_key_of(line + p + 1, e - p - 2);
		st->x = X_COLON;
		*next = e;
		return STEP_MORE;
	case X_COLON:
		if (c != ':')
			return STEP_ERROR;
		st->x = X_VALUE;
		*next = p + 1;
		return STEP_MORE;
	case X_COMMA_OR_END:
		if (c == ',') {
			st->x = f->obj ? X_KEY : X_VALUE;
			*next = p + 1;
			return STEP_MORE;
		}
		return c == (f->obj ? '}' : ']') ? STEP_END : STEP_ERROR;
	default:
		if (c == ']' && st->x == X_VALUE_OR_END)
			return STEP_END;
		if (c == '}' || c == ']')
			return STEP_ERROR;
		if (c == '"' && lookahead && f != NULL && !f->obj &&
		    f->role == R_TUPLES)
			return STEP_BEFORE_TUPLE;
		return STEP_END;
	}
}

/*
 * Takes the token at line[*i], after white space.  Returns STEP_TUPLE with
 * the tuple's text in *tp, *tn (escapes not undone; *esc tells) when it
 * is a flow tuple.  In lookahead, stops in front of a tuple instead.
 */
static enum nsg_step
nsg_step(struct parse_ctx *ctx, struct nsg_state *st, const char *line,
    size_t *i, size_t n, bool lookahead, const char **tp, size_t *tn,
    bool *esc)
{
	enum nsg_step s;
	size_t p = *i, e;
	char c;

	while (p < n && nsg_is_space(line[p]))
		p++;
	if ((*i = p) == n)
		return STEP_END;
	if ((s = nsg_step_punct(st, line, p, n, lookahead, i)) != STEP_END)
		return s;

	/* a value, or the end of the open container */
	c = line[p];
	*i = p + 1;
	if (c == '}' || c == ']') {
		st->depth--;
		nsg_value_done(st);
		return STEP_MORE;
	}
	if (c == '{' || c == '[')
		return nsg_open(ctx, st, c == '{') ? STEP_MORE :
		    (*i = p, STEP_ERROR);
	if (c == '"') {
		if ((e = nsg_string_end(line, p, n, esc)) == 0)
			return *i = p, STEP_ERROR;
		*i = e;
		*tp = line + p + 1, *tn = e - p - 2;
		return nsg_string_value(st, *tp, *tn, *esc) ? STEP_TUPLE :
		    STEP_MORE;
	}
	e = c == '-' || (c >= '0' && c <= '9') ? nsg_number_end(line, p, n) :
	    nsg_literal_end(line, p, n);
	if (e == 0)
		return *i = p, STEP_ERROR;
	*i = e;
	nsg_value_done(st);
	return STEP_MORE;
}

/*
 * Flow tuples.
 */

#define NSG_TUPLE_V1 8
#define NSG_TUPLE_V2 13

static bool
nsg_is(struct str s, char c)
{
	return s.n == 1 && s.p[0] == c;
}

/* Splits a tuple at its commas; returns the number of fields (at most
 * NSG_TUPLE_V2 + 1, so that too many shows). */
static size_t
nsg_split(const char *s, size_t n, struct str *f)
{
	size_t k = 0, start = 0;

	for (size_t i = 0; i <= n && k <= NSG_TUPLE_V2; i++)
		if (i == n || s[i] == ',') {
			f[k++] = (struct str){ s + start, i - start };
			start = i + 1;
		}
	return k;
}

/* Reads the ports and protocol of a tuple; NULL or the reason. */
static const char *
nsg_ports(const struct str *f, struct event *ev)
{
	uint64_t v;
	int proto;

	if (!str_to_uint(f[3], 65535, &v))
		return "bad source port";
	ev->sport = (uint16_t)v, ev->has_sport = true;
	if (!str_to_uint(f[4], 65535, &v))
		return "bad destination port";
	ev->dport = (uint16_t)v, ev->has_dport = true;
	if (nsg_is(f[5], 'T') || nsg_is(f[5], 't'))
		ev->proto = PROTO_TCP;
	else if (nsg_is(f[5], 'U') || nsg_is(f[5], 'u'))
		ev->proto = PROTO_UDP;
	else if ((proto = proto_parse(f[5].p, f[5].n)) == -2)
		return "bad protocol";
	else
		ev->proto = (int16_t)proto;
	return NULL;
}

/* Reads the fields of a tuple into the event; NULL or the reason. */
static const char *
nsg_fields(struct parse_ctx *ctx, const struct str *f, struct event *ev)
{
	const char *err;
	uint64_t t;

	/* 10^11 seconds is the year 5138: far beyond any log */
	if (!str_to_uint(f[0], UINT64_C(99999999999), &t))
		return "bad flow tuple time";
	ev->time = (int64_t)t * USEC_PER_SEC;
	ev->has_time = true;
	ctx->time.prev = ev->time;
	ctx->time.has_prev = true;
	if (!addr_parse(f[1].p, f[1].n, &ev->src))
		return "bad source address";
	if (!addr_parse(f[2].p, f[2].n, &ev->dst))
		return "bad destination address";
	ev->has_src = ev->has_dst = true;
	if ((err = nsg_ports(f, ev)) != NULL)
		return err;
	if (!nsg_is(f[6], 'I') && !nsg_is(f[6], 'O'))
		return "bad flow direction";
	if (nsg_is(f[7], 'D'))
		ev->verdict = ACTION_DENY;
	else if (nsg_is(f[7], 'A'))
		ev->verdict = ACTION_ALLOW;
	else
		return "bad flow decision";
	ev->action = f[7];
	return NULL;
}

/* Turns one flow tuple into an event, a skip or a malformed record. */
static enum parse_status
nsg_tuple(struct parse_ctx *ctx, struct nsg_state *st, const char *s,
    size_t n, bool esc, struct event *ev)
{
	struct str f[NSG_TUPLE_V2 + 1];
	size_t k;
	char *buf;
	long len;

	st->doc_tuples = true;
	if (esc) {
		if ((buf = scratch_reserve(&ctx->scratch, n)) == NULL) {
			ctx->reason = "out of memory";
			return PARSE_MALFORMED;
		}
		if ((len = nsg_unescape(s, n, buf)) < 0) {
			ctx->reason = "bad flow tuple";
			return PARSE_MALFORMED;
		}
		ctx->scratch.n += (size_t)len;
		s = buf, n = (size_t)len;
	}
	k = nsg_split(s, n, f);
	if (k != NSG_TUPLE_V1 && k != NSG_TUPLE_V2) {
		ctx->reason = "bad flow tuple";
		return PARSE_MALFORMED;
	}
	if (k == NSG_TUPLE_V2 && (nsg_is(f[8], 'C') || nsg_is(f[8], 'E'))) {
		ctx->reason = "flow continued or ended";
		return PARSE_SKIP;
	}
	if (k == NSG_TUPLE_V2 && !nsg_is(f[8], 'B')) {
		ctx->reason = "bad flow state";
		return PARSE_MALFORMED;
	}
	if ((ctx->reason = nsg_fields(ctx, f, ev)) != NULL)
		return PARSE_MALFORMED;
	ev->vendor = (struct str){ "Microsoft", 9 };
	ev->product = (struct str){ "Azure NSG", 9 };
	if (st->name_n > 0)
		ev->device = (struct str){ st->name, st->name_n };
	return PARSE_OK;
}

/*
 * Lines.
 */

/* Marks the line to be handed in again from pos, if more follows. */
static void
nsg_resume_at(struct parse_ctx *ctx, struct nsg_state *st, size_t pos,
    size_t n)
{
	st->resume = ctx->again = true;
	st->resume_line = ctx->line;
	st->resume_n = n;
	st->resume_pos = pos;
}

/* Gives up the document after invalid JSON. */
static enum parse_status
nsg_invalid(struct parse_ctx *ctx, struct nsg_state *st, const char *why)
{
	st->broken = true;
	st->depth = 0;
	st->x = X_DOC;
	ctx->reason = why;
	return PARSE_MALFORMED;
}

/*
 * After a tuple's result: reads on through the tokens that follow it on
 * the line, up to the next tuple or invalid JSON, and asks to be handed
 * the line again if there is one.
 */
static void
nsg_look_ahead(struct parse_ctx *ctx, struct nsg_state *st,
    const char *line, size_t i, size_t n)
{
	enum nsg_step s;
	const char *tp;
	size_t tn;
	bool esc;

	do
		s = nsg_step(ctx, st, line, &i, n, true, &tp, &tn, &esc);
	while (s == STEP_MORE);
	if (s != STEP_END)
		nsg_resume_at(ctx, st, i, n);
}

/* Reads line[i..n) up to its first tuple or its end. */
static enum parse_status
nsg_line(struct parse_ctx *ctx, struct nsg_state *st, const char *line,
    size_t i, size_t n, struct event *ev)
{
	bool ended = false, esc;
	enum parse_status rc;
	enum nsg_step s;
	const char *tp;
	size_t tn;

	for (;;) {
		s = nsg_step(ctx, st, line, &i, n, false, &tp, &tn, &esc);
		if (s == STEP_ERROR)
			return nsg_invalid(ctx, st, st->depth == NSG_DEPTH_MAX ?
			    "JSON nested too deeply" : "invalid JSON");
		if (s == STEP_TUPLE) {
			rc = nsg_tuple(ctx, st, tp, tn, esc, ev);
			nsg_look_ahead(ctx, st, line, i, n);
			return rc;
		}
		if (s == STEP_END)
			break;
		ended |= st->depth == 0;
	}
	if (st->depth > 0) {
		ctx->record_line = st->doc_line;
		return PARSE_PENDING;
	}
	if (!ended) {
		ctx->reason = "empty line";
		return PARSE_SKIP;
	}
	ctx->reason = st->doc_tuples ? "end of JSON document" :
	    "JSON document without flow tuples";
	return PARSE_SKIP;
}

static enum parse_status
nsgflow_parse(struct parse_ctx *ctx, const char *line, size_t n,
    struct event *ev)
{
	struct nsg_state *st = ctx->state;
	size_t pos = 0;

	ctx->again = false;
	if (st == NULL) {
		ctx->reason = "out of memory";
		return PARSE_MALFORMED;
	}
	if (st->resume && st->resume_line == ctx->line && st->resume_n == n)
		pos = st->resume_pos;
	else if (n >= 3 && memcmp(line, "\xef\xbb\xbf", 3) == 0)
		pos = 3;
	st->resume = false;
	if (st->broken && pos < n && (line[pos] == '{' || line[pos] == '['))
		st->broken = false;
	if (st->broken) {
		ctx->reason = "rest of invalid JSON";
		return PARSE_SKIP;
	}
	return nsg_line(ctx, st, line, pos, n, ev);
}

static enum parse_status
nsgflow_finish(struct parse_ctx *ctx)
{
	struct nsg_state *st = ctx->state;

	ctx->again = false;
	if (st == NULL || st->depth == 0) {
		ctx->reason = "end of input";
		return PARSE_SKIP;
	}
	st->depth = 0;
	ctx->record_line = st->doc_line;
	ctx->reason = "record cut short at end of input";
	return PARSE_MALFORMED;
}

/* Sniffing: the keys and the category of NSG flow records. */
static int
nsgflow_sniff(const char *head, size_t n)
{
	size_t i = 0;

	while (i < n && (nsg_is_space(head[i]) || head[i] == '\xef' ||
	    head[i] == '\xbb' || head[i] == '\xbf'))
		i++;
	if (i == n || (head[i] != '{' && head[i] != '['))
		return 0;
	if (memmem(head, n, "\"flowTuples\"", 12) != NULL ||
	    memmem(head, n, "NetworkSecurityGroupFlowEvent", 29) != NULL)
		return 95;
	return 0;
}

const struct format format_nsgflow = {
	.name = "nsgflow",
	.title = "Azure NSG flow logs (JSON)",
	.sniff = nsgflow_sniff,
	.line_based = false,
	.state_new = nsg_state_new,
	.state_free = nsg_state_free,
	.parse = nsgflow_parse,
	.finish = nsgflow_finish,
};
