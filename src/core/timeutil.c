/*
 * timeutil.c - reading, converting and writing log times.
 *
 * Parsers read civil times into a struct civil; this file checks them,
 * turns them into UTC microseconds (inferring a missing year and applying
 * the selected zone's rules to times without an offset) and writes times
 * back out as RFC 3339.  Calendar arithmetic is done here rather than with
 * mktime() or strptime(), so results depend on neither the locale nor the
 * C library's parsing, and the hot path calls localtime_r() only when a
 * stream's local hour changes.
 */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "timeutil.h"

#define SEC_PER_HOUR	3600
#define SEC_PER_DAY	86400
#define MAX_OFFSET	(18 * SEC_PER_HOUR)	/* the widest offset accepted */
#define ZONEINFO_DIR	"/usr/share/zoneinfo"
#define ZONE_NAME_MAX	128

static char tz_selected[ZONE_NAME_MAX];
static bool tz_is_selected;

static bool
is_digit(char ch)
{
	return (unsigned char)(ch - '0') < 10;
}

static char
lower(char ch)
{
	return (ch >= 'A' && ch <= 'Z') ? ch - 'A' + 'a' : ch;
}

/* Reads exactly n digits at s; returns -1 if any is not a digit. */
static int
read_digits(const char *s, size_t n)
{
	int v = 0;
	size_t i;
	unsigned d;

	for (i = 0; i < n; i++) {
		if ((d = (unsigned char)(s[i] - '0')) > 9)
			return -1;
		v = v * 10 + (int)d;
	}
	return v;
}

static bool
is_leap(int64_t year)
{
	return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
}

static int
month_days(int64_t year, int mon, bool has_year)
{
	static const int days[12] = {
		31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31
	};

	if (mon == 2 && (!has_year || is_leap(year)))
		return 29;
	return days[mon - 1];
}

/* Inverse of time_days_from_civil(). */
static void
civil_from_days(int64_t z, int64_t *year, int *mon, int *day)
{
	int64_t era, doe, yoe, doy, mp;

	z += 719468;
	era = (z >= 0 ? z : z - 146096) / 146097;
	doe = z - era * 146097;
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;
	*day = (int)(doy - (153 * mp + 2) / 5 + 1);
	*mon = (int)(mp < 10 ? mp + 3 : mp - 9);
	*year = yoe + era * 400 + (*mon <= 2);
}

/* The UTC calendar year of t (usec). */
static int64_t
time_year_of(int64_t t)
{
	int64_t year;
	int mon, day;

	civil_from_days(time_floor(t, USEC_PER_DAY) / USEC_PER_DAY, &year,
	    &mon, &day);
	return year;
}

/*
 * Days since 1970-01-01 of a proleptic Gregorian date; negative before.
 * Any year is accepted; mon and day must be in range.
 */
int64_t
time_days_from_civil(int year, int mon, int day)
{
	int64_t y = (int64_t)year - (mon <= 2);
	int64_t era = (y >= 0 ? y : y - 399) / 400;
	int64_t yoe = y - era * 400;
	int64_t doy = (153 * (mon + (mon > 2 ? -3 : 9)) + 2) / 5 + day - 1;
	int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;

	return era * 146097 + doe - 719468;
}

/*
 * UTC microseconds of a civil time taken as UTC, ignoring its year flag
 * and offset.  A leap second (sec 60) is read as 59.
 */
int64_t
time_civil_as_utc(const struct civil *c)
{
	int64_t d = time_days_from_civil(c->year, c->mon, c->day);
	int sec = c->sec > 59 ? 59 : c->sec;

	return ((d * 24 + c->hour) * 60 + c->min) * USEC_PER_MIN +
	    (int64_t)sec * USEC_PER_SEC + c->usec;
}

/*
 * Checks every field's range: the day against the month (Feb 29 only in
 * leap years when the year is known), years 1 to 9999, and offsets within
 * 18 hours.  Returns true when the civil time is usable.
 */
bool
civil_valid(const struct civil *c)
{
	if (c->has_year && (c->year < 1 || c->year > 9999))
		return false;
	if (c->mon < 1 || c->mon > 12 || c->day < 1 ||
	    c->day > month_days(c->year, c->mon, c->has_year))
		return false;
	if (c->hour < 0 || c->hour > 23 || c->min < 0 || c->min > 59 ||
	    c->sec < 0 || c->sec > 60 || c->usec < 0 || c->usec > 999999)
		return false;
	if (c->has_offset && (c->offset < -MAX_OFFSET ||
	    c->offset > MAX_OFFSET))
		return false;
	return true;
}

