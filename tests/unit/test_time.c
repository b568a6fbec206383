/*
 * test_time.c - calendar arithmetic, parsing and writing of times, zones
 * with daylight saving, and year inference for year-less log times.
 *
 * Expected values are worked out from the calendar and the zone rules
 * (America/Chicago, Europe/Berlin, Australia/Lord_Howe as of 2024).
 */
#include "testutil.h"

#include <stdlib.h>
#include <time.h>

#include "core/timeutil.h"

#define SEC(s)	((int64_t)(s) * USEC_PER_SEC)

/* Asserts that t writes as the given RFC 3339 text. */
#define assert_time(t, frac, lit) do {					\
	char b_[TIME_STRLEN];						\
	size_t n_ = time_format((t), (frac), b_);			\
	assert_int_equal(n_, strlen(b_));				\
	assert_string_equal(b_, (lit));					\
} while (0)

static struct civil
civ(int year, int mon, int day, int hour, int min, int sec, int32_t usec)
{
	struct civil c;

	memset(&c, 0, sizeof(c));
	c.year = year;
	c.mon = mon;
	c.day = day;
	c.hour = hour;
	c.min = min;
	c.sec = sec;
	c.usec = usec;
	c.has_year = year != 0;
	return c;
}

static void
zone(const char *name)
{
	const char *err = NULL;

	assert_int_equal(tz_select(name, &err), 0);
}

static int64_t
resolve(struct time_ctx *tc, struct civil c)
{
	int64_t t = 0;

	assert_true(time_ctx_resolve(tc, &c, &t));
	return t;
}

static void
test_days(void **state)
{
	(void)state;
	assert_int_equal(time_days_from_civil(1970, 1, 1), 0);
	assert_int_equal(time_days_from_civil(1969, 12, 31), -1);
	assert_int_equal(time_days_from_civil(2000, 3, 1), 11017);
	assert_int_equal(time_days_from_civil(2024, 1, 1), 19723);
	assert_int_equal(time_days_from_civil(2100, 1, 1), 47482);
	assert_int_equal(time_days_from_civil(2100, 3, 1), 47541);
	assert_int_equal(time_days_from_civil(1900, 1, 1), -25567);
}

static void
test_civil_valid(void **state)
{
	struct civil c;

	(void)state;
	c = civ(2024, 2, 29, 0, 0, 0, 0);
	assert_true(civil_valid(&c));
	c = civ(2000, 2, 29, 0, 0, 0, 0);
	assert_true(civil_valid(&c));
	c = civ(2023, 2, 29, 0, 0, 0, 0);
	assert_false(civil_valid(&c));
	c = civ(2100, 2, 29, 0, 0, 0, 0);
	assert_false(civil_valid(&c));
	c = civ(0, 2, 29, 0, 0, 0, 0);		/* year unknown */
	assert_true(civil_valid(&c));
	c = civ(0, 2, 30, 0, 0, 0, 0);
	assert_false(civil_valid(&c));
	c = civ(2024, 4, 31, 0, 0, 0, 0);
	assert_false(civil_valid(&c));
	c = civ(2024, 13, 1, 0, 0, 0, 0);
	assert_false(civil_valid(&c));
	c = civ(2024, 12, 31, 23, 59, 60, 0);	/* leap second */
	assert_true(civil_valid(&c));
	c = civ(2024, 12, 31, 24, 0, 0, 0);
	assert_false(civil_valid(&c));
	c = civ(2024, 1, 1, 0, 0, 0, 1000000);
	assert_false(civil_valid(&c));
	c = civ(2024, 1, 1, 0, 0, 0, 0);
	c.has_offset = true;
	c.offset = 19 * 3600;
	assert_false(civil_valid(&c));
}

static void
test_month_abbr(void **state)
{
	(void)state;
	assert_int_equal(time_month_abbr("Jan"), 1);
	assert_int_equal(time_month_abbr("feb 29"), 2);
	assert_int_equal(time_month_abbr("SEP"), 9);
	assert_int_equal(time_month_abbr("Dec 31 23:59:58"), 12);
	assert_int_equal(time_month_abbr("Foo"), 0);
	assert_int_equal(time_month_abbr("Ja"), 0);
	assert_int_equal(time_month_abbr(""), 0);
}

