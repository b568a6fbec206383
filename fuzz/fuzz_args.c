/*
 * fuzz_args.c - libFuzzer target for the time and network arguments of
 * the command line and the config file.
 *
 * The input is given to each reader: as a C string to time_parse_arg(),
 * time_parse_duration() and range_set_add_list(), as bytes of exactly
 * its length to time_parse_zone(), addr_parse() and addr_parse_hostport().
 * What is accepted must read back: a parsed address formats and parses
 * to the same address, a parsed time formats and parses to the same
 * microsecond, a range set stays sorted and merged.
 */
#include "fuzz.h"

#include "core/addr.h"

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	fuzz_select_zone();
	return 0;
}

static void
check_time(const char *s)
{
	char buf[TIME_STRLEN];
	int64_t t, back;

	if (!time_parse_arg(s, &t) || t < TIME_MIN || t > TIME_MAX)
		return;
	time_format(t, TIME_FRAC_AUTO, buf);
	FUZZ_ASSERT(time_parse_arg(buf, &back));
	FUZZ_ASSERT(back == t);
}

static void
check_ranges(const char *s)
{
	struct range_set rs;
	const char *err = NULL, *bad = NULL;

	range_set_init(&rs);
	if (range_set_add_list(&rs, s, &err, &bad) < 0)
		FUZZ_ASSERT(err != NULL && bad != NULL);
	for (size_t i = 0; i < rs.n; i++) {
		FUZZ_ASSERT(memcmp(rs.v[i].lo.b, rs.v[i].hi.b, 16) <= 0);
		FUZZ_ASSERT(i == 0 ||
		    memcmp(rs.v[i - 1].hi.b, rs.v[i].lo.b, 16) < 0);
		FUZZ_ASSERT(range_set_contains(&rs, &rs.v[i].lo));
		FUZZ_ASSERT(range_set_contains(&rs, &rs.v[i].hi));
	}
	range_set_free(&rs);
}

static void
check_addr(const char *p, size_t n)
{
	char buf[ADDR_STRLEN];
	struct addr a, back;
	uint16_t port;
	size_t len;

	if (addr_parse(p, n, &a)) {
		len = addr_format(&a, buf);
		FUZZ_ASSERT(len < ADDR_STRLEN);
		FUZZ_ASSERT(addr_parse(buf, len, &back));
		FUZZ_ASSERT(addr_eq(&a, &back));
	}
	addr_parse_hostport(p, n, &a, &port);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *s = fuzz_string(data, size);
	char *p = fuzz_copy(data, size);
	int64_t d;
	int off;

	if (s != NULL && p != NULL) {
		check_time(s);
		if (time_parse_duration(s, &d))
			FUZZ_ASSERT(d > 0);
		check_ranges(s);
		if (time_parse_zone(p, size, &off))
			FUZZ_ASSERT(off >= -18 * 3600 && off <= 18 * 3600);
		check_addr(p, size);
	}
	free(s);
	free(p);
	return 0;
}