/*
 * Month number (1..12) of the English abbreviation in the first three
 * bytes of s, any case; 0 if they are not one.  Reads no further than a
 * terminating NUL.
 */
int
time_month_abbr(const char *s)
{
	/* the three bytes in lower case, as one number, each month's */
#define MONTH(a, b, c) ((uint32_t)(a) << 16 | (uint32_t)(b) << 8 | (c))
	static const uint32_t names[12] = {
		MONTH('j', 'a', 'n'), MONTH('f', 'e', 'b'),
		MONTH('m', 'a', 'r'), MONTH('a', 'p', 'r'),
		MONTH('m', 'a', 'y'), MONTH('j', 'u', 'n'),
		MONTH('j', 'u', 'l'), MONTH('a', 'u', 'g'),
		MONTH('s', 'e', 'p'), MONTH('o', 'c', 't'),
		MONTH('n', 'o', 'v'), MONTH('d', 'e', 'c'),
	};
	uint32_t w;
	int i;

	if (s[0] == '\0' || s[1] == '\0' || s[2] == '\0')
		return 0;
	w = MONTH((unsigned char)lower(s[0]), (unsigned char)lower(s[1]),
	    (unsigned char)lower(s[2]));
#undef MONTH
	for (i = 0; i < 12; i++)
		if (names[i] == w)
			return i + 1;
	return 0;
}

/*
 * Reads the digits of an offset after its sign: "hh", "hhmm" or "hh:mm",
 * and with loose_hours also "h" and "h:mm".  Stores seconds in *secs.
 */
static bool
parse_offset_digits(const char *s, size_t n, bool loose_hours, int *secs)
{
	int h, m = 0;

	if (n == 2 || (n == 1 && loose_hours))
		h = read_digits(s, n);
	else if (n == 4 && loose_hours && s[1] == ':') {
		h = read_digits(s, 1);
		m = read_digits(s + 2, 2);
	} else if (n == 4) {
		h = read_digits(s, 2);
		m = read_digits(s + 2, 2);
	} else if (n == 5 && s[2] == ':') {
		h = read_digits(s, 2);
		m = read_digits(s + 3, 2);
	} else
		return false;
	if (h < 0 || m < 0 || m > 59)
		return false;
	*secs = h * SEC_PER_HOUR + m * 60;
	return *secs <= MAX_OFFSET;
}

/* Reads "+..." or "-..." as an offset in seconds east of UTC. */
static bool
parse_signed_offset(const char *s, size_t n, bool loose_hours, int *offset)
{
	int secs;

	if (n < 2 || (s[0] != '+' && s[0] != '-'))
		return false;
	if (!parse_offset_digits(s + 1, n - 1, loose_hours, &secs))
		return false;
	*offset = s[0] == '-' ? -secs : secs;
	return true;
}

static bool
word_eq(const char *s, size_t n, const char *word)
{
	size_t i;

	if (strlen(word) != n)
		return false;
	for (i = 0; i < n; i++)
		if (lower(s[i]) != lower(word[i]))
			return false;
	return true;
}

/* Zone abbreviations as Java's time formatting writes them. */
static const struct zone_abbr {
	const char *name;
	int offset;		/* minutes east of UTC */
} zone_abbrs[] = {
	{ "EST", -300 }, { "EDT", -240 }, { "CST", -360 }, { "CDT", -300 },
	{ "MST", -420 }, { "MDT", -360 }, { "PST", -480 }, { "PDT", -420 },
	{ "AKST", -540 }, { "AKDT", -480 }, { "HST", -600 },
	{ "CET", 60 }, { "CEST", 120 }, { "EET", 120 }, { "EEST", 180 },
	{ "WET", 0 }, { "WEST", 60 }, { "BST", 60 }, { "IST", 330 },
	{ "JST", 540 }, { "KST", 540 }, { "AEST", 600 }, { "AEDT", 660 },
	{ "MSK", 180 },
};