static void
test_format(void **state)
{
	(void)state;
	assert_time(0, TIME_FRAC_NONE, "1970-01-01T00:00:00Z");
	assert_time(SEC(1772359500), TIME_FRAC_NONE, "2026-03-01T10:05:00Z");
	assert_time(SEC(1772359561) + 250000, TIME_FRAC_AUTO,
	    "2026-03-01T10:06:01.250Z");
	assert_time(SEC(1772359561) + 123456, TIME_FRAC_AUTO,
	    "2026-03-01T10:06:01.123456Z");
	assert_time(SEC(1772359561) + 123456, TIME_FRAC_NONE,
	    "2026-03-01T10:06:01Z");
	assert_time(SEC(1772359561), TIME_FRAC_AUTO,
	    "2026-03-01T10:06:01.000Z");

	/* 2100 is not a leap year */
	assert_time(SEC(4107542399), TIME_FRAC_NONE, "2100-02-28T23:59:59Z");
	assert_time(SEC(4107542400), TIME_FRAC_NONE, "2100-03-01T00:00:00Z");

	/* before 1970, seconds and fractions round down */
	assert_time(-1, TIME_FRAC_NONE, "1969-12-31T23:59:59Z");
	assert_time(-1, TIME_FRAC_AUTO, "1969-12-31T23:59:59.999999Z");
	assert_time(-1000, TIME_FRAC_AUTO, "1969-12-31T23:59:59.999Z");
	assert_time(SEC(-86400), TIME_FRAC_NONE, "1969-12-31T00:00:00Z");
	assert_time(SEC(-2208988800), TIME_FRAC_NONE, "1900-01-01T00:00:00Z");
	assert_time(SEC(-2208988800) - 500000, TIME_FRAC_AUTO,
	    "1899-12-31T23:59:59.500Z");
}

static void
test_civil_as_utc(void **state)
{
	struct civil c;

	(void)state;
	c = civ(2024, 12, 31, 23, 59, 58, 0);
	assert_int_equal(time_civil_as_utc(&c), SEC(1735689598));
	c = civ(2024, 12, 31, 23, 59, 60, 0);	/* leap second read as 59 */
	assert_int_equal(time_civil_as_utc(&c), SEC(1735689599));
	c = civ(1969, 12, 31, 23, 59, 59, 500000);
	assert_int_equal(time_civil_as_utc(&c), -500000);
}

static int64_t
iso(const char *s)
{
	struct time_ctx tc;
	struct civil c;

	assert_true(time_parse_iso(s, strlen(s), &c));
	time_ctx_init(&tc, 0, false);
	return resolve(&tc, c);
}

static bool
iso_ok(const char *s)
{
	struct civil c;

	return time_parse_iso(s, strlen(s), &c);
}

/* B021: every offset form, either sign, with a fraction. */
static void
test_parse_iso(void **state)
{
	struct civil c;
	const char *s;

	(void)state;
	zone("UTC");
	assert_time(iso("2024-03-03T05:00:13.123456-0500"), TIME_FRAC_AUTO,
	    "2024-03-03T10:00:13.123456Z");
	assert_time(iso("2024-03-03T05:00:13.123456-05:00"), TIME_FRAC_AUTO,
	    "2024-03-03T10:00:13.123456Z");
	assert_time(iso("2024-03-03T05:00:13.123456-05"), TIME_FRAC_AUTO,
	    "2024-03-03T10:00:13.123456Z");
	assert_time(iso("2024-03-03T11:00:13+0100"), TIME_FRAC_NONE,
	    "2024-03-03T10:00:13Z");
	assert_time(iso("2024-03-03T11:30:13+01:30"), TIME_FRAC_NONE,
	    "2024-03-03T10:00:13Z");
	assert_time(iso("2024-03-03T11:00:13+01"), TIME_FRAC_NONE,
	    "2024-03-03T10:00:13Z");
	assert_time(iso("2024-03-03T10:00:13Z"), TIME_FRAC_NONE,
	    "2024-03-03T10:00:13Z");
	assert_time(iso("2024-03-03t10:00:13z"), TIME_FRAC_NONE,
	    "2024-03-03T10:00:13Z");
	assert_time(iso("2024-03-03 10:00:13.25Z"), TIME_FRAC_AUTO,
	    "2024-03-03T10:00:13.250Z");
	assert_time(iso("2024-03-03T10:00:13.123456789Z"), TIME_FRAC_AUTO,
	    "2024-03-03T10:00:13.123456Z");
	assert_time(iso("2024-03-04T00:30:00+01:00"), TIME_FRAC_NONE,
	    "2024-03-03T23:30:00Z");

	s = "2024-03-03T05:00:13.5-0500";
	assert_true(time_parse_iso(s, strlen(s), &c));
	assert_true(c.has_year);
	assert_true(c.has_offset);
	assert_int_equal(c.offset, -5 * 3600);
	assert_int_equal(c.usec, 500000);

	s = "2024-03-03T10:00:13";
	assert_true(time_parse_iso(s, strlen(s), &c));
	assert_false(c.has_offset);

	/* exactly n bytes: a prefix of a longer text */
	s = "2024-03-03T10:00:13Z trailing";
	assert_true(time_parse_iso(s, 20, &c));
	assert_false(time_parse_iso(s, strlen(s), &c));

	assert_false(iso_ok("2024-03-03T10:00"));
	assert_false(iso_ok("2024-03-03T10:00:13."));
	assert_false(iso_ok("2024-03-03T10:00:13.Z"));
	assert_false(iso_ok("2024-03-03T10:00:13+1"));
	assert_false(iso_ok("2024-03-03T10:00:13+01:60"));
	assert_false(iso_ok("2024-03-03T10:00:13+19:00"));
	assert_false(iso_ok("2024-03-03T10:00:13 UTC"));
	assert_false(iso_ok("2024-02-30T10:00:13Z"));
	assert_false(iso_ok("2023-02-29T10:00:13Z"));
	assert_false(iso_ok("2024-03-03X10:00:13Z"));
	assert_false(iso_ok("2024-3-03T10:00:13Z"));
	assert_false(iso_ok("2024-03-03T25:00:13Z"));
	assert_false(iso_ok(""));
}

