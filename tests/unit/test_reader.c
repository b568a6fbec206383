/*
 * test_reader.c - the line reader: plain, gzip (one or several members)
 * and zstd files, line ends, empty input, truncated or corrupt
 * compressed data, lines over READER_LINE_MAX, and reader_head().
 *
 * Every input is written to a temporary file by the test itself, the
 * compressed ones with zlib and libzstd.
 */
#include "testutil.h"

#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include <zlib.h>
#include <zstd.h>

#include "input/reader.h"

/* A temporary file's path, removed by the test that made it. */
struct tmp {
	char path[64];
};

static void
tmp_new(struct tmp *t)
{
	int fd;

	snprintf(t->path, sizeof(t->path), "/tmp/scanspot-reader-XXXXXX");
	fd = mkstemp(t->path);
	assert_true(fd >= 0);
	close(fd);
}

static void
tmp_write(struct tmp *t, const void *p, size_t n, const char *mode)
{
	FILE *fp = fopen(t->path, mode);

	assert_non_null(fp);
	assert_int_equal(fwrite(p, 1, n, fp), n);
	assert_int_equal(fclose(fp), 0);
}

static void
plain_file(struct tmp *t, const void *p, size_t n)
{
	tmp_new(t);
	tmp_write(t, p, n, "wb");
}

/* Writes one gzip member per text, one after the other. */
static void
gzip_file(struct tmp *t, const char *const *parts, const size_t *lens,
    int nparts)
{
	tmp_new(t);
	for (int i = 0; i < nparts; i++) {
		gzFile gz = gzopen(t->path, i == 0 ? "wb" : "ab");

		assert_non_null(gz);
		if (lens[i] > 0)
			assert_int_equal(gzwrite(gz, parts[i],
			    (unsigned)lens[i]), (int)lens[i]);
		assert_int_equal(gzclose(gz), Z_OK);
	}
}

/* Writes one zstd frame per text, one after the other. */
static void
zstd_file(struct tmp *t, const char *const *parts, const size_t *lens,
    int nparts)
{
	tmp_new(t);
	for (int i = 0; i < nparts; i++) {
		size_t cap = ZSTD_compressBound(lens[i]), n;
		void *buf = malloc(cap);

		assert_non_null(buf);
		n = ZSTD_compress(buf, cap, parts[i], lens[i], 3);
		assert_false(ZSTD_isError(n));
		tmp_write(t, buf, n, i == 0 ? "wb" : "ab");
		free(buf);
	}
}

static long
file_size(const struct tmp *t)
{
	FILE *fp = fopen(t->path, "rb");
	long n;

	assert_non_null(fp);
	fseek(fp, 0, SEEK_END);
	n = ftell(fp);
	fclose(fp);
	return n;
}

/* Cuts a file to n bytes. */
static void
tmp_cut(struct tmp *t, long n)
{
	assert_int_equal(truncate(t->path, n), 0);
}

static struct reader *
open_ok(const struct tmp *t)
{
	char err[128] = "";
	struct reader *r = reader_open(t->path, err, sizeof(err));

	if (r == NULL) {
		print_error("%s: %s\n", t->path, err);
		fail();
	}
	return r;
}

/* Asserts that the next result is a line equal to want. */
static void
expect_line(struct reader *r, const char *want)
{
	const char *line = NULL;
	size_t n = 0;
	enum reader_result rc = reader_next(r, &line, &n);

	assert_int_equal(rc, READER_LINE);
	assert_str_eq(((struct str){ line, n }), want);
}

static void
expect(struct reader *r, enum reader_result want)
{
	const char *line;
	size_t n;

	assert_int_equal(reader_next(r, &line, &n), want);
}

/* Asserts the lines of a text split on LF, then the end. */
static void
expect_text(struct reader *r, const char *text)
{
	const char *p = text;
	char buf[256];

	while (*p != '\0') {
		const char *nl = strchr(p, '\n');
		size_t n = nl ? (size_t)(nl - p) : strlen(p);

		assert_true(n < sizeof(buf));
		memcpy(buf, p, n);
		buf[n] = '\0';
		expect_line(r, buf);
		p += n + (nl != NULL);
	}
	expect(r, READER_EOF);
	expect(r, READER_EOF);
}