/*
 * Parses a zone designator: "Z", "UTC", "GMT", "UT" (any case), a numeric
 * offset "+hh", "+hhmm" or "+hh:mm", one of those names followed by an
 * offset whose hour may have one digit ("GMT+2", "UTC-03:30"), or a Java
 * zone abbreviation.  Stores seconds east of UTC in *offset.  Returns false
 * for anything else or for an offset beyond 18 hours.
 */
bool
time_parse_zone(const char *s, size_t n, int *offset)
{
	static const char *const utc_names[] = { "UTC", "GMT", "UT" };
	size_t i, len;

	if (n == 1 && (s[0] == 'Z' || s[0] == 'z')) {
		*offset = 0;
		return true;
	}
	if (n > 0 && (s[0] == '+' || s[0] == '-'))
		return parse_signed_offset(s, n, false, offset);
	for (i = 0; i < sizeof(utc_names) / sizeof(utc_names[0]); i++) {
		len = strlen(utc_names[i]);
		if (n < len || !word_eq(s, len, utc_names[i]))
			continue;
		if (n == len) {
			*offset = 0;
			return true;
		}
		return parse_signed_offset(s + len, n - len, true, offset);
	}
	for (i = 0; i < sizeof(zone_abbrs) / sizeof(zone_abbrs[0]); i++) {
		if (word_eq(s, n, zone_abbrs[i].name)) {
			*offset = zone_abbrs[i].offset * 60;
			return true;
		}
	}
	return false;
}

/* Reads ".digits" at s (up to end); returns bytes used, 0 if none. */
static size_t
parse_fraction(const char *s, const char *end, int32_t *usec)
{
	const char *p = s + 1;
	int32_t v = 0;
	int nd = 0;

	if (s >= end || *s != '.')
		return 0;
	for (; p < end && is_digit(*p); p++, nd++)
		if (nd < 6)
			v = v * 10 + (*p - '0');
	if (nd == 0)
		return 0;
	for (; nd < 6; nd++)
		v *= 10;
	*usec = v;
	return (size_t)(p - s);
}

/*
 * Parses "YYYY-MM-DD[Tt ]HH:MM:SS[.frac][zone]" using exactly n bytes.  The
 * zone is "Z", "z", "+hh:mm", "+hhmm" or "+hh" (either sign).  Fills *c
 * and returns true when the text is such a time and the fields are valid.
 */
bool
time_parse_iso(const char *s, size_t n, struct civil *c)
{
	const char *end = s + n;
	size_t used;

	if (n < 19 || s[4] != '-' || s[7] != '-' || s[13] != ':' ||
	    s[16] != ':' || (s[10] != 'T' && s[10] != 't' && s[10] != ' '))
		return false;
	memset(c, 0, sizeof(*c));
	c->year = read_digits(s, 4);
	c->mon = read_digits(s + 5, 2);
	c->day = read_digits(s + 8, 2);
	c->hour = read_digits(s + 11, 2);
	c->min = read_digits(s + 14, 2);
	c->sec = read_digits(s + 17, 2);
	if (c->year < 0 || c->mon < 0 || c->day < 0 || c->hour < 0 ||
	    c->min < 0 || c->sec < 0)
		return false;
	c->has_year = true;

	s += 19;
	if (s < end && *s == '.') {
		if ((used = parse_fraction(s, end, &c->usec)) == 0)
			return false;
		s += used;
	}
	if (s < end) {
		if (*s != 'Z' && *s != 'z' && *s != '+' && *s != '-')
			return false;
		if (!time_parse_zone(s, (size_t)(end - s), &c->offset))
			return false;
		c->has_offset = true;
	}
	return civil_valid(c);
}

/* A zone name is a relative path of letters, digits and "_+-/". */
static bool
zone_name_ok(const char *name)
{
	const char *p;

	if (name[0] == '/' || name[0] == '.' || strstr(name, "..") != NULL ||
	    strlen(name) >= ZONE_NAME_MAX - 1)
		return false;
	for (p = name; *p != '\0'; p++) {
		if (!(is_digit(*p) || (lower(*p) >= 'a' && lower(*p) <= 'z') ||
		    *p == '_' || *p == '+' || *p == '-' || *p == '/'))
			return false;
	}
	return true;
}

/* True when the zone database holds a regular file for name. */
static bool
zone_file_exists(const char *name)
{
	char path[sizeof(ZONEINFO_DIR) + ZONE_NAME_MAX];
	struct stat st;
	int len;

	len = snprintf(path, sizeof(path), "%s/%s", ZONEINFO_DIR, name);
	if (len < 0 || (size_t)len >= sizeof(path))
		return false;
	return stat(path, &st) == 0 && S_ISREG(st.st_mode);
}