static void
assert_zone(const char *s, int want)
{
	int off = 12345;

	if (!time_parse_zone(s, strlen(s), &off)) {
		print_error("zone \"%s\" not read\n", s);
		fail();
	}
	if (off != want) {
		print_error("zone \"%s\": got %d, want %d\n", s, off, want);
		fail();
	}
}

static bool
zone_ok(const char *s)
{
	int off;

	return time_parse_zone(s, strlen(s), &off);
}

static void
test_parse_zone(void **state)
{
	(void)state;
	assert_zone("Z", 0);
	assert_zone("z", 0);
	assert_zone("UTC", 0);
	assert_zone("GMT", 0);
	assert_zone("UT", 0);
	assert_zone("utc", 0);
	assert_zone("+01:00", 3600);
	assert_zone("-0500", -18000);
	assert_zone("+05", 18000);
	assert_zone("+05:30", 19800);
	assert_zone("-00:00", 0);
	assert_zone("+18:00", 64800);
	assert_zone("GMT+2", 7200);
	assert_zone("GMT-08:00", -28800);
	assert_zone("UTC+03:30", 12600);
	assert_zone("UTC-3:30", -12600);
	assert_zone("UT+0100", 3600);

	assert_zone("EST", -5 * 3600);
	assert_zone("EDT", -4 * 3600);
	assert_zone("CST", -6 * 3600);
	assert_zone("CDT", -5 * 3600);
	assert_zone("MST", -7 * 3600);
	assert_zone("MDT", -6 * 3600);
	assert_zone("PST", -8 * 3600);
	assert_zone("PDT", -7 * 3600);
	assert_zone("AKST", -9 * 3600);
	assert_zone("AKDT", -8 * 3600);
	assert_zone("HST", -10 * 3600);
	assert_zone("CET", 3600);
	assert_zone("CEST", 2 * 3600);
	assert_zone("EET", 2 * 3600);
	assert_zone("EEST", 3 * 3600);
	assert_zone("WET", 0);
	assert_zone("WEST", 3600);
	assert_zone("BST", 3600);
	assert_zone("IST", 5 * 3600 + 1800);
	assert_zone("JST", 9 * 3600);
	assert_zone("KST", 9 * 3600);
	assert_zone("AEST", 10 * 3600);
	assert_zone("AEDT", 11 * 3600);
	assert_zone("MSK", 3 * 3600);

	assert_false(zone_ok(""));
	assert_false(zone_ok("XYZ"));
	assert_false(zone_ok("+5"));
	assert_false(zone_ok("+1900"));
	assert_false(zone_ok("-18:01"));
	assert_false(zone_ok("+01:0"));
	assert_false(zone_ok("+0160"));
	assert_false(zone_ok("GMT+"));
	assert_false(zone_ok("UTC+19"));
	assert_false(zone_ok("GMT 2"));
	assert_false(zone_ok("ESTX"));
	assert_false(zone_ok("ZZ"));
}

