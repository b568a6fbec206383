/*
 * reader.c - buffered, decompressing line reader.
 *
 * Raw bytes are read from the descriptor into a fixed input buffer; the
 * codec (none, zlib or zstd) writes text into the line buffer, from which
 * lines are cut with memchr.  The line buffer grows only when a single
 * line does not fit, up to READER_LINE_MAX and two bytes: a line of the
 * limit, a CR and the byte after it, which tells a CRLF from a lone CR.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <zlib.h>
#include <zstd.h>

#include "reader.h"

#define IN_SIZE (256u << 10)
#define BUF_INITIAL (1u << 20)
#define HEAD_SIZE (64u << 10)
#define PLAIN_READ (128u << 10)	/* see decode_plain() */

enum codec { CODEC_PLAIN, CODEC_GZIP, CODEC_ZSTD };

struct reader {
	int fd;
	bool is_stdin, has_mtime, in_eof, eof, failed, skipping;
	bool member_open;	/* inside a gzip member or zstd frame */
	int64_t mtime;
	enum codec codec;
	unsigned char *in;	/* raw input */
	size_t in_pos, in_len;
	uint64_t in_total;	/* raw bytes consumed by the codec */
	uint64_t text_total;	/* text bytes it produced */
	uint64_t left;		/* raw bytes still to read: a piece's end */
	uint64_t base;		/* offset of the first byte read */
	uint64_t line_off;	/* text offset of the line returned last */
	char *buf;		/* text */
	size_t start, end, cap;
	size_t cr_from, cr_lim;	/* the text next_cr() searched last */
	size_t cr_at;		/* the first CR in it, or cr_lim */
	z_stream z;
	ZSTD_DStream *zs;
	char err[256];
};

/* Reads at most want raw bytes into dst; -1 on error, 0 at the end. */
static ssize_t
raw_read(struct reader *r, void *dst, size_t want)
{
	ssize_t n;

	if (want > r->left)
		want = (size_t)r->left;
	if (want == 0)
		return 0;
	do {
		n = read(r->fd, dst, want);
	} while (n < 0 && errno == EINTR);
	if (n < 0) {
		snprintf(r->err, sizeof(r->err), "read error at byte %llu: %s",
		    (unsigned long long)(r->base + r->in_total),
		    strerror(errno));
		r->failed = true;
		return -1;
	}
	r->left -= (uint64_t)n;
	return n;
}

static bool
fill_raw(struct reader *r)
{
	ssize_t n;

	if (r->in_pos < r->in_len || r->in_eof)
		return true;
	if ((n = raw_read(r, r->in, IN_SIZE)) < 0)
		return false;
	r->in_pos = 0;
	r->in_len = (size_t)n;
	if (n == 0)
		r->in_eof = true;
	return true;
}

static void
codec_fail(struct reader *r, const char *what, const char *detail)
{
	snprintf(r->err, sizeof(r->err), "%s data corrupt or truncated near "
	    "byte %llu%s%s", what, (unsigned long long)r->in_total,
	    detail ? ": " : "", detail ? detail : "");
	r->failed = true;
}

/*
 * Decompresses into buf[end..cap) until at least one byte is produced or
 * the input ends.  Returns the bytes produced, or -1 on error.  Text
 * produced by the call that found the error is still returned, so the
 * lines before a corrupt spot come out as they do before a cut; the error
 * is reported by the next call.
 */