static void
test_plain(void **state)
{
	static const char text[] = "a\nbb\n\nccc";
	struct tmp t;
	struct reader *r;
	int64_t mtime;

	(void)state;
	plain_file(&t, text, sizeof(text) - 1);
	r = open_ok(&t);
	assert_string_equal(reader_compression(r), "plain");
	assert_true(reader_mtime(r, &mtime));
	assert_true(mtime > 0);
	expect_line(r, "a");
	expect_line(r, "bb");
	expect_line(r, "");
	expect_line(r, "ccc");		/* the last line has no newline */
	expect(r, READER_EOF);
	assert_int_equal(reader_bytes(r), 9);
	reader_close(r);
	unlink(t.path);
}

static void
test_line_ends(void **state)
{
	static const char text[] = "a\r\nb\r\nx\ry\n\r\n\n\r\rz\r";
	struct tmp t;
	struct reader *r;

	(void)state;
	plain_file(&t, text, sizeof(text) - 1);
	r = open_ok(&t);
	expect_line(r, "a");
	expect_line(r, "b");
	expect_line(r, "x");		/* a lone CR ends a line too */
	expect_line(r, "y");
	expect_line(r, "");		/* CRLF */
	expect_line(r, "");		/* LF */
	expect_line(r, "");		/* CR */
	expect_line(r, "");		/* CR */
	expect_line(r, "z");		/* the last line: its final CR goes */
	expect(r, READER_EOF);
	reader_close(r);
	unlink(t.path);
}

/*
 * A CRLF split by a read: the file is read 256 KiB at a time, so a CR as
 * the last byte of the first read must wait for the next byte, not end an
 * empty line of its own.
 */
static void
test_crlf_across_reads(void **state)
{
	size_t len = 256 * 1024 - 1;
	char *text = malloc(len + 4);
	struct tmp t;
	struct reader *r;
	const char *line;
	size_t n;

	(void)state;
	assert_non_null(text);
	memset(text, 'a', len);
	memcpy(text + len, "\r\nb\n", 4);
	plain_file(&t, text, len + 4);
	r = open_ok(&t);
	assert_int_equal(reader_next(r, &line, &n), READER_LINE);
	assert_int_equal(n, len);
	expect_line(r, "b");
	expect(r, READER_EOF);
	reader_close(r);
	unlink(t.path);
	free(text);
}

/*
 * CRs far apart among LF lines, over several megabytes: the search for
 * the next CR spans many lines and several refills of the buffer, and
 * every CR must still end its line where it stands.
 */
static void
test_rare_crs(void **state)
{
	enum { LINES = 300000 };
	char *text = malloc((size_t)LINES * 12), want[16];
	size_t len = 0, n;
	struct tmp t;
	struct reader *r;
	const char *line;

	(void)state;
	assert_non_null(text);
	for (int i = 0; i < LINES; i++) {
		len += (size_t)snprintf(text + len, 12, "l%06d", i);
		if (i % 50000 == 7)
			text[len++] = '\r';		/* CRLF */
		text[len++] = i % 70001 == 3 ? '\r' : '\n';	/* lone CR */
	}
	plain_file(&t, text, len);
	r = open_ok(&t);
	for (int i = 0; i < LINES; i++) {
		snprintf(want, sizeof(want), "l%06d", i);
		assert_int_equal(reader_next(r, &line, &n), READER_LINE);
		assert_int_equal(n, strlen(want));
		assert_memory_equal(line, want, n);
	}
	expect(r, READER_EOF);
	reader_close(r);
	unlink(t.path);
	free(text);
}

static void
test_empty(void **state)
{
	struct tmp t;
	struct reader *r;
	const char *head = NULL;
	static const char *const none[1] = { "" };
	static const size_t zero[1] = { 0 };

	(void)state;
	plain_file(&t, "", 0);
	r = open_ok(&t);
	assert_int_equal(reader_head(r, &head), 0);
	expect(r, READER_EOF);
	assert_int_equal(reader_bytes(r), 0);
	reader_close(r);
	unlink(t.path);

	/* a gzip member of nothing, and a lone newline */
	gzip_file(&t, none, zero, 1);
	r = open_ok(&t);
	assert_string_equal(reader_compression(r), "gzip");
	expect(r, READER_EOF);
	reader_close(r);
	unlink(t.path);
	plain_file(&t, "\n", 1);
	r = open_ok(&t);
	expect_line(r, "");
	expect(r, READER_EOF);
	reader_close(r);
	unlink(t.path);
}

/* About 1.8 MB of numbered lines: more than the first text buffer. */
static char *
many_lines(size_t *len, int count)
{
	char *buf = malloc((size_t)count * 32 + 1);
	size_t n = 0;

	assert_non_null(buf);
	for (int i = 0; i < count; i++)
		n += (size_t)snprintf(buf + n, 32, "line %d of many\n", i);
	*len = n;
	return buf;
}