static void
test_tz_select(void **state)
{
	const char *err = NULL;

	(void)state;
	assert_int_equal(tz_select("Nowhere/Atlantis", &err), -1);
	assert_non_null(err);
	assert_non_null(strstr(err, "Nowhere/Atlantis"));
	assert_int_equal(tz_select("../../etc/passwd", &err), -1);
	assert_int_equal(tz_select("/etc/localtime", &err), -1);
	assert_int_equal(tz_select("America", &err), -1);	/* a folder */

	zone("Europe/Berlin");
	assert_string_equal(tz_name(), "Europe/Berlin");
	assert_int_equal(tz_offset_at(SEC(1719792000)), 7200); /* 2024-07-01 */
	assert_int_equal(tz_offset_at(SEC(1704067200)), 3600); /* 2024-01-01 */

	/* a failed selection keeps the zone in force */
	assert_int_equal(tz_select("Bogus", &err), -1);
	assert_string_equal(tz_name(), "Europe/Berlin");
	assert_int_equal(tz_offset_at(SEC(1704067200)), 3600);

	zone("UTC");
	assert_string_equal(tz_name(), "UTC");
	assert_int_equal(tz_offset_at(SEC(1719792000)), 0);
	zone("gmt");
	assert_int_equal(tz_offset_at(-1), 0);

	zone(NULL);
	assert_non_null(tz_name());
	zone("");
	zone("America/Chicago");
	assert_int_equal(tz_offset_at(SEC(-1)), -6 * 3600);	/* 1969 CST */
}

/* B017: year-less times read around New Year. */
static void
test_year_new_year(void **state)
{
	struct time_ctx tc;

	(void)state;
	zone("UTC");

	/* received at 2025-01-01T00:00:02Z */
	time_ctx_init(&tc, SEC(1735689602), true);
	assert_time(resolve(&tc, civ(0, 12, 31, 23, 59, 58, 0)),
	    TIME_FRAC_NONE, "2024-12-31T23:59:58Z");
	assert_true(tc.has_prev);
	assert_int_equal(tc.prev, SEC(1735689598));
	assert_time(resolve(&tc, civ(0, 1, 1, 0, 0, 0, 0)),
	    TIME_FRAC_NONE, "2025-01-01T00:00:00Z");

	/* and back across New Year, closest to the previous record */
	assert_time(resolve(&tc, civ(0, 12, 31, 23, 59, 59, 0)),
	    TIME_FRAC_NONE, "2024-12-31T23:59:59Z");

	/* received at 2024-12-31T23:59:59Z, a second before its own time */
	time_ctx_init(&tc, SEC(1735689599), true);
	assert_time(resolve(&tc, civ(0, 1, 1, 0, 0, 0, 0)),
	    TIME_FRAC_NONE, "2025-01-01T00:00:00Z");
}

/* The first record may be up to a day past the limit (clock skew). */
static void
test_year_limit(void **state)
{
	struct time_ctx tc;

	(void)state;
	zone("UTC");
	time_ctx_init(&tc, SEC(1735689602), true); /* 2025-01-01T00:00:02Z */
	assert_time(resolve(&tc, civ(0, 1, 1, 23, 0, 0, 0)),
	    TIME_FRAC_NONE, "2025-01-01T23:00:00Z");
	time_ctx_init(&tc, SEC(1735689602), true);
	assert_time(resolve(&tc, civ(0, 1, 2, 0, 0, 2, 0)),
	    TIME_FRAC_NONE, "2025-01-02T00:00:02Z");
	time_ctx_init(&tc, SEC(1735689602), true);
	assert_time(resolve(&tc, civ(0, 1, 2, 0, 0, 3, 0)),
	    TIME_FRAC_NONE, "2024-01-02T00:00:03Z");
	time_ctx_init(&tc, SEC(1735689602), true);
	assert_time(resolve(&tc, civ(0, 7, 1, 12, 0, 0, 0)),
	    TIME_FRAC_NONE, "2024-07-01T12:00:00Z");

	/* a year given by the record is kept whatever the limit */
	time_ctx_init(&tc, SEC(1735689602), true);
	assert_time(resolve(&tc, civ(2030, 7, 1, 12, 0, 0, 0)),
	    TIME_FRAC_NONE, "2030-07-01T12:00:00Z");
}