/*
 * The TZ the process started with: the user's own zone, which "the
 * machine's zone" means when it is set.  Saved at the first selection.
 */
static char tz_startup[ZONE_NAME_MAX];
static bool tz_startup_saved, tz_startup_set;

static void
tz_save_startup(void)
{
	const char *env = getenv("TZ");

	if (tz_startup_saved)
		return;
	tz_startup_saved = true;
	if (env != NULL && strlen(env) < sizeof(tz_startup)) {
		memcpy(tz_startup, env, strlen(env) + 1);
		tz_startup_set = true;
	}
}

/* Fills the static error message, replacing unprintable bytes. */
static const char *
tz_error(const char *name)
{
	static char msg[ZONE_NAME_MAX + 32];
	size_t i, len;

	len = (size_t)snprintf(msg, sizeof(msg), "unknown time zone \"%.*s\"",
	    ZONE_NAME_MAX, name);
	for (i = 0; i < len && i < sizeof(msg) - 1; i++)
		if ((unsigned char)msg[i] < 0x20 || msg[i] == 0x7f)
			msg[i] = '?';
	return msg;
}

/*
 * Selects the zone used for times without an offset, for the whole
 * process, by setting TZ: "UTC" or "GMT" (any case), a zone database name
 * such as "Europe/Berlin", or NULL or "" for the machine's own zone (the
 * TZ the process started with, else /etc/localtime).  Returns 0, or -1
 * with a static message in *err (when err is not NULL) if the zone is not
 * known; the previous zone then stays selected.  Call it before creating
 * stream contexts, whose caches assume one zone.
 */
int
tz_select(const char *name, const char **err)
{
	char env[ZONE_NAME_MAX + 1];

	tz_save_startup();
	if (name == NULL || name[0] == '\0') {
		if (tz_startup_set)
			setenv("TZ", tz_startup, 1);
		else
			unsetenv("TZ");
		tz_is_selected = false;
	} else if (word_eq(name, strlen(name), "UTC") ||
	    word_eq(name, strlen(name), "GMT")) {
		setenv("TZ", "UTC0", 1);
		snprintf(tz_selected, sizeof(tz_selected), "UTC");
		tz_is_selected = true;
	} else if (zone_name_ok(name) && zone_file_exists(name)) {
		snprintf(env, sizeof(env), ":%s", name);
		setenv("TZ", env, 1);
		snprintf(tz_selected, sizeof(tz_selected), "%s", name);
		tz_is_selected = true;
	} else {
		if (err != NULL)
			*err = tz_error(name);
		return -1;
	}
	tzset();
	return 0;
}

/*
 * Name of the selected zone: the name given to tz_select(), or for the
 * machine's zone the TZ the process started with or the name
 * /etc/localtime points to, else "localtime".  The string is static.
 */
const char *
tz_name(void)
{
	static char machine[ZONE_NAME_MAX];
	const char *p;
	ssize_t len;

	if (tz_is_selected)
		return tz_selected;
	if (tz_startup_set && tz_startup[0] != '\0')
		return tz_startup[0] == ':' ? tz_startup + 1 : tz_startup;
	len = readlink("/etc/localtime", machine, sizeof(machine) - 1);
	if (len <= 0)
		return "localtime";
	machine[len] = '\0';
	if ((p = strstr(machine, "zoneinfo/")) == NULL)
		return "localtime";
	return p + strlen("zoneinfo/");
}

/* Seconds east of UTC of the selected zone at the UTC instant t (usec). */
int
tz_offset_at(int64_t t)
{
	time_t secs = (time_t)(time_floor(t, USEC_PER_SEC) / USEC_PER_SEC);
	struct tm tm;

	if (localtime_r(&secs, &tm) == NULL)
		return 0;
	return (int)tm.tm_gmtoff;
}

/*
 * Starts the state of one stream.  ref_limit is the time no record of the
 * stream is expected to exceed (the file's mtime, or the current time);
 * without one, year inference uses the clock at the time of the call.
 */
