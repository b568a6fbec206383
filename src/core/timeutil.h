/*
 * timeutil.h - reading, converting and writing log times.
 *
 * Internally a time is an int64_t count of microseconds since the Unix
 * epoch, UTC.  Log records carry civil times in many shapes: with or without
 * a year, with or without a zone.  A parser fills a struct civil; the
 * stream's struct time_ctx then turns it into UTC, inferring a missing year
 * and applying the configured zone (with its daylight-saving rules) where
 * the record gives no offset.
 */
#ifndef SCANSPOT_TIMEUTIL_H
#define SCANSPOT_TIMEUTIL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define USEC_PER_SEC INT64_C(1000000)
#define USEC_PER_MIN (60 * USEC_PER_SEC)
#define USEC_PER_HOUR (60 * USEC_PER_MIN)
#define USEC_PER_DAY (24 * USEC_PER_HOUR)

/* The times an event may have: years 1 to 9999, so that every one can be
 * written in RFC 3339. */
#define TIME_MIN (INT64_C(-62135596800) * USEC_PER_SEC)
#define TIME_MAX (INT64_C(253402300800) * USEC_PER_SEC - 1)

/* A civil time as read from a record. */
struct civil {
	int year;		/* valid when has_year */
	int mon, day;		/* 1..12, 1..31 */
	int hour, min, sec;	/* sec may be 60 (leap second; read as 59) */
	int32_t usec;		/* 0..999999 */
	int offset;		/* seconds east of UTC, valid when has_offset */
	bool has_year, has_offset;
};

/* Floor division, for bins and truncation of times before 1970. */
static inline int64_t
time_floor(int64_t t, int64_t unit)
{
	int64_t q = t / unit;

	return (t % unit != 0 && t < 0) ? (q - 1) * unit : q * unit;
}

/* Days since 1970-01-01 of a proleptic Gregorian date. */
int64_t time_days_from_civil(int year, int mon, int day);

/* UTC microseconds of a civil time taken as UTC, ignoring its offset
 * fields.  The fields must be in range (see civil_valid). */
int64_t time_civil_as_utc(const struct civil *c);

/* Checks ranges, including the day against the month's length when the
 * year is known (Feb 29 only in leap years). */
bool civil_valid(const struct civil *c);

/* Month from its English three-letter abbreviation, any case: 1..12, or 0. */
int time_month_abbr(const char *s);

/*
 * Parses RFC 3339 and the ISO 8601 forms logs use: "2024-03-03T10:00:13Z",
 * a space for the T, any number of fraction digits (kept to microseconds),
 * and an optional zone "Z", "+hh:mm", "-hhmm" or "+hh".  Exactly n bytes
 * must be consumed.  Returns false when the text is not such a time.
 */
bool time_parse_iso(const char *s, size_t n, struct civil *c);

/*
 * Parses a zone designator as logs write it: "Z", "UTC", "GMT", "UT",
 * numeric offsets ("+01:00", "-0500", "GMT+2", "UTC-03:30") and the zone
 * abbreviations Java's time formatting writes (EST, CDT, CET, ...).
 * Returns false for anything else.
 */
bool time_parse_zone(const char *s, size_t n, int *offset);

/*
 * The zone used for times that carry no offset.  tz_select() sets it for
 * the whole process ("UTC", "Europe/Berlin", or NULL/"" for the machine's
 * own zone); it returns -1 with a message in *err when the zone is unknown.
 */
int tz_select(const char *name, const char **err);
const char *tz_name(void);

/* Seconds east of UTC of the selected zone at the UTC instant t (usec). */
int tz_offset_at(int64_t t);

/*
 * Per-stream state for turning civil times into UTC.
 *
 * ref is the reference that a year-less time is placed closest to: the
 * previous record's time once there is one, else the file's modification
 * time (a record is never later than its file's mtime, so the first record
 * takes the latest year that keeps it at or before ref_limit).
 */
struct time_ctx {
	int64_t prev;		/* UTC of the previous record of the stream */
	bool has_prev;
	int64_t ref_limit;	/* mtime or the current time; see above */
	bool has_ref_limit;

	/* cache of the local-to-UTC offsets of one local hour */
	int64_t cache_hour;	/* local time of the hour's start, usec */
	int cache_off[2];
	int cache_n;		/* 0: empty; 1 or 2 offsets valid */
	bool cache_set;		/* filled (or emptied) by this stream */

	/*
	 * A piece of a file read apart from the part before it starts
	 * without that part's previous time and cache.  consulted tells
	 * that a result may have needed them, so the piece must be read
	 * again after the part before it.  The year of the piece's first
	 * year-less time is the one exception: it is kept as a guess
	 * (guess_time, guess_year), which time_ctx_guess_holds() checks
	 * against the part before.
	 */
	bool partial, consulted;
	bool guessed;
	struct civil guess_time;
	int guess_year;
};

void time_ctx_init(struct time_ctx *tc, int64_t ref_limit,
    bool has_ref_limit);

/*
 * True when the piece whose state is tc would have given its first
 * year-less time the same year after the part before it, whose state at
 * its end is before; true when it guessed no year.
 */
bool time_ctx_guess_holds(const struct time_ctx *tc,
    const struct time_ctx *before);

/*
 * Completes the state at the end of a piece read apart (tc) with the
 * state at the end of the part before it: what the piece did not set
 * itself is taken from before, and tc is then an ordinary state.
 */
void time_ctx_inherit(struct time_ctx *tc, const struct time_ctx *before);

/*
 * Resolves a civil time of the stream to UTC microseconds.  A missing year
 * is inferred as described above; a missing offset is taken from the
 * selected zone.  In the hour a daylight-saving fall-back repeats, the
 * offset that puts the time closest to the previous record wins, so a
 * repeat that arrives after the clock went back takes the later offset; a
 * time inside a spring-forward gap is read with the offset in force before
 * the gap.  Records the result as the stream's previous time.  Returns
 * false if the civil time is invalid.
 */
bool time_ctx_resolve(struct time_ctx *tc, const struct civil *c,
    int64_t *out);

/*
 * Parses a duration: one or more number-unit pairs ("90s", "5m", "1h30m",
 * "2d"; units us, ms, s, m, h, d, w).  A bare number is seconds.  Returns
 * false on anything else or on a zero or overflowing total.
 */
bool time_parse_duration(const char *s, int64_t *out);

/*
 * Parses a point in time given on the command line or in the config:
 * RFC 3339 with or without zone (no zone means the selected zone),
 * "YYYY-MM-DD" (midnight), or "@" followed by epoch seconds.
 */
bool time_parse_arg(const char *s, int64_t *out);

/*
 * Writes t as RFC 3339 in UTC with a Z.  frac selects the fraction:
 * TIME_FRAC_NONE writes whole seconds (truncating), TIME_FRAC_AUTO writes
 * milliseconds, or microseconds when the sub-millisecond part is not zero.
 * Returns the length; buf must hold TIME_STRLEN bytes.
 */
enum time_frac { TIME_FRAC_NONE, TIME_FRAC_AUTO };
#define TIME_STRLEN 40
size_t time_format(int64_t t, enum time_frac frac, char *buf);

#endif