/* Feb 29 without a year takes the nearest fitting leap year. */
static void
test_year_leap(void **state)
{
	struct time_ctx tc;
	int64_t t;
	struct civil c;

	(void)state;
	zone("UTC");
	time_ctx_init(&tc, SEC(1780272000), true);	/* 2026-06-01 */
	assert_time(resolve(&tc, civ(0, 2, 29, 8, 0, 0, 0)),
	    TIME_FRAC_NONE, "2024-02-29T08:00:00Z");
	time_ctx_init(&tc, SEC(1709251200), true);	/* 2024-03-01 */
	assert_time(resolve(&tc, civ(0, 2, 29, 8, 0, 0, 0)),
	    TIME_FRAC_NONE, "2024-02-29T08:00:00Z");
	assert_time(resolve(&tc, civ(0, 2, 28, 8, 0, 0, 0)),
	    TIME_FRAC_NONE, "2024-02-28T08:00:00Z");

	/* an impossible date is refused and leaves the stream alone */
	c = civ(0, 2, 30, 8, 0, 0, 0);
	assert_false(time_ctx_resolve(&tc, &c, &t));
	assert_time(tc.prev, TIME_FRAC_NONE, "2024-02-28T08:00:00Z");
}

/* Without a limit, the current time bounds the first record. */
static void
test_year_now(void **state)
{
	struct time_ctx tc;
	int64_t now, t;

	(void)state;
	zone("UTC");
	now = SEC(time(NULL));
	time_ctx_init(&tc, 0, false);
	t = resolve(&tc, civ(0, 1, 1, 0, 0, 0, 0));
	assert_true(t <= now + USEC_PER_DAY);
	assert_true(t > now - 366 * USEC_PER_DAY);
	time_ctx_init(&tc, 0, false);
	t = resolve(&tc, civ(0, 12, 31, 23, 59, 59, 0));
	assert_true(t <= now + USEC_PER_DAY);
	assert_true(t > now - 367 * USEC_PER_DAY);
}

/* B019: the hour repeated when Chicago fell back on 2024-11-03. */
static void
test_fall_back(void **state)
{
	struct time_ctx tc;

	(void)state;
	zone("America/Chicago");
	time_ctx_init(&tc, 0, false);
	assert_time(resolve(&tc, civ(2024, 11, 3, 1, 58, 12, 101010)),
	    TIME_FRAC_AUTO, "2024-11-03T06:58:12.101010Z");
	assert_time(resolve(&tc, civ(2024, 11, 3, 1, 8, 49, 202020)),
	    TIME_FRAC_AUTO, "2024-11-03T07:08:49.202020Z");
	assert_time(resolve(&tc, civ(2024, 11, 3, 1, 30, 0, 0)),
	    TIME_FRAC_NONE, "2024-11-03T07:30:00Z");
	assert_time(resolve(&tc, civ(2024, 11, 3, 2, 30, 0, 0)),
	    TIME_FRAC_NONE, "2024-11-03T08:30:00Z");

	/* without a previous record, the first pass through the hour */
	time_ctx_init(&tc, 0, false);
	assert_time(resolve(&tc, civ(2024, 11, 3, 1, 30, 0, 0)),
	    TIME_FRAC_NONE, "2024-11-03T06:30:00Z");

	/* a record just before the hour keeps the daylight offset */
	time_ctx_init(&tc, 0, false);
	assert_time(resolve(&tc, civ(2024, 11, 3, 0, 59, 0, 0)),
	    TIME_FRAC_NONE, "2024-11-03T05:59:00Z");
	assert_time(resolve(&tc, civ(2024, 11, 3, 1, 10, 0, 0)),
	    TIME_FRAC_NONE, "2024-11-03T06:10:00Z");

	/* Berlin repeats 02:00-03:00 on 2024-10-27 */
	zone("Europe/Berlin");
	time_ctx_init(&tc, 0, false);
	assert_time(resolve(&tc, civ(2024, 10, 27, 2, 50, 0, 0)),
	    TIME_FRAC_NONE, "2024-10-27T00:50:00Z");
	assert_time(resolve(&tc, civ(2024, 10, 27, 2, 5, 0, 0)),
	    TIME_FRAC_NONE, "2024-10-27T01:05:00Z");

	/* B019 without a year: the year comes from the limit first */
	zone("America/Chicago");
	time_ctx_init(&tc, SEC(1730764800), true);	/* 2024-11-05 */
	assert_time(resolve(&tc, civ(0, 11, 3, 1, 58, 12, 0)),
	    TIME_FRAC_NONE, "2024-11-03T06:58:12Z");
	assert_time(resolve(&tc, civ(0, 11, 3, 1, 8, 49, 0)),
	    TIME_FRAC_NONE, "2024-11-03T07:08:49Z");
}