void
time_ctx_init(struct time_ctx *tc, int64_t ref_limit, bool has_ref_limit)
{
	memset(tc, 0, sizeof(*tc));
	tc->ref_limit = ref_limit;
	tc->has_ref_limit = has_ref_limit;
}

void
time_ctx_inherit(struct time_ctx *tc, const struct time_ctx *before)
{
	if (!tc->has_prev && before->has_prev) {
		tc->prev = before->prev;
		tc->has_prev = true;
	}
	if (!tc->cache_set) {
		tc->cache_set = before->cache_set;
		tc->cache_hour = before->cache_hour;
		tc->cache_off[0] = before->cache_off[0];
		tc->cache_off[1] = before->cache_off[1];
		tc->cache_n = before->cache_n;
	}
	tc->partial = tc->consulted = tc->guessed = false;
}

/*
 * The offsets that local time l (usec, read as if UTC) may have: two in a
 * fall-back's repeated hour (the one before the change first), one
 * otherwise; in a spring-forward gap, the offset before the gap.  *steady
 * tells that the offset is the same a day before and a day after, so no
 * change is near.
 */
static int
local_offsets(int64_t l, int off[2], bool *steady)
{
	int before = tz_offset_at(l - USEC_PER_DAY);
	int after = tz_offset_at(l + USEC_PER_DAY);
	int n = 0;

	*steady = before == after;
	if (*steady) {
		off[0] = before;
		return 1;
	}
	if (tz_offset_at(l - (int64_t)before * USEC_PER_SEC) == before)
		off[n++] = before;
	if (tz_offset_at(l - (int64_t)after * USEC_PER_SEC) == after)
		off[n++] = after;
	if (n == 0)
		off[n++] = before;
	return n;
}

/*
 * Fills the context's cache for the local hour starting at hour (usec).
 * A change of offset almost always falls on a local hour; when it does
 * not (as in zones that shift by 30 minutes), the hour's two ends differ
 * and the cache is left empty so every time of that hour is looked up.
 */
static void
cache_fill(struct time_ctx *tc, int64_t hour)
{
	int first[2], last[2];
	bool steady;
	int n, m;

	tc->cache_n = 0;
	tc->cache_set = true;
	n = local_offsets(hour, first, &steady);
	if (!steady) {
		m = local_offsets(hour + USEC_PER_HOUR - 1, last, &steady);
		if (n != m || first[0] != last[0] ||
		    (n == 2 && first[1] != last[1]))
			return;
	}
	tc->cache_hour = hour;
	tc->cache_off[0] = first[0];
	tc->cache_off[1] = first[n - 1];
	tc->cache_n = n;
}

static int64_t
abs64(int64_t v)
{
	return v < 0 ? -v : v;
}

/* UTC of local time l in the selected zone; see time_ctx_resolve(). */
static int64_t
local_to_utc(struct time_ctx *tc, int64_t l)
{
	int64_t hour = time_floor(l, USEC_PER_HOUR);
	int64_t u0, u1;
	bool steady;
	int off[2];
	int n;

	if (tc->cache_n == 0 || tc->cache_hour != hour)
		cache_fill(tc, hour);
	if (tc->cache_n != 0 && tc->cache_hour == hour) {
		n = tc->cache_n;
		off[0] = tc->cache_off[0];
		off[1] = tc->cache_off[1];
	} else
		n = local_offsets(l, off, &steady);

	u0 = l - (int64_t)off[0] * USEC_PER_SEC;
	if (n == 1)
		return u0;
	if (!tc->has_prev) {
		tc->consulted |= tc->partial;
		return u0;
	}
	u1 = l - (int64_t)off[1] * USEC_PER_SEC;
	return abs64(u1 - tc->prev) < abs64(u0 - tc->prev) ? u1 : u0;
}

/* UTC of c in the given year, or false if the date does not exist then. */
static bool
year_candidate(struct time_ctx *tc, const struct civil *c, int64_t year,
    int64_t *out)
{
	struct civil y = *c;
	int approx;

	y.year = (int)year;
	y.has_year = true;
	if (!civil_valid(&y))
		return false;

	/*
	 * Years are a year apart, so an approximate offset serves to
	 * compare them; the exact one is applied once the year is chosen.
	 */
	if (c->has_offset)
		approx = c->offset;
	else {
		/* an empty cache may be the state before a piece */
		approx = tc->cache_n != 0 ? tc->cache_off[0] : 0;
		tc->consulted |= tc->partial && tc->cache_n == 0;
	}
	*out = time_civil_as_utc(&y) - (int64_t)approx * USEC_PER_SEC;
	return true;
}

