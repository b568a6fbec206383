/*
 * fuzz.h - helpers shared by the libFuzzer targets in this folder.
 *
 * Every target includes this header once.  The helpers copy input into
 * buffers of exactly the size the code under test may read, so that an
 * over-read by even one byte reaches AddressSanitizer, and turn a broken
 * promise of an interface into an abort that the fuzzer records.
 */
#ifndef SCANSPOT_FUZZ_H
#define SCANSPOT_FUZZ_H

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "core/timeutil.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerInitialize(int *argc, char ***argv);

/* Stops the run with a message: the fuzzer keeps the input. */
#define FUZZ_ASSERT(cond) do {						\
	if (!(cond)) {							\
		fprintf(stderr, "%s:%d: broken promise: %s\n",		\
		    __FILE__, __LINE__, #cond);				\
		abort();						\
	}								\
} while (0)

/*
 * A copy of data[0..n) in its own allocation of exactly n bytes (one byte
 * for an empty input, never read), so that a read past the end is caught.
 * Returns NULL when memory is short; the caller frees it.
 */
static inline char *
fuzz_copy(const uint8_t *data, size_t n)
{
	char *p = malloc(n ? n : 1);

	if (p != NULL && n > 0)
		memcpy(p, data, n);
	return p;
}

/* The same, with a NUL after the n bytes, for interfaces taking strings. */
static inline char *
fuzz_string(const uint8_t *data, size_t n)
{
	char *p = malloc(n + 1);

	if (p != NULL) {
		if (n > 0)
			memcpy(p, data, n);
		p[n] = '\0';
	}
	return p;
}

/*
 * Writes data into an anonymous in-memory file and names it in path as
 * /proc/self/fd/N, for code that opens files by name.  Returns the
 * descriptor, which the caller closes, or -1.
 */
static inline int
fuzz_memfile(const uint8_t *data, size_t n, char *path, size_t pathlen)
{
	int fd = memfd_create("scanspot-fuzz", 0);
	size_t off = 0;

	if (fd < 0)
		return -1;
	while (off < n) {
		ssize_t w = write(fd, data + off, n - off);

		if (w <= 0) {
			close(fd);
			return -1;
		}
		off += (size_t)w;
	}
	snprintf(path, pathlen, "/proc/self/fd/%d", fd);
	return fd;
}

/*
 * Calls fn on every line of data as the reader cuts them: at LF, CRLF or
 * a lone CR, without the line end; a last line without an end counts.
 */
static inline void
fuzz_lines(const uint8_t *data, size_t n,
    void (*fn)(void *arg, const uint8_t *line, size_t len), void *arg)
{
	size_t start = 0;

	for (size_t i = 0; i < n; i++) {
		if (data[i] != '\n' && data[i] != '\r')
			continue;
		fn(arg, data + start, i - start);
		if (data[i] == '\r' && i + 1 < n && data[i + 1] == '\n')
			i++;
		start = i + 1;
	}
	if (start < n)
		fn(arg, data + start, n - start);
}

/*
 * Selects a zone with daylight-saving changes when the zone database has
 * one, so that the local-time paths of the parsers are reached, else UTC.
 */
static inline void
fuzz_select_zone(void)
{
	if (tz_select("Europe/Berlin", NULL) < 0)
		tz_select("UTC", NULL);
}

#endif