/* A time in the hour skipped by spring-forward takes the old offset. */
static void
test_spring_forward(void **state)
{
	struct time_ctx tc;

	(void)state;
	zone("America/Chicago");
	time_ctx_init(&tc, 0, false);
	assert_time(resolve(&tc, civ(2024, 3, 10, 1, 59, 59, 0)),
	    TIME_FRAC_NONE, "2024-03-10T07:59:59Z");
	assert_time(resolve(&tc, civ(2024, 3, 10, 2, 30, 0, 0)),
	    TIME_FRAC_NONE, "2024-03-10T08:30:00Z");
	assert_time(resolve(&tc, civ(2024, 3, 10, 3, 0, 0, 0)),
	    TIME_FRAC_NONE, "2024-03-10T08:00:00Z");
	assert_time(resolve(&tc, civ(2024, 3, 10, 12, 0, 0, 0)),
	    TIME_FRAC_NONE, "2024-03-10T17:00:00Z");
	assert_time(resolve(&tc, civ(2024, 1, 15, 12, 0, 0, 0)),
	    TIME_FRAC_NONE, "2024-01-15T18:00:00Z");

	zone("Europe/Berlin");
	time_ctx_init(&tc, 0, false);
	assert_time(resolve(&tc, civ(2024, 3, 31, 2, 30, 0, 0)),
	    TIME_FRAC_NONE, "2024-03-31T01:30:00Z");
	assert_time(resolve(&tc, civ(2024, 3, 31, 3, 30, 0, 0)),
	    TIME_FRAC_NONE, "2024-03-31T01:30:00Z");
}

/*
 * A piece read apart guesses the year of its first year-less time from the
 * file's time, 2026-02-20: "Jun  1 10:00" is 2025-06-01.  The guess holds
 * after a part that ends in May 2025, not after one that ends in May 2026
 * (then the year closest to it is 2026).  Only the first year-less time is
 * a guess; the ones after it follow it as in a whole read.
 */
static void
test_piece_year_guess(void **state)
{
	struct time_ctx tc, early, late, none;

	zone("UTC");
	time_ctx_init(&tc, SEC(1771545600), true);
	tc.partial = true;
	assert_int_equal(resolve(&tc, civ(0, 6, 1, 10, 0, 0, 0)),
	    SEC(1748772000));
	assert_true(tc.guessed);
	assert_false(tc.consulted);
	resolve(&tc, civ(0, 7, 1, 10, 0, 0, 0));
	assert_false(tc.consulted);

	time_ctx_init(&early, SEC(1771545600), true);
	resolve(&early, civ(2025, 5, 1, 0, 0, 0, 0));
	assert_int_equal(early.prev, SEC(1746057600));
	assert_true(time_ctx_guess_holds(&tc, &early));

	time_ctx_init(&late, SEC(1771545600), true);
	resolve(&late, civ(2026, 5, 1, 0, 0, 0, 0));
	assert_int_equal(late.prev, SEC(1777593600));
	assert_false(time_ctx_guess_holds(&tc, &late));

	/* a part without any time: the whole read guessed the same */
	time_ctx_init(&none, SEC(1771545600), true);
	assert_true(time_ctx_guess_holds(&tc, &none));

	/* a piece that guessed nothing holds after anything */
	time_ctx_init(&early, SEC(1771545600), true);
	early.partial = true;
	resolve(&early, civ(2025, 6, 1, 10, 0, 0, 0));
	assert_false(early.guessed);
	assert_true(time_ctx_guess_holds(&early, &late));
}

/*
 * Lord Howe Island shifts by 30 minutes: +10:30 to +11 at 02:00 on
 * 2024-10-06 (02:00-02:30 skipped) and back at 02:00 on 2024-04-07
 * (01:30-02:00 repeated), so a change falls inside a local hour.
 */