static long
decode_gzip(struct reader *r)
{
	size_t room = r->cap - r->end, used;
	int rc;

	r->z.next_out = (Bytef *)r->buf + r->end;
	r->z.avail_out = (uInt)room;
	while (r->z.avail_out == room) {
		if (!fill_raw(r))
			return -1;
		if (r->in_pos == r->in_len) {
			if (r->member_open) {
				codec_fail(r, "gzip", "unexpected end of file");
				return -1;
			}
			r->eof = true;
			break;
		}
		r->z.next_in = r->in + r->in_pos;
		r->z.avail_in = (uInt)(r->in_len - r->in_pos);
		rc = inflate(&r->z, Z_NO_FLUSH);
		used = (r->in_len - r->in_pos) - r->z.avail_in;
		r->in_total += used;
		r->in_pos += used;
		r->member_open = true;
		if (rc == Z_STREAM_END) {
			inflateReset(&r->z);
			r->member_open = false;
		} else if (rc != Z_OK && rc != Z_BUF_ERROR) {
			codec_fail(r, "gzip", r->z.msg);
			break;
		}
	}
	if (r->failed && r->z.avail_out == room)
		return -1;
	return (long)(room - r->z.avail_out);
}

static long
decode_zstd(struct reader *r)
{
	ZSTD_outBuffer ob = { r->buf + r->end, r->cap - r->end, 0 };

	while (ob.pos == 0) {
		ZSTD_inBuffer ib;
		size_t ret;

		if (!fill_raw(r))
			return -1;
		if (r->in_pos == r->in_len) {
			if (r->member_open) {
				codec_fail(r, "zstd", "unexpected end of file");
				return -1;
			}
			r->eof = true;
			break;
		}
		ib.src = r->in;
		ib.size = r->in_len;
		ib.pos = r->in_pos;
		ret = ZSTD_decompressStream(r->zs, &ob, &ib);
		if (ZSTD_isError(ret)) {
			codec_fail(r, "zstd", ZSTD_getErrorName(ret));
			return ob.pos > 0 ? (long)ob.pos : -1;
		}
		r->in_total += ib.pos - r->in_pos;
		r->in_pos = ib.pos;
		r->member_open = ret != 0;
	}
	return (long)ob.pos;
}

static long
decode_plain(struct reader *r)
{
	size_t n;
	ssize_t got;

	if (r->in_pos == r->in_len && !r->in_eof) {
		/* nothing is buffered: read straight into the text, a piece
		 * small enough to be parsed while it is still in the cache */
		n = r->cap - r->end;
		if (n > PLAIN_READ)
			n = PLAIN_READ;
		if ((got = raw_read(r, r->buf + r->end, n)) < 0)
			return -1;
		if (got == 0)
			r->in_eof = r->eof = true;
		r->in_total += (uint64_t)got;
		return (long)got;
	}
	if (!fill_raw(r))
		return -1;
	n = r->in_len - r->in_pos;
	if (n == 0) {
		r->eof = true;
		return 0;
	}
	if (n > r->cap - r->end)
		n = r->cap - r->end;
	memcpy(r->buf + r->end, r->in + r->in_pos, n);
	r->in_pos += n;
	r->in_total += n;
	return (long)n;
}

/* Appends more text to buf, moving or growing it as needed.  Returns false
 * at the end of input or on error (after the text decoded before it). */
static bool
fill_text(struct reader *r)
{
	long got;

	if (r->eof || r->failed)
		return false;
	if (r->start > 0 && r->end == r->cap) {
		memmove(r->buf, r->buf + r->start, r->end - r->start);
		r->cr_from = SIZE_MAX;
		r->end -= r->start;
		r->start = 0;
	}
	if (r->end == r->cap) {
		size_t cap = r->cap * 2;
		char *b;

		if (cap > READER_LINE_MAX + 2)
			cap = READER_LINE_MAX + 2;
		if (cap == r->cap || (b = realloc(r->buf, cap)) == NULL)
			return false;
		r->buf = b;
		r->cap = cap;
	}
	got = r->codec == CODEC_GZIP ? decode_gzip(r) :
	    r->codec == CODEC_ZSTD ? decode_zstd(r) : decode_plain(r);
	if (got <= 0)
		return false;
	r->end += (size_t)got;
	r->text_total += (uint64_t)got;
	return true;
}

