/*
 * stream.h - from input paths to events: files and directories, format
 * detection, the per-line fallback of mixed streams, and the account of
 * every line that did not become an event.
 */
#ifndef SCANSPOT_STREAM_H
#define SCANSPOT_STREAM_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "../core/event.h"
#include "../parse/format.h"

#define STREAM_SAMPLES 3
#define STREAM_REASONS_MAX 128

/* What a note in the account says of its lines. */
enum note_kind {
	NOTE_SKIPPED,		/* read, and no event by design */
	NOTE_ERROR,		/* could not be read */
	NOTE_DATED,		/* an event dated without a time of its own */
};

/* Lines of one kind that the account tells about. */
/* Where a noted line was: a file (or a message naming it) and a line. */
struct stream_sample {
	char *where;		/* owned; NULL for none */
	uint64_t line;		/* 0: the whole input */
};

struct stream_reason {
	const char *format;	/* NULL: before any format was chosen */
	const char *reason;	/* static text */
	enum note_kind kind;
	uint64_t count;
	struct stream_sample samples[STREAM_SAMPLES];
};

struct stream_stats {
	uint64_t files, files_failed;
	uint64_t lines, bytes, blank;
	uint64_t events;
	uint64_t events_by_format[FORMATS_MAX];
	uint64_t no_own_time;	/* events that took a fallback time */
	struct stream_reason reasons[STREAM_REASONS_MAX];
	size_t nreasons;
	uint64_t reasons_dropped;	/* beyond STREAM_REASONS_MAX kinds */
	char *first_error;	/* first file that could not be read */
};

/* Where events go: path and line name the record, seq its input order. */
typedef void (*event_sink)(void *arg, const struct event *ev,
    const struct format *fmt, const char *path, uint64_t line,
    uint64_t seq);

struct stream_opts {
	const struct format *forced;	/* --format, or NULL to detect */
	const struct parse_opts *parse;
	int64_t now;		/* reference time for standard input */
	bool untimed_skip;	/* leave records without any time undated
				   instead of dating them by arrival */
	FILE *errors;		/* where an unreadable input is reported at
				   once (besides the summary), or NULL */
};

/*
 * Expands the command line's paths into the list of inputs: files as
 * given, directories recursively in byte order of their names, "-" as
 * is.  Paths that cannot be listed are recorded in st as unreadable.
 * Returns the number of inputs; *out is a NULL-terminated array the
 * caller frees with stream_paths_free().
 */
size_t stream_expand(char *const *paths, size_t npaths, char ***out,
    struct stream_stats *st, FILE *errors);
void stream_paths_free(char **paths);

/*
 * Reads one input to its end, handing every event to sink.  index is the
 * input's place in the list (it orders ties).  Returns 0, or -1 when the
 * input could not be read to its end (the reason is in st).
 */
int stream_read(const char *path, uint32_t index,
    const struct stream_opts *opts, event_sink sink, void *arg,
    struct stream_stats *st);

/* Counts a line that did not become an event. */
/*
 * Reading a large file in pieces.  stream_split() cuts a plain file into
 * pieces that start and end lines and chooses its format once; each piece
 * is then read apart (stream_part_read(), any thread), into its own
 * account, with its lines numbered from 1.  Joined in file order
 * (stream_part_join()), a piece whose results could have depended on the
 * state at the end of the part before it (a year or an hour inferred from
 * the previous record, a record still open, another first format) says
 * so: its events must be thrown away and the piece read again from that
 * state (stream_part_reread()).  The result is then the one of reading
 * the file whole, line numbers included.
 */
struct stream_piece {
	uint64_t off, len;
};

struct stream_part;

/*
 * Cuts path into at most max pieces of at least min_len bytes, at line
 * ends, in *out (owned by the caller), and sets *first to the format its
 * head shows.  Returns the number of pieces, or 0 when the file is to be
 * read whole by stream_read(): compressed, not a regular file, small, or
 * of a format read by the whole file.
 */
size_t stream_split(const char *path, const struct stream_opts *opts,
    size_t max, uint64_t min_len, struct stream_piece **out,
    const struct format **first);

/*
 * Reads piece number k of path (as stream_read() does, the piece's own
 * lines numbered from 1) and returns what is needed to join it, or NULL
 * when memory is short (noted in st).
 */
struct stream_part *stream_part_read(const char *path, uint32_t index,
    const struct stream_piece *pc, size_t k, const struct format *first,
    const struct stream_opts *opts, event_sink sink, void *arg,
    struct stream_stats *st);

/*
 * True when part p reads as it would after before; then joins them: p's
 * account st is renumbered after before's lines, p's state is completed
 * from before's, and before is freed.  False leaves both alone.
 */
bool stream_part_join(struct stream_part *before, struct stream_part *p,
    struct stream_stats *st);

/*
 * Reads p's piece again from the state at the end of before, which it
 * takes over (before is freed); p's events and account must have been
 * thrown away, and the new ones go to sink and st.
 */
void stream_part_reread(struct stream_part *before, struct stream_part *p,
    event_sink sink, void *arg, struct stream_stats *st);

/* Ends the file after its last part: records left open are noted, and
 * the file counted, in st.  Frees last. */
void stream_part_end(struct stream_part *last, struct stream_stats *st);

/* Frees a part not joined (after an error). */
void stream_part_free(struct stream_part *p);

void stream_note(struct stream_stats *st, const char *format,
    const char *reason, enum note_kind kind, const char *path,
    uint64_t line);

/* Adds src's counts into dst (for parallel readers). */
void stream_stats_merge(struct stream_stats *dst,
    const struct stream_stats *src);
void stream_stats_free(struct stream_stats *st);

/* Prints the account of lines, events and reasons. */
void stream_stats_print(FILE *fp, const struct stream_stats *st);

#endif