static void
expect_many(struct reader *r, int count)
{
	char want[32];

	for (int i = 0; i < count; i++) {
		snprintf(want, sizeof(want), "line %d of many", i);
		expect_line(r, want);
	}
}

static void
test_gzip(void **state)
{
	static const char *const parts[] = { "one\ntwo\npar", "tial\nthree" };
	static const size_t lens[] = { 11, 10 };
	const char *big[1];
	size_t biglen[1];
	struct tmp t;
	struct reader *r;
	char *text;

	(void)state;

	/* two members; a line runs across the boundary */
	gzip_file(&t, parts, lens, 2);
	r = open_ok(&t);
	assert_string_equal(reader_compression(r), "gzip");
	expect_text(r, "one\ntwo\npartial\nthree");
	assert_int_equal(reader_bytes(r), file_size(&t));
	reader_close(r);
	unlink(t.path);

	/* a larger member: lines cut by the buffers stay whole */
	text = many_lines(&biglen[0], 100000);
	big[0] = text;
	gzip_file(&t, big, biglen, 1);
	r = open_ok(&t);
	expect_many(r, 100000);
	expect(r, READER_EOF);
	reader_close(r);
	unlink(t.path);
	free(text);
}

static void
test_zstd(void **state)
{
	static const char *const parts[] = { "one\r\ntwo\npar", "tial\n" };
	static const size_t lens[] = { 12, 5 };
	const char *big[1];
	size_t biglen[1];
	struct tmp t;
	struct reader *r;
	char *text;

	(void)state;
	zstd_file(&t, parts, lens, 2);
	r = open_ok(&t);
	assert_string_equal(reader_compression(r), "zstd");
	expect_text(r, "one\ntwo\npartial\n");
	reader_close(r);
	unlink(t.path);

	text = many_lines(&biglen[0], 100000);
	big[0] = text;
	zstd_file(&t, big, biglen, 1);
	r = open_ok(&t);
	expect_many(r, 100000);
	expect(r, READER_EOF);
	assert_int_equal(reader_bytes(r), file_size(&t));
	reader_close(r);
	unlink(t.path);
	free(text);
}

/*
 * Reads a cut compressed file: the lines before the cut come out whole,
 * then READER_ERROR naming the offset where the input ended.  Returns
 * the number of whole lines read.
 */
static int
read_cut(struct tmp *t, long keep, const char *codec)
{
	struct reader *r = open_ok(t);
	const char *line;
	size_t n;
	enum reader_result rc;
	char want[32], at[48];
	int i = 0;

	while ((rc = reader_next(r, &line, &n)) == READER_LINE) {
		snprintf(want, sizeof(want), "line %d of many", i++);
		assert_str_eq(((struct str){ line, n }), want);
	}
	assert_int_equal(rc, READER_ERROR);
	assert_non_null(strstr(reader_error(r), codec));
	snprintf(at, sizeof(at), "byte %ld", keep);
	if (strstr(reader_error(r), at) == NULL) {
		print_error("\"%s\" does not name %s\n", reader_error(r), at);
		fail();
	}

	/* the stream has ended */
	expect(r, READER_ERROR);
	reader_close(r);
	return i;
}

static void
test_truncated(void **state)
{
	const char *big[1];
	size_t biglen[1];
	struct tmp t;
	char *text;
	long size;

	(void)state;
	text = many_lines(&biglen[0], 100000);
	big[0] = text;

	/* gzip cut in the middle of the data */
	gzip_file(&t, big, biglen, 1);
	size = file_size(&t);
	tmp_cut(&t, size / 2);
	assert_true(read_cut(&t, size / 2, "gzip") < 100000);
	unlink(t.path);

	/* gzip missing only the end of its trailer: every line, then the
	 * error */
	gzip_file(&t, big, biglen, 1);
	size = file_size(&t);
	tmp_cut(&t, size - 3);
	assert_int_equal(read_cut(&t, size - 3, "gzip"), 100000);
	unlink(t.path);

	/* zstd cut in the middle */
	zstd_file(&t, big, biglen, 1);
	size = file_size(&t);
	tmp_cut(&t, size / 2);
	assert_true(read_cut(&t, size / 2, "zstd") < 100000);
	unlink(t.path);
	free(text);
}