static bool
codec_start(struct reader *r)
{
	const unsigned char *m = r->in + r->in_pos;
	size_t n = r->in_len - r->in_pos;

	if (n >= 2 && m[0] == 0x1f && m[1] == 0x8b) {
		r->codec = CODEC_GZIP;
		return inflateInit2(&r->z, 15 + 16) == Z_OK;
	}
	if (n >= 4 && m[0] == 0x28 && m[1] == 0xb5 && m[2] == 0x2f &&
	    m[3] == 0xfd) {
		r->codec = CODEC_ZSTD;
		r->zs = ZSTD_createDStream();
		return r->zs != NULL && !ZSTD_isError(ZSTD_initDStream(r->zs));
	}
	r->codec = CODEC_PLAIN;
	return true;
}

struct reader *
reader_open(const char *path, char *err, size_t errlen)
{
	struct reader *r = calloc(1, sizeof(*r));
	struct stat st;

	if (r == NULL) {
		snprintf(err, errlen, "out of memory");
		return NULL;
	}
	r->left = UINT64_MAX;
	r->is_stdin = strcmp(path, "-") == 0;
	r->fd = r->is_stdin ? STDIN_FILENO : open(path, O_RDONLY | O_CLOEXEC);
	if (r->fd < 0) {
		snprintf(err, errlen, "%s", strerror(errno));
		free(r);
		return NULL;
	}
	if (fstat(r->fd, &st) == 0 && S_ISREG(st.st_mode)) {
		r->has_mtime = true;
		r->mtime = (int64_t)st.st_mtim.tv_sec * 1000000 +
		    st.st_mtim.tv_nsec / 1000;
	} else if (fstat(r->fd, &st) == 0 && S_ISDIR(st.st_mode)) {
		snprintf(err, errlen, "is a directory");
		reader_close(r);
		return NULL;
	}
	r->in = malloc(IN_SIZE);
	r->buf = malloc(BUF_INITIAL);
	r->cap = BUF_INITIAL;
	if (r->in == NULL || r->buf == NULL || !fill_raw(r) ||
	    !codec_start(r)) {
		snprintf(err, errlen, "%s", r->err[0] ? r->err :
		    "cannot start decompression");
		reader_close(r);
		return NULL;
	}
	return r;
}

struct reader *
reader_open_range(const char *path, uint64_t off, uint64_t len, char *err,
    size_t errlen)
{
	struct reader *r = calloc(1, sizeof(*r));

	if (r == NULL) {
		snprintf(err, errlen, "out of memory");
		return NULL;
	}
	r->left = len;
	r->base = off;
	r->codec = CODEC_PLAIN;
	r->fd = open(path, O_RDONLY | O_CLOEXEC);
	r->in = malloc(IN_SIZE);
	r->buf = malloc(BUF_INITIAL);
	r->cap = BUF_INITIAL;
	if (r->fd < 0 || lseek(r->fd, (off_t)off, SEEK_SET) < 0 ||
	    r->in == NULL || r->buf == NULL) {
		snprintf(err, errlen, "%s", strerror(errno ? errno : ENOMEM));
		reader_close(r);
		return NULL;
	}
	return r;
}

void
reader_close(struct reader *r)
{
	if (r == NULL)
		return;
	if (!r->is_stdin && r->fd >= 0)
		close(r->fd);
	if (r->codec == CODEC_GZIP)
		inflateEnd(&r->z);
	ZSTD_freeDStream(r->zs);
	free(r->in);
	free(r->buf);
	free(r);
}

/*
 * Returns the offset of the first CR in buf[scan..lim), or SIZE_MAX.  One
 * search runs to the end of the text and is kept: a file without CR costs
 * one pass over each piece read, not one search per line.
 */
static size_t
next_cr(struct reader *r, size_t scan, size_t lim)
{
	const char *cr;

	if (r->cr_from > scan || (r->cr_at < r->cr_lim ? r->cr_at < scan :
	    lim > r->cr_lim)) {
		cr = memchr(r->buf + scan, '\r', r->end - scan);
		r->cr_from = scan;
		r->cr_lim = r->end;
		r->cr_at = cr != NULL ? (size_t)(cr - r->buf) : r->end;
	}
	return r->cr_at < lim ? r->cr_at : SIZE_MAX;
}

