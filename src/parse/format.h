/*
 * format.h - the interface every log format parser implements.
 *
 * A parser turns one record into at most one normalized event.  It does not
 * print and does not allocate per record: text it must rewrite (unescaped
 * CEF values, for example) goes into the stream's scratch buffer.  Adding a
 * format is adding one file that defines a struct format and one line in
 * registry.c.
 */
#ifndef SCANSPOT_FORMAT_H
#define SCANSPOT_FORMAT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "../core/event.h"
#include "../core/timeutil.h"

enum parse_status {
	PARSE_OK,		/* *ev holds an event */
	PARSE_SKIP,		/* this format's record, but no event by design:
				   a header, a comment, a no-data record; the
				   reason says which */
	PARSE_PENDING,		/* the line belongs to a record that continues
				   on the next lines (a JSON array element, a
				   quoted CSV field); no event yet */
	PARSE_NOT_MINE,		/* not this format: try another */
	PARSE_MALFORMED,	/* this format, but unreadable; see reason */
};

/* Settings a parser reads; filled from the config and command line. */
struct parse_opts {
	/* netfilter: the action word for a line whose prefix has none */
	const char *netfilter_default_action;
	/* CommonSecurityLog: day/month order of numeric dates, 'm' or 'd' */
	char csl_date_order;
};

/* A growable buffer owned by the stream, reused for every record. */
struct scratch {
	char *p;
	size_t n, cap;
};

/*
 * Makes room for need more bytes after s->p[s->n] and returns where they
 * start, or NULL when memory is short; the caller advances s->n by what it
 * wrote.  A later call may move the buffer and so invalidate pointers into
 * it: a parser reserves, once per record, all it may write (unescaping
 * never lengthens text, so the record's length is enough).
 */
char *scratch_reserve(struct scratch *s, size_t need);

/* Per-stream (per-file) context handed to every parse call. */
struct parse_ctx {
	const struct parse_opts *opts;
	struct time_ctx time;
	struct scratch scratch;	/* emptied by the caller before each record */
	void *state;		/* the format's own per-stream state */
	uint64_t line;		/* 1-based line number of the current line */
	uint64_t record_line;	/* first line of the record: the caller
				   sets it to line, a parser whose record
				   began on an earlier line sets it back */
	const char *reason;	/* set by PARSE_SKIP and PARSE_MALFORMED: a
				   static string naming the reason */
	/*
	 * The format chosen for the whole file, from its head or by
	 * --format; NULL when none was.  A line-based format may read
	 * records that span lines (a pretty-printed JSON array) only in a
	 * file that is its own: in a mixed stream, two injected lines "[" and
	 * "{" must not open a record that swallows the lines after them.
	 */
	const struct format *file_format;
	bool again;		/* set by a parser (any status) when the line
				   holds further records, as a JSON array on
				   one line does: the caller handles this
				   result, then calls parse again with the
				   same line; cleared by the parser */
};

struct format {
	const char *name;	/* as given to --format */
	const char *title;	/* one line for the summary and --help */

	/*
	 * Scores how likely the start of a file is this format: 0 (no) to
	 * 100 (certain).  head holds up to the first 64 KiB, already
	 * decompressed; it may end in the middle of a line.
	 */
	int (*sniff)(const char *head, size_t n);

	/* True when the format can be told apart on each line on its own;
	 * such formats take part in the per-line fallback of mixed streams. */
	bool line_based;

	/* Per-stream state; either may be NULL when the format needs none. */
	void *(*state_new)(void);
	void (*state_free)(void *state);

	/*
	 * Parses one line (without its line end; it may contain NUL bytes).
	 * Fills *ev on PARSE_OK, after event_clear().  Sets ctx->reason on
	 * PARSE_SKIP and PARSE_MALFORMED.
	 */
	enum parse_status (*parse)(struct parse_ctx *ctx, const char *line,
	    size_t n, struct event *ev);

	/*
	 * Called at the end of the stream, for formats that keep records
	 * pending.  Returns PARSE_MALFORMED (with a reason) if a record was
	 * left incomplete, else PARSE_SKIP.  May be NULL.
	 */
	enum parse_status (*finish)(struct parse_ctx *ctx);

	/*
	 * True when the state holds nothing that the next line depends on,
	 * so a piece of a file read with a new state reads as it would
	 * after this one.  NULL for a format whose state is never idle.
	 */
	bool (*state_idle)(const void *state);

	/*
	 * For a format that reads the whole file but may still be read in
	 * pieces: true when reading on from state a gives what reading on
	 * from state b gives.  A piece starts from the state its file's
	 * first line (a header) leaves, and is kept when the part before it
	 * ends in a state like that one.  NULL: never read in pieces.
	 */
	bool (*state_like)(const void *a, const void *b);
};

/*
 * Scores a file head for a line format: 30 plus 60 times the share of its
 * first max_lines non-blank lines that like() accepts, 0 when none does.
 * Trailing CR and spaces are dropped from each line; a line cut off at
 * the end of the head is not counted, unless it is the only one.
 */
int sniff_share(const char *head, size_t n, size_t max_lines,
    bool (*like)(const char *line, size_t n));

/* The registry, in the order the per-line fallback tries formats. */
#define FORMATS_MAX 64
extern const struct format *const formats[];
extern const size_t nformats;

/* Looks a format up by name; NULL if there is none. */
const struct format *format_by_name(const char *name);

#endif