/*
 * Chooses the year of a year-less civil time: the one closest to the
 * previous record, else the latest that keeps the time at most a day
 * (for clock skew) past the reference limit or the current time.  Years
 * further back are tried only for Feb 29, which needs a leap year.
 */
static bool
infer_year_from(struct time_ctx *tc, const struct civil *c, int *year)
{
	int64_t ref, base, y, t, best = 0;
	bool found = false;

	if (tc->has_prev)
		ref = tc->prev;
	else if (tc->has_ref_limit)
		ref = tc->ref_limit;
	else
		ref = (int64_t)time(NULL) * USEC_PER_SEC;
	base = time_year_of(ref);

	for (y = base + 1; y >= base - 4; y--) {
		if (!year_candidate(tc, c, y, &t))
			continue;
		if (tc->has_prev) {
			if (!found || abs64(t - ref) < best) {
				best = abs64(t - ref);
				*year = (int)y;
				found = true;
			}
		} else if (t <= ref + USEC_PER_DAY) {
			*year = (int)y;
			return true;
		}
	}
	return found;
}

/*
 * infer_year_from(), except that in a piece read apart the year of the
 * first year-less time, which had no previous record to go by, is kept as
 * a guess for time_ctx_guess_holds() to check; a second such time marks
 * the piece as depending on the part before.
 */
static bool
infer_year(struct time_ctx *tc, const struct civil *c, int *year)
{
	bool guess = tc->partial && !tc->has_prev, consulted = tc->consulted;
	bool found = infer_year_from(tc, c, year);

	if (!guess)
		return found;
	if (tc->guessed) {
		tc->consulted = true;
	} else {
		tc->consulted = consulted;	/* checked with the guess */
		tc->guessed = true;
		tc->guess_time = *c;
		tc->guess_year = found ? *year : INT_MIN;
	}
	return found;
}

bool
time_ctx_guess_holds(const struct time_ctx *tc, const struct time_ctx *before)
{
	struct time_ctx t = *before;
	int year;

	if (!tc->guessed)
		return true;
	t.partial = false;
	if (!infer_year_from(&t, &tc->guess_time, &year))
		return tc->guess_year == INT_MIN;
	return year == tc->guess_year;
}

/*
 * Resolves a civil time of the stream to UTC microseconds in *out,
 * inferring a missing year and applying the selected zone to a time
 * without an offset (see timeutil.h).  Records the result as the stream's
 * previous time.  Returns false, leaving the stream's state alone, if the
 * civil time is invalid.
 */
bool
time_ctx_resolve(struct time_ctx *tc, const struct civil *c, int64_t *out)
{
	struct civil y = *c;
	int64_t l;

	if (!civil_valid(c))
		return false;
	if (!c->has_year) {
		if (!infer_year(tc, c, &y.year))
			return false;
		y.has_year = true;
	}

	l = time_civil_as_utc(&y);
	if (y.has_offset)
		*out = l - (int64_t)y.offset * USEC_PER_SEC;
	else
		*out = local_to_utc(tc, l);
	tc->prev = *out;
	tc->has_prev = true;
	return true;
}

/* Reads a run of digits as a non-negative int64; false on overflow. */
static bool
read_number(const char **sp, int64_t *v)
{
	const char *s = *sp;

	if (!is_digit(*s))
		return false;
	for (*v = 0; is_digit(*s); s++) {
		if (*v > (INT64_MAX - (*s - '0')) / 10)
			return false;
		*v = *v * 10 + (*s - '0');
	}
	*sp = s;
	return true;
}

/* Reads a duration unit; returns its length in usec, or 0. */
static int64_t
read_unit(const char **sp)
{
	static const struct {
		const char *name;
		int64_t usec;
	} units[] = {
		{ "us", 1 }, { "ms", 1000 }, { "s", USEC_PER_SEC },
		{ "m", USEC_PER_MIN }, { "h", USEC_PER_HOUR },
		{ "d", USEC_PER_DAY }, { "w", 7 * USEC_PER_DAY },
	};
	size_t i, len;

	for (i = 0; i < sizeof(units) / sizeof(units[0]); i++) {
		len = strlen(units[i].name);
		if (strncmp(*sp, units[i].name, len) == 0) {
			*sp += len;
			return units[i].usec;
		}
	}
	return 0;
}