static void
test_half_hour_zone(void **state)
{
	struct time_ctx tc;

	(void)state;
	zone("Australia/Lord_Howe");
	time_ctx_init(&tc, 0, false);
	assert_time(resolve(&tc, civ(2024, 10, 6, 1, 45, 0, 0)),
	    TIME_FRAC_NONE, "2024-10-05T15:15:00Z");
	assert_time(resolve(&tc, civ(2024, 10, 6, 2, 15, 0, 0)),
	    TIME_FRAC_NONE, "2024-10-05T15:45:00Z");
	assert_time(resolve(&tc, civ(2024, 10, 6, 2, 45, 0, 0)),
	    TIME_FRAC_NONE, "2024-10-05T15:45:00Z");
	assert_time(resolve(&tc, civ(2024, 10, 6, 3, 15, 0, 0)),
	    TIME_FRAC_NONE, "2024-10-05T16:15:00Z");

	time_ctx_init(&tc, 0, false);
	assert_time(resolve(&tc, civ(2024, 4, 7, 1, 15, 0, 0)),
	    TIME_FRAC_NONE, "2024-04-06T14:15:00Z");
	assert_time(resolve(&tc, civ(2024, 4, 7, 1, 58, 0, 0)),
	    TIME_FRAC_NONE, "2024-04-06T14:58:00Z");
	assert_time(resolve(&tc, civ(2024, 4, 7, 1, 40, 0, 0)),
	    TIME_FRAC_NONE, "2024-04-06T15:10:00Z");
	assert_time(resolve(&tc, civ(2024, 4, 7, 2, 10, 0, 0)),
	    TIME_FRAC_NONE, "2024-04-06T15:40:00Z");
}

/* The offsets of a local hour are kept until the hour changes. */
static void
test_hour_cache(void **state)
{
	struct time_ctx tc;

	(void)state;
	zone("America/Chicago");
	time_ctx_init(&tc, 0, false);
	assert_int_equal(tc.cache_n, 0);
	resolve(&tc, civ(2024, 1, 15, 12, 34, 56, 0));
	assert_int_equal(tc.cache_n, 1);
	assert_int_equal(tc.cache_off[0], -6 * 3600);
	assert_int_equal(tc.cache_hour, SEC(1705320000));	/* 12:00 */

	/* the repeated hour holds both offsets, daylight first */
	resolve(&tc, civ(2024, 11, 3, 1, 30, 0, 0));
	assert_int_equal(tc.cache_n, 2);
	assert_int_equal(tc.cache_off[0], -5 * 3600);
	assert_int_equal(tc.cache_off[1], -6 * 3600);

	/* the skipped hour holds the offset before it */
	resolve(&tc, civ(2024, 3, 10, 2, 30, 0, 0));
	assert_int_equal(tc.cache_n, 1);
	assert_int_equal(tc.cache_off[0], -6 * 3600);

	/* an hour a change cuts in two is not cached */
	zone("Australia/Lord_Howe");
	time_ctx_init(&tc, 0, false);
	resolve(&tc, civ(2024, 10, 6, 2, 45, 0, 0));
	assert_int_equal(tc.cache_n, 0);
}

/* An offset in the record wins over the selected zone. */
static void
test_offset_wins(void **state)
{
	struct time_ctx tc;
	struct civil c;

	(void)state;
	zone("America/Chicago");
	time_ctx_init(&tc, 0, false);
	c = civ(2024, 11, 3, 1, 30, 0, 0);
	c.has_offset = true;
	c.offset = -6 * 3600;
	assert_time(resolve(&tc, c), TIME_FRAC_NONE, "2024-11-03T07:30:00Z");
	c.offset = 3600;
	assert_time(resolve(&tc, c), TIME_FRAC_NONE, "2024-11-03T00:30:00Z");

	/* before 1970 */
	zone("UTC");
	c = civ(1969, 12, 31, 23, 0, 0, 0);
	c.has_offset = true;
	c.offset = -3600;
	assert_time(resolve(&tc, c), TIME_FRAC_NONE, "1970-01-01T00:00:00Z");
}

static void
assert_duration(const char *s, int64_t want)
{
	int64_t got = -1;

	if (!time_parse_duration(s, &got) || got != want) {
		print_error("duration \"%s\": got %lld, want %lld\n", s,
		    (long long)got, (long long)want);
		fail();
	}
}

static bool
duration_ok(const char *s)
{
	int64_t d;

	return time_parse_duration(s, &d);
}