/*
 * Finds the end of the line that starts at r->start, searching from scan.
 * A line ends at LF, CRLF, or a lone CR (old Macintosh files, and
 * devices that write CR only).  Returns the offset of the end and sets
 * *skip to its length (1 or 2); returns SIZE_MAX when the text so far has
 * no line end, with *resume where the next search must start (a CR that is
 * the last byte so far may yet be the start of a CRLF).
 */
static size_t
line_end(struct reader *r, size_t scan, size_t *skip, size_t *resume)
{
	const char *b = r->buf;
	const char *nl = memchr(b + scan, '\n', r->end - scan);
	size_t lim = nl != NULL ? (size_t)(nl - b) : r->end;
	size_t at = next_cr(r, scan, lim);

	if (at == SIZE_MAX) {
		*skip = 1;
		*resume = r->end;
		return nl != NULL ? lim : SIZE_MAX;
	}
	if (at + 1 < r->end) {
		*skip = b[at + 1] == '\n' ? 2 : 1;
		return at;
	}
	*resume = at;
	return SIZE_MAX;
}

enum reader_result
reader_next(struct reader *r, const char **line, size_t *n)
{
	size_t scan = r->start, seen, skip, resume = 0, at;

	for (;;) {
		if ((at = line_end(r, scan, &skip, &resume)) != SIZE_MAX) {
			bool skipped = r->skipping ||
			    at - r->start > READER_LINE_MAX;

			*line = r->buf + r->start;
			*n = at - r->start;
			r->line_off = r->text_total - (r->end - r->start);
			r->start = at + skip;
			r->skipping = false;
			return skipped ? READER_TOO_LONG : READER_LINE;
		}
		seen = resume - r->start;
		if (seen > READER_LINE_MAX) {
			/* drop what we have of the overlong line, but keep
			 * a CR at the end: it may be the line's end */
			memmove(r->buf, r->buf + resume, r->end - resume);
			r->cr_from = SIZE_MAX;
			r->end -= resume;
			r->start = 0;
			r->skipping = true;
			seen = 0;
		}
		if (!fill_text(r)) {
			if (r->failed)
				return READER_ERROR;
			if (r->skipping) {
				/* the overlong last line, maybe all dropped */
				r->start = r->end;
				r->skipping = false;
				return READER_TOO_LONG;
			}
			if (r->start == r->end)
				return READER_EOF;
			*line = r->buf + r->start;
			*n = r->end - r->start;
			r->line_off = r->text_total - (r->end - r->start);
			r->start = r->end;
			if (*n > 0 && (*line)[*n - 1] == '\r')
				(*n)--;
			return READER_LINE;
		}
		scan = r->start + seen;
	}
}

size_t
reader_head(struct reader *r, const char **head)
{
	while (r->end - r->start < HEAD_SIZE && fill_text(r))
		;
	*head = r->buf + r->start;
	return r->end - r->start < HEAD_SIZE ? r->end - r->start : HEAD_SIZE;
}

const char *
reader_error(const struct reader *r)
{
	return r->err;
}

const char *
reader_compression(const struct reader *r)
{
	return r->codec == CODEC_GZIP ? "gzip" :
	    r->codec == CODEC_ZSTD ? "zstd" : "plain";
}

bool
reader_mtime(const struct reader *r, int64_t *t)
{
	if (r->has_mtime)
		*t = r->mtime;
	return r->has_mtime;
}

uint64_t
reader_bytes(const struct reader *r)
{
	return r->in_total;
}

uint64_t
reader_text_bytes(const struct reader *r)
{
	return r->text_total;
}

uint64_t
reader_line_offset(const struct reader *r)
{
	return r->base + r->line_off;
}
