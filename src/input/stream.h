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
struct stream_reason {
	const char *format;	/* NULL: before any format was chosen */
	const char *reason;	/* static text */
	enum note_kind kind;
	uint64_t count;
	char *samples[STREAM_SAMPLES];	/* "file:line", owned */
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
