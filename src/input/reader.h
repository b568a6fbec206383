/*
 * reader.h - lines from a file, a compressed file or standard input.
 *
 * gzip (including concatenated members) and zstd files are recognised by
 * their magic bytes and decompressed on the fly.  A line ends at LF, CRLF
 * or a lone CR; lines are handed out in place, without their line end,
 * valid until the next call; no allocation per line.  A line longer than
 * READER_LINE_MAX is skipped whole and reported as such, so one hostile
 * line cannot take the memory.
 */
#ifndef SCANSPOT_READER_H
#define SCANSPOT_READER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define READER_LINE_MAX (64u << 20)

enum reader_result {
	READER_LINE,		/* *line, *n hold a line */
	READER_TOO_LONG,	/* a line over READER_LINE_MAX was skipped */
	READER_EOF,
	READER_ERROR,		/* see reader_error(); the stream ends */
};

struct reader;

/*
 * Opens path ("-" is standard input).  Returns NULL with a message in
 * err[0..errlen) when the file cannot be opened.
 */
struct reader *reader_open(const char *path, char *err, size_t errlen);
void reader_close(struct reader *r);

/*
 * Opens the bytes [off, off + len) of a plain (uncompressed) file, which
 * begin a line and end one: a piece read apart from the rest.
 */
struct reader *reader_open_range(const char *path, uint64_t off,
    uint64_t len, char *err, size_t errlen);

/* Offset in the file's text of the line reader_next() returned last. */
uint64_t reader_line_offset(const struct reader *r);

enum reader_result reader_next(struct reader *r, const char **line,
    size_t *n);

/*
 * Up to the first 64 KiB of decompressed text, for format detection,
 * without consuming it.  Returns its length (0 for an empty input).
 */
size_t reader_head(struct reader *r, const char **head);

/* What went wrong, naming the byte offset in the file. */
const char *reader_error(const struct reader *r);

/* "gzip", "zstd" or "plain". */
const char *reader_compression(const struct reader *r);

/* Modification time in microseconds (for regular files), else false. */
bool reader_mtime(const struct reader *r, int64_t *t);

/* Bytes read from the file so far (compressed size when compressed). */
uint64_t reader_bytes(const struct reader *r);

/* Bytes of text decoded so far: the file's size after decompression. */
uint64_t reader_text_bytes(const struct reader *r);

#endif
