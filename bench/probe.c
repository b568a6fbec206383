/*
 * probe.c - the least work a log scanner must do: how fast one core finds
 * every line and the source address in it.
 *
 *	probe FILE [NEEDLE]
 *
 * Reads FILE with read(2) in 1 MiB blocks, finds each line end with
 * memchr(3) and NEEDLE (default "src=") in each line with memmem(3), and
 * prints the number of lines, of lines holding NEEDLE and of bytes.  The
 * benchmark takes its time as the limit a parser of the same lines could
 * reach on one core.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define BLOCK	(1 << 20)

struct counts {
	unsigned long long	lines;
	unsigned long long	hits;
	unsigned long long	bytes;
};

/*
 * Counts the complete lines of buf[0..n) and the NEEDLE in each; returns
 * the number of bytes consumed (up to and including the last line end).
 */
static size_t
probe_lines(const char *buf, size_t n, const char *needle, size_t nlen,
    struct counts *c)
{
	const char *p = buf, *end = buf + n, *nl;

	while ((nl = memchr(p, '\n', (size_t)(end - p))) != NULL) {
		if (memmem(p, (size_t)(nl - p), needle, nlen) != NULL)
			c->hits++;
		c->lines++;
		p = nl + 1;
	}
	return (size_t)(p - buf);
}

int
main(int argc, char **argv)
{
	const char *needle = argc > 2 ? argv[2] : "src=";
	struct counts c = { 0, 0, 0 };
	size_t have = 0, used, nlen = strlen(needle);
	ssize_t got;
	char *buf;
	int fd;

	if (argc < 2 || argc > 3) {
		fprintf(stderr, "usage: probe FILE [NEEDLE]\n");
		return 2;
	}
	if ((fd = open(argv[1], O_RDONLY)) == -1 ||
	    (buf = malloc(2 * BLOCK)) == NULL) {
		fprintf(stderr, "probe: %s: %s\n", argv[1], strerror(errno));
		return 2;
	}
	for (;;) {
		if (have == 2 * BLOCK)
			have = 0;	/* a line over 1 MiB: drop its start */
		got = read(fd, buf + have, 2 * BLOCK - have);
		if (got < 0 && errno == EINTR)
			continue;
		if (got < 0) {
			fprintf(stderr, "probe: %s\n", strerror(errno));
			return 2;
		}
		if (got == 0)
			break;
		c.bytes += (unsigned long long)got;
		have += (size_t)got;
		used = probe_lines(buf, have, needle, nlen, &c);
		memmove(buf, buf + used, have - used);
		have -= used;
	}
	if (have > 0) {
		if (memmem(buf, have, needle, nlen) != NULL)
			c.hits++;
		c.lines++;
	}
	printf("%llu lines, %llu with %s, %llu bytes\n", c.lines, c.hits,
	    needle, c.bytes);
	close(fd);
	free(buf);
	return 0;
}