/*
 * Parses a duration: number-unit pairs such as "90s", "1h30m" or "2d"
 * (units us, ms, s, m, h, d, w), or a bare number of seconds.  Stores
 * microseconds in *out.  Returns false on any other text, or when the
 * total is zero or does not fit.
 */
bool
time_parse_duration(const char *s, int64_t *out)
{
	int64_t total = 0, v, unit;

	if (s == NULL || *s == '\0')
		return false;
	if (!read_number(&s, &v))
		return false;
	if (*s == '\0') {
		if (v == 0 || v > INT64_MAX / USEC_PER_SEC)
			return false;
		*out = v * USEC_PER_SEC;
		return true;
	}
	for (;;) {
		if ((unit = read_unit(&s)) == 0 || v > INT64_MAX / unit ||
		    total > INT64_MAX - v * unit)
			return false;
		total += v * unit;
		if (*s == '\0')
			break;
		if (!read_number(&s, &v))
			return false;
	}
	if (total == 0)
		return false;
	*out = total;
	return true;
}

/* Reads "@" and epoch seconds, possibly negative. */
static bool
parse_epoch_arg(const char *s, int64_t *out)
{
	bool neg = false;
	int64_t v;

	if (*s == '-') {
		neg = true;
		s++;
	}
	if (!read_number(&s, &v) || *s != '\0' ||
	    v > INT64_MAX / USEC_PER_SEC)
		return false;
	*out = (neg ? -v : v) * USEC_PER_SEC;
	return true;
}

/*
 * Parses a point in time from the command line or the config: RFC 3339
 * (without a zone, read in the selected zone), "YYYY-MM-DD" (midnight in
 * the selected zone) or "@" and epoch seconds.  Stores UTC microseconds
 * in *out; returns false when the text is none of these.
 */
bool
time_parse_arg(const char *s, int64_t *out)
{
	struct time_ctx tc;
	struct civil c;
	size_t n;

	if (s == NULL)
		return false;
	if (s[0] == '@')
		return parse_epoch_arg(s + 1, out);
	n = strlen(s);
	if (n == 10) {
		memset(&c, 0, sizeof(c));
		if (s[4] != '-' || s[7] != '-' ||
		    (c.year = read_digits(s, 4)) < 0 ||
		    (c.mon = read_digits(s + 5, 2)) < 0 ||
		    (c.day = read_digits(s + 8, 2)) < 0)
			return false;
		c.has_year = true;
	} else if (!time_parse_iso(s, n, &c))
		return false;
	time_ctx_init(&tc, 0, false);
	return time_ctx_resolve(&tc, &c, out);
}

/*
 * Writes t as RFC 3339 in UTC with a Z into buf, which must hold
 * TIME_STRLEN bytes, and returns the length.  TIME_FRAC_NONE truncates to
 * whole seconds; TIME_FRAC_AUTO writes milliseconds, or microseconds when
 * the sub-millisecond part is not zero.  Times before 1970 round down.
 */
size_t
time_format(int64_t t, enum time_frac frac, char *buf)
{
	int64_t secs = time_floor(t, USEC_PER_SEC) / USEC_PER_SEC;
	int64_t days = time_floor(secs, SEC_PER_DAY) / SEC_PER_DAY;
	int64_t sod = secs - days * SEC_PER_DAY, year;
	int usec = (int)(t - secs * USEC_PER_SEC);
	int mon, day, len;

	civil_from_days(days, &year, &mon, &day);
	len = snprintf(buf, TIME_STRLEN, "%04lld-%02d-%02dT%02d:%02d:%02d",
	    (long long)year, mon, day, (int)(sod / 3600),
	    (int)(sod / 60 % 60), (int)(sod % 60));
	if (len < 0 || len >= TIME_STRLEN - 9)
		len = 0;
	if (frac == TIME_FRAC_AUTO && usec % 1000 != 0)
		len += snprintf(buf + len, TIME_STRLEN - len, ".%06d", usec);
	else if (frac == TIME_FRAC_AUTO)
		len += snprintf(buf + len, TIME_STRLEN - len, ".%03d",
		    usec / 1000);
	buf[len++] = 'Z';
	buf[len] = '\0';
	return (size_t)len;
}