static void
test_corrupt(void **state)
{
	static const char *const parts[] = { "one\ntwo\n" };
	static const size_t lens[] = { 8 };
	unsigned char buf[256];
	struct tmp t;
	struct reader *r;
	FILE *fp;
	size_t n;

	(void)state;

	/* a wrong CRC in the trailer: the data, then an error */
	gzip_file(&t, parts, lens, 1);
	fp = fopen(t.path, "rb");
	n = fread(buf, 1, sizeof(buf), fp);
	fclose(fp);
	buf[n - 8] ^= 0xff;
	tmp_write(&t, buf, n, "wb");
	r = open_ok(&t);
	expect_line(r, "one");
	expect_line(r, "two");
	expect(r, READER_ERROR);
	assert_non_null(strstr(reader_error(r), "byte"));
	reader_close(r);
	unlink(t.path);
}

/* A line of len bytes of 'x' (then LF), then "next". */
static char *
long_line(size_t len, size_t *total)
{
	char *buf = malloc(len + 6);

	assert_non_null(buf);
	memset(buf, 'x', len);
	memcpy(buf + len, "\nnext", 5);
	*total = len + 5;
	return buf;
}

static void
check_long(size_t len, bool gz)
{
	const char *parts[1];
	size_t lens[1];
	struct tmp t;
	struct reader *r;
	const char *line;
	size_t n;
	char *buf = long_line(len, &lens[0]);

	parts[0] = buf;
	if (gz)
		gzip_file(&t, parts, lens, 1);
	else
		plain_file(&t, buf, lens[0]);
	r = open_ok(&t);
	if (len > READER_LINE_MAX) {
		expect(r, READER_TOO_LONG);
	} else {
		assert_int_equal(reader_next(r, &line, &n), READER_LINE);
		assert_int_equal(n, len);
		assert_true(line[0] == 'x' && line[n - 1] == 'x');
	}
	expect_line(r, "next");
	expect(r, READER_EOF);
	reader_close(r);
	unlink(t.path);

	/* the same line last, without its newline */
	if (!gz) {
		plain_file(&t, buf, len);
		r = open_ok(&t);
		if (len > READER_LINE_MAX) {
			expect(r, READER_TOO_LONG);
		} else {
			assert_int_equal(reader_next(r, &line, &n),
			    READER_LINE);
			assert_int_equal(n, len);
		}
		expect(r, READER_EOF);
		reader_close(r);
		unlink(t.path);
	}
	free(buf);
}

static void
test_too_long(void **state)
{
	(void)state;
	check_long(READER_LINE_MAX + 10, false);
	check_long(READER_LINE_MAX + 10, true);
	check_long(READER_LINE_MAX + 1, false);
	check_long(3u << 20, false);
}

/* A line of exactly READER_LINE_MAX bytes is not longer than it. */
static void
test_longest_line(void **state)
{
	(void)state;
	check_long(READER_LINE_MAX, false);
}

static void
test_head(void **state)
{
	static const char text[] = "first\nsecond\n";
	const char *big[1];
	size_t biglen[1];
	struct tmp t;
	struct reader *r;
	const char *head;
	char *many;

	(void)state;
	plain_file(&t, text, sizeof(text) - 1);
	r = open_ok(&t);
	assert_int_equal(reader_head(r, &head), 13);
	assert_memory_equal(head, text, 13);
	assert_int_equal(reader_head(r, &head), 13);
	expect_text(r, "first\nsecond\n");
	reader_close(r);
	unlink(t.path);

	/* at most 64 KiB, decompressed, and nothing consumed */
	many = many_lines(&biglen[0], 100000);
	big[0] = many;
	gzip_file(&t, big, biglen, 1);
	r = open_ok(&t);
	assert_int_equal(reader_head(r, &head), 64 << 10);
	assert_memory_equal(head, many, 64 << 10);
	expect_many(r, 100000);
	expect(r, READER_EOF);
	reader_close(r);
	unlink(t.path);
	free(many);
}

static void
test_open_errors(void **state)
{
	char err[128] = "";

	(void)state;
	assert_null(reader_open("/nonexistent/scanspot-test", err,
	    sizeof(err)));
	assert_true(err[0] != '\0');
	err[0] = '\0';
	assert_null(reader_open("/tmp", err, sizeof(err)));
	assert_non_null(strstr(err, "directory"));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_plain),
		cmocka_unit_test(test_line_ends),
		cmocka_unit_test(test_crlf_across_reads),
		cmocka_unit_test(test_rare_crs),
		cmocka_unit_test(test_empty),
		cmocka_unit_test(test_gzip),
		cmocka_unit_test(test_zstd),
		cmocka_unit_test(test_truncated),
		cmocka_unit_test(test_corrupt),
		cmocka_unit_test(test_too_long),
		cmocka_unit_test(test_longest_line),
		cmocka_unit_test(test_head),
		cmocka_unit_test(test_open_errors),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