static void
test_duration(void **state)
{
	(void)state;
	assert_duration("90s", SEC(90));
	assert_duration("90", SEC(90));
	assert_duration("5m", SEC(300));
	assert_duration("1h30m", SEC(5400));
	assert_duration("2d", SEC(172800));
	assert_duration("1w", SEC(604800));
	assert_duration("250ms", 250000);
	assert_duration("10us", 10);
	assert_duration("1m30s", SEC(90));
	assert_duration("1h0m", SEC(3600));
	assert_duration("0h5m", SEC(300));
	assert_duration("1s500ms", 1500000);

	assert_false(duration_ok(""));
	assert_false(duration_ok("0"));
	assert_false(duration_ok("0s"));
	assert_false(duration_ok("0h0m"));
	assert_false(duration_ok("5x"));
	assert_false(duration_ok("h"));
	assert_false(duration_ok("1h30"));
	assert_false(duration_ok("-5m"));
	assert_false(duration_ok("+5m"));
	assert_false(duration_ok("1.5h"));
	assert_false(duration_ok("5 m"));
	assert_false(duration_ok(" 5m"));
	assert_false(duration_ok("5M"));
	assert_false(duration_ok("5min"));
	assert_false(duration_ok("99999999999999999999s"));
	assert_false(duration_ok("9223372036854775807s"));
	assert_false(duration_ok("15250285w"));	/* just over 2^63 us */
	assert_duration("15250284w", INT64_C(9223371763200000000));
	assert_false(duration_ok("9223372036854775807us1us"));
}

static int64_t
arg(const char *s)
{
	int64_t t = 0;

	if (!time_parse_arg(s, &t)) {
		print_error("argument \"%s\" not read\n", s);
		fail();
	}
	return t;
}

static void
test_parse_arg(void **state)
{
	int64_t t;

	(void)state;
	zone("UTC");
	assert_int_equal(arg("@0"), 0);
	assert_int_equal(arg("@1772359500"), SEC(1772359500));
	assert_int_equal(arg("@-1"), SEC(-1));
	assert_time(arg("2024-03-03"), TIME_FRAC_NONE, "2024-03-03T00:00:00Z");
	assert_time(arg("2024-03-03T10:00:13Z"), TIME_FRAC_NONE,
	    "2024-03-03T10:00:13Z");
	assert_time(arg("2024-03-03T10:00:13"), TIME_FRAC_NONE,
	    "2024-03-03T10:00:13Z");
	assert_time(arg("2024-03-03T10:00:13+02:00"), TIME_FRAC_NONE,
	    "2024-03-03T08:00:13Z");

	/* no zone: the selected zone */
	zone("Europe/Berlin");
	assert_time(arg("2024-03-03"), TIME_FRAC_NONE, "2024-03-02T23:00:00Z");
	assert_time(arg("2024-07-03T10:00:13"), TIME_FRAC_NONE,
	    "2024-07-03T08:00:13Z");
	assert_time(arg("2024-07-03T10:00:13Z"), TIME_FRAC_NONE,
	    "2024-07-03T10:00:13Z");

	assert_false(time_parse_arg("", &t));
	assert_false(time_parse_arg("yesterday", &t));
	assert_false(time_parse_arg("@", &t));
	assert_false(time_parse_arg("@12x", &t));
	assert_false(time_parse_arg("@ 12", &t));
	assert_false(time_parse_arg("2024-3-3", &t));
	assert_false(time_parse_arg("2024-02-30", &t));
	assert_false(time_parse_arg("2024-03-03T", &t));
	zone("UTC");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_days),
		cmocka_unit_test(test_civil_valid),
		cmocka_unit_test(test_month_abbr),
		cmocka_unit_test(test_format),
		cmocka_unit_test(test_civil_as_utc),
		cmocka_unit_test(test_parse_iso),
		cmocka_unit_test(test_parse_zone),
		cmocka_unit_test(test_tz_select),
		cmocka_unit_test(test_year_new_year),
		cmocka_unit_test(test_year_limit),
		cmocka_unit_test(test_year_leap),
		cmocka_unit_test(test_year_now),
		cmocka_unit_test(test_fall_back),
		cmocka_unit_test(test_spring_forward),
		cmocka_unit_test(test_half_hour_zone),
		cmocka_unit_test(test_piece_year_guess),
		cmocka_unit_test(test_hour_cache),
		cmocka_unit_test(test_offset_wins),
		cmocka_unit_test(test_duration),
		cmocka_unit_test(test_parse_arg),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
