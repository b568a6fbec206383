/*
 * test_engine.c - the aggregation (engine) and the filters in front of it
 * (detect): the worked example of detection.md section 7, the derived
 * columns, ScanType, the thresholds at N-1, N and N+1 (B036), bins that
 * split a scan (B031), the earliest event's vendor, lateness, merging and
 * duplicates; then verdict classes under both profiles, internal and
 * trusted sources, ports, stray UDP replies (B044) and the period.
 *
 * Every expected value is worked out from detection.md and pitfalls.md.
 */
#include "testutil.h"

#include <stdio.h>
#include <stdlib.h>

#include "core/timeutil.h"
#include "engine/detect.h"
#include "engine/engine.h"

/* 2026-03-01 h:m:s.ms UTC, the day of the worked example. */
static int64_t
T(int h, int m, int s, int ms)
{
	int64_t day = time_days_from_civil(2026, 3, 1);

	return (day * 86400 + h * 3600 + m * 60 + s) * USEC_PER_SEC +
	    (int64_t)ms * 1000;
}

static struct addr
A(const char *s)
{
	struct addr a;

	assert_true(addr_parse(s, strlen(s), &a));
	return a;
}

static struct str
S(const char *z)
{
	return (struct str){ z, strlen(z) };
}

/* Findings collected by the callback, with copies of their strings. */
#define SINK_MAX 64
struct sink {
	struct finding f[SINK_MAX];
	char vendor[SINK_MAX][32], product[SINK_MAX][32];
	size_t n;
};

static void
collect(const struct finding *f, void *arg)
{
	struct sink *k = arg;

	assert_true(k->n < SINK_MAX);
	k->f[k->n] = *f;
	snprintf(k->vendor[k->n], 32, "%.*s", (int)f->vendor.n, f->vendor.p);
	snprintf(k->product[k->n], 32, "%.*s", (int)f->product.n,
	    f->product.p);
	k->f[k->n].vendor = S(k->vendor[k->n]);
	k->f[k->n].product = S(k->product[k->n]);
	k->n++;
}

static int
finding_order(const void *a, const void *b)
{
	const struct finding *x = a, *y = b;

	if (x->bin != y->bin)
		return x->bin < y->bin ? -1 : 1;
	return addr_cmp(&x->src, &y->src);
}

/* Sorts by bin then source; vendor copies move with their rows. */
static void
sink_sort(struct sink *k)
{
	for (size_t i = 0; i < k->n; i++)
		for (size_t j = i + 1; j < k->n; j++)
			if (finding_order(&k->f[j], &k->f[i]) < 0) {
				struct finding t = k->f[i];
				char v[32], p[32];

				k->f[i] = k->f[j], k->f[j] = t;
				memcpy(v, k->vendor[i], 32);
				memcpy(k->vendor[i], k->vendor[j], 32);
				memcpy(k->vendor[j], v, 32);
				memcpy(p, k->product[i], 32);
				memcpy(k->product[i], k->product[j], 32);
				memcpy(k->product[j], p, 32);
			}
	for (size_t i = 0; i < k->n; i++) {
		k->f[i].vendor = S(k->vendor[i]);
		k->f[i].product = S(k->product[i]);
	}
}

/* The finding of src in bin, or NULL. */
static const struct finding *
sink_find(const struct sink *k, const char *src, int64_t bin)
{
	struct addr a = A(src);

	for (size_t i = 0; i < k->n; i++)
		if (addr_eq(&k->f[i].src, &a) && k->f[i].bin == bin)
			return &k->f[i];
	return NULL;
}

static struct engine_opts
opts_default(void)
{
	struct engine_opts o;

	memset(&o, 0, sizeof(o));
	o.bin = 5 * USEC_PER_MIN;
	o.min_ports = 10;
	o.min_hosts = 5;
	o.min_attempts = 30;
	o.lateness = ENGINE_KEEP_ALL;
	return o;
}

static struct engine_event
EV(int64_t t, const char *src, const char *dst, uint16_t port, uint64_t seq)
{
	struct engine_event ev;

	memset(&ev, 0, sizeof(ev));
	ev.time = t;
	ev.src = A(src);
	ev.dst = A(dst);
	ev.has_dst = true;
	ev.dport = port;
	ev.count_port = true;
	ev.seq = seq;
	ev.dedup_key = seq + 1;
	ev.vendor = S("ExampleCo");
	ev.product = S("EdgeFW");
	ev.vp = ENGINE_NO_VP;
	return ev;
}

static const uint16_t example_ports[12] = {
	21, 22, 23, 25, 53, 80, 110, 139, 143, 443, 445, 3389
};

/* The times of the worked example: 10:06:01.250, ten more 10 s apart,
 * and 10:07:59.900. */
static int64_t
example_time(int i)
{
	return i == 11 ? T(10, 7, 59, 900) : T(10, 6, 1, 250) +
	    i * 10 * USEC_PER_SEC;
}

static void
assert_worked_example(const struct finding *f)
{
	assert_non_null(f);
	assert_true(f->bin == T(10, 5, 0, 0));
	assert_addr_eq(f->src, "203.0.113.50");
	assert_string_equal(f->scan_type, "Port Scan");
	assert_int_equal(f->ports, 12);
	assert_int_equal(f->hosts, 1);
	assert_int_equal(f->attempts, 12);
	assert_int_equal(f->duration, 118);
	assert_int_equal(f->per_minute, 12);
	assert_true(f->first == T(10, 6, 1, 250));
	assert_true(f->last == T(10, 7, 59, 900));
	assert_int_equal(f->nport_list, 12);
	for (int i = 0; i < 12; i++)
		assert_int_equal(f->port_list[i], example_ports[i]);
}

static void
test_worked_example(void **state)
{
	struct engine_opts o = opts_default();
	struct sink k = { .n = 0 };
	struct engine *e = engine_new(&o, collect, &k);

	(void)state;

	/* fed in reverse time order; the earliest carries its own vendor */
	for (int i = 11; i >= 0; i--) {
		struct engine_event ev = EV(example_time(i), "203.0.113.50",
		    "192.0.2.10", example_ports[(i * 5) % 12],
		    (uint64_t)(11 - i));

		if (i == 0) {
			ev.vendor = S("Earliest");
			ev.product = S("FW");
		}
		engine_add(e, &ev);
	}
	assert_int_equal(k.n, 0);
	engine_flush(e);
	assert_int_equal(k.n, 1);
	assert_worked_example(&k.f[0]);
	assert_str_eq(k.f[0].vendor, "Earliest");
	assert_str_eq(k.f[0].product, "FW");
	assert_int_equal(engine_stats(e)->added, 12);
	assert_int_equal(engine_stats(e)->groups, 1);
	assert_int_equal(engine_stats(e)->bins_closed, 1);
	assert_int_equal(engine_stats(e)->groups_open, 0);
	engine_free(e);
}

static void
test_per_minute(void **state)
{
	struct engine_opts o = opts_default();
	struct sink k = { .n = 0 };
	struct engine *e = engine_new(&o, collect, &k);
	const struct finding *f;
	char dst[32];

	(void)state;

	/* 45 attempts from 10:01:50 to 10:02:10: M = 1, 45 per minute */
	for (int i = 0; i < 45; i++) {
		struct engine_event ev;
		int64_t t = i == 44 ? T(10, 2, 10, 0) :
		    T(10, 1, 50, 0) + i * 400 * 1000;

		snprintf(dst, sizeof(dst), "192.0.2.%d", i + 1);
		ev = EV(t, "198.51.100.1", dst, 445, (uint64_t)i);
		engine_add(e, &ev);
	}

	/* 30 attempts from 10:00:59 to 10:04:00: M = 4, 30 / 4 = 7 */
	for (int i = 0; i < 30; i++) {
		struct engine_event ev;
		int64_t t = i == 0 ? T(10, 0, 59, 0) : i == 29 ?
		    T(10, 4, 0, 0) : T(10, 2, i, 0);

		snprintf(dst, sizeof(dst), "192.0.2.%d", i % 6 + 1);
		ev = EV(t, "198.51.100.2", dst, 22, (uint64_t)(100 + i));
		engine_add(e, &ev);
	}

	/* 12 attempts inside one minute: M = 0, taken as 1 */
	for (int i = 0; i < 12; i++) {
		struct engine_event ev = EV(T(10, 3, 10 + i, 999),
		    "198.51.100.3", "192.0.2.1", (uint16_t)(1000 + i),
		    (uint64_t)(200 + i));

		engine_add(e, &ev);
	}
	engine_flush(e);
	assert_int_equal(k.n, 3);

	f = sink_find(&k, "198.51.100.1", T(10, 0, 0, 0));
	assert_non_null(f);
	assert_int_equal(f->attempts, 45);
	assert_int_equal(f->hosts, 45);
	assert_int_equal(f->ports, 1);
	assert_int_equal(f->per_minute, 45);
	assert_int_equal(f->duration, 20);
	assert_string_equal(f->scan_type, "IP Block Sweep");

	f = sink_find(&k, "198.51.100.2", T(10, 0, 0, 0));
	assert_non_null(f);
	assert_int_equal(f->attempts, 30);
	assert_int_equal(f->hosts, 6);
	assert_int_equal(f->per_minute, 7);
	assert_int_equal(f->duration, 181);
	assert_string_equal(f->scan_type, "Limited IP Sweep");

	f = sink_find(&k, "198.51.100.3", T(10, 0, 0, 0));
	assert_non_null(f);
	assert_int_equal(f->attempts, 12);
	assert_int_equal(f->per_minute, 12);
	assert_int_equal(f->duration, 11);
	engine_free(e);
}

static void
test_scan_type(void **state)
{
	struct engine_opts o = opts_default();
	struct sink k = { .n = 0 };
	struct engine *e;

	(void)state;
	assert_string_equal(engine_scan_type(9, 0), "Suspicious Probe");
	assert_string_equal(engine_scan_type(10, 0), "Port Scan");
	assert_string_equal(engine_scan_type(19, 1), "Port Scan");
	assert_string_equal(engine_scan_type(20, 1), "Aggressive Port Scan");
	assert_string_equal(engine_scan_type(1, 4), "Suspicious Probe");
	assert_string_equal(engine_scan_type(1, 5), "Limited IP Sweep");
	assert_string_equal(engine_scan_type(1, 9), "Limited IP Sweep");
	assert_string_equal(engine_scan_type(1, 10), "IP Block Sweep");
	assert_string_equal(engine_scan_type(9, 10), "IP Block Sweep");
	assert_string_equal(engine_scan_type(10, 10), "Port Scan");
	assert_string_equal(engine_scan_type(20, 10), "Aggressive Port Scan");
	assert_string_equal(engine_scan_type(0, 0), "Suspicious Probe");

	/* with a lower port threshold a Suspicious Probe is a finding */
	o.min_ports = 3;
	e = engine_new(&o, collect, &k);
	for (int i = 0; i < 3; i++) {
		struct engine_event ev = EV(T(10, 0, i, 0), "203.0.113.9",
		    "192.0.2.1", (uint16_t)(22 + i), (uint64_t)i);

		engine_add(e, &ev);
	}
	engine_flush(e);
	assert_int_equal(k.n, 1);
	assert_string_equal(k.f[0].scan_type, "Suspicious Probe");
	assert_int_equal(k.f[0].ports, 3);
	engine_free(e);
}

/* Adds attempts events from src over nports ports and nhosts hosts. */
static void
add_group(struct engine *e, const char *src, uint32_t nports,
    uint32_t nhosts, uint32_t attempts, uint64_t *seq)
{
	char dst[32];

	for (uint32_t i = 0; i < attempts; i++) {
		struct engine_event ev;

		snprintf(dst, sizeof(dst), "192.0.2.%u", i % nhosts + 1);
		ev = EV(T(10, 1, 0, 0) + (int64_t)i * 1000, src, dst,
		    (uint16_t)(1000 + i % nports), (*seq)++);
		engine_add(e, &ev);
	}
}

static void
test_thresholds(void **state)
{
	struct engine_opts o = opts_default();
	struct sink k = { .n = 0 };
	struct engine *e = engine_new(&o, collect, &k);
	int64_t bin = T(10, 0, 0, 0);
	uint64_t seq = 0;

	(void)state;

	/* B036: distinct ports 9, 10, 11 against N = 10 */
	add_group(e, "203.0.113.9", 9, 1, 9, &seq);
	add_group(e, "203.0.113.10", 10, 1, 10, &seq);
	add_group(e, "203.0.113.11", 11, 1, 11, &seq);

	/* distinct hosts 4, 5, 6 against N = 5, with 30 attempts */
	add_group(e, "198.51.100.4", 1, 4, 30, &seq);
	add_group(e, "198.51.100.5", 1, 5, 30, &seq);
	add_group(e, "198.51.100.6", 1, 6, 30, &seq);

	/* attempts 29, 30, 31 against N = 30, with 5 hosts */
	add_group(e, "2001:db8::29", 1, 5, 29, &seq);
	add_group(e, "2001:db8::30", 1, 5, 30, &seq);
	add_group(e, "2001:db8::31", 1, 5, 31, &seq);
	engine_flush(e);

	assert_int_equal(k.n, 6);
	assert_null(sink_find(&k, "203.0.113.9", bin));
	assert_non_null(sink_find(&k, "203.0.113.10", bin));
	assert_int_equal(sink_find(&k, "203.0.113.10", bin)->ports, 10);
	assert_non_null(sink_find(&k, "203.0.113.11", bin));
	assert_null(sink_find(&k, "198.51.100.4", bin));
	assert_non_null(sink_find(&k, "198.51.100.5", bin));
	assert_int_equal(sink_find(&k, "198.51.100.5", bin)->hosts, 5);
	assert_non_null(sink_find(&k, "198.51.100.6", bin));
	assert_null(sink_find(&k, "2001:db8::29", bin));
	assert_non_null(sink_find(&k, "2001:db8::30", bin));
	assert_int_equal(sink_find(&k, "2001:db8::30", bin)->attempts, 30);
	assert_non_null(sink_find(&k, "2001:db8::31", bin));
	assert_int_equal(engine_stats(e)->groups, 9);
	engine_free(e);
}

/* B031: 4 ports in 10:03-10:04:59 and 4 in 10:05-10:06 are two bins. */
static void
split_scan(uint32_t min_ports, struct sink *k)
{
	struct engine_opts o = opts_default();
	struct engine *e;
	static const int64_t when[8][2] = {
		{ 3, 0 }, { 3, 40 }, { 4, 20 }, { 4, 59 },
		{ 5, 0 }, { 5, 30 }, { 6, 0 }, { 6, 59 },
	};

	o.min_ports = min_ports;
	e = engine_new(&o, collect, k);
	for (int i = 0; i < 8; i++) {
		struct engine_event ev = EV(T(10, (int)when[i][0],
		    (int)when[i][1], i == 3 ? 999 : 0), "203.0.113.140",
		    "192.0.2.10", (uint16_t)(20 + i), (uint64_t)i);

		engine_add(e, &ev);
	}
	engine_flush(e);
	engine_free(e);
}

static void
test_bin_split(void **state)
{
	struct sink k = { .n = 0 };
	const struct finding *f;

	(void)state;
	split_scan(5, &k);
	assert_int_equal(k.n, 0);
	split_scan(8, &k);
	assert_int_equal(k.n, 0);

	split_scan(4, &k);
	assert_int_equal(k.n, 2);
	f = sink_find(&k, "203.0.113.140", T(10, 0, 0, 0));
	assert_non_null(f);
	assert_int_equal(f->ports, 4);
	assert_int_equal(f->port_list[0], 20);
	assert_int_equal(f->port_list[3], 23);
	assert_true(f->last == T(10, 4, 59, 999));
	f = sink_find(&k, "203.0.113.140", T(10, 5, 0, 0));
	assert_non_null(f);
	assert_int_equal(f->ports, 4);
	assert_int_equal(f->port_list[0], 24);
	assert_true(f->first == T(10, 5, 0, 0));
}

/* Runs twelve ports where events 0 and 1 tie on the earliest time. */
static void
earliest_run(bool low_seq_first, struct sink *k)
{
	struct engine_opts o = opts_default();
	struct engine *e = engine_new(&o, collect, k);
	struct engine_event a, b;

	/* a later event with the lowest seq of all does not win */
	a = EV(T(10, 1, 30, 0), "203.0.113.7", "192.0.2.1", 1, 0);
	a.vendor = S("Later");
	engine_add(e, &a);

	a = EV(T(10, 1, 0, 0), "203.0.113.7", "192.0.2.1", 2, 3);
	a.vendor = S("SeqThree");
	a.product = S("P3");
	b = EV(T(10, 1, 0, 0), "203.0.113.7", "192.0.2.1", 3, 5);
	b.vendor = S("SeqFive");
	b.product = S("P5");
	if (low_seq_first) {
		engine_add(e, &a);
		engine_add(e, &b);
	} else {
		engine_add(e, &b);
		engine_add(e, &a);
	}
	for (int i = 0; i < 9; i++) {
		struct engine_event ev = EV(T(10, 2, i, 0), "203.0.113.7",
		    "192.0.2.1", (uint16_t)(100 + i), (uint64_t)(10 + i));

		ev.vendor = S("Other");
		engine_add(e, &ev);
	}
	engine_flush(e);
	engine_free(e);
}

static void
test_earliest_vendor(void **state)
{
	struct sink k = { .n = 0 };

	(void)state;
	earliest_run(true, &k);
	earliest_run(false, &k);
	assert_int_equal(k.n, 2);
	for (int i = 0; i < 2; i++) {
		assert_int_equal(k.f[i].ports, 12);
		assert_str_eq(k.f[i].vendor, "SeqThree");
		assert_str_eq(k.f[i].product, "P3");
		assert_true(k.f[i].first == T(10, 1, 0, 0));
		assert_true(k.f[i].last == T(10, 2, 8, 0));
	}
}

static void
test_intern(void **state)
{
	struct engine_opts o = opts_default();
	struct sink k = { .n = 0 };
	struct engine *e = engine_new(&o, collect, &k);
	uint32_t id, id2, empty;

	(void)state;
	empty = engine_intern(e, STR_NULL, STR_NULL);
	assert_int_equal(empty, 0);
	id = engine_intern(e, S("Interned"), S("Box"));
	id2 = engine_intern(e, S("Interned"), S("Box"));
	assert_int_equal(id, id2);
	assert_int_not_equal(id, engine_intern(e, S("Interned"), S("Box2")));
	assert_int_not_equal(id, engine_intern(e, S("InternedBox"), S("")));
	for (int i = 0; i < 10; i++) {
		struct engine_event ev = EV(T(10, 1, 0, 0), "203.0.113.8",
		    "192.0.2.1", (uint16_t)i + 1, (uint64_t)i);

		ev.vp = id;
		ev.vendor = S("Ignored");
		engine_add(e, &ev);
	}
	engine_flush(e);
	assert_int_equal(k.n, 1);
	assert_str_eq(k.f[0].vendor, "Interned");
	assert_str_eq(k.f[0].product, "Box");
	engine_free(e);
}

/*
 * Pairs that differ only in a first byte, so alike in length and last
 * bytes: each group still reports its own earliest vendor and product,
 * however the engine remembers the pairs it interned last.
 */
static void
test_intern_alike(void **state)
{
	static const char *const vendors[] = { "AX", "BX", "AX", "CX", "BX" };
	struct engine_opts o = opts_default();
	struct sink k = { .n = 0 };
	struct engine *e = engine_new(&o, collect, &k);
	char src[32];

	(void)state;
	for (int g = 0; g < 5; g++) {
		snprintf(src, sizeof(src), "203.0.113.%d", 70 + g);
		for (int i = 0; i < 10; i++) {
			struct engine_event ev = EV(T(10, 1, g, 0), src,
			    "192.0.2.1", (uint16_t)(i + 1),
			    (uint64_t)(g * 10 + i));

			ev.vendor = S(vendors[g]);
			ev.product = S(g == 4 ? "Q" : "P");
			engine_add(e, &ev);
		}
	}
	engine_flush(e);
	assert_int_equal(k.n, 5);
	sink_sort(&k);
	for (int g = 0; g < 5; g++) {
		assert_str_eq(k.f[g].vendor, vendors[g]);
		assert_str_eq(k.f[g].product, g == 4 ? "Q" : "P");
	}
	engine_free(e);
}

/* Ten ports from 203.0.113.60, one a second from t0. */
static void
add_scan(struct engine *e, int64_t t0, uint64_t *seq)
{
	for (int i = 0; i < 10; i++) {
		struct engine_event ev = EV(t0 + i * USEC_PER_SEC,
		    "203.0.113.60", "192.0.2.1", (uint16_t)(1 + i), (*seq)++);

		engine_add(e, &ev);
	}
}

static void
add_one(struct engine *e, int64_t t, const char *src, uint16_t port,
    uint64_t *seq)
{
	struct engine_event ev = EV(t, src, "192.0.2.1", port, (*seq)++);

	engine_add(e, &ev);
}

static void
test_lateness_zero(void **state)
{
	struct engine_opts o = opts_default();
	struct sink k = { .n = 0 };
	struct engine *e;
	uint64_t seq = 0;

	(void)state;
	o.lateness = 0;
	e = engine_new(&o, collect, &k);
	add_scan(e, T(10, 1, 0, 0), &seq);

	/* the bin [10:00, 10:05) stays open until the newest reaches 10:05 */
	add_one(e, T(10, 4, 59, 999) + 999, "198.51.100.1", 80, &seq);
	assert_int_equal(k.n, 0);
	assert_int_equal(engine_stats(e)->bins_closed, 0);
	add_one(e, T(10, 5, 0, 0), "198.51.100.1", 80, &seq);
	assert_int_equal(k.n, 1);
	assert_int_equal(engine_stats(e)->bins_closed, 1);
	assert_int_equal(k.f[0].ports, 10);
	assert_true(k.f[0].bin == T(10, 0, 0, 0));

	/* an event of the closed bin is late, not counted */
	add_one(e, T(10, 4, 0, 0), "203.0.113.60", 99, &seq);
	assert_int_equal(engine_stats(e)->late, 1);
	assert_int_equal(engine_stats(e)->added, 12);

	/* another event of the open bin is counted */
	add_one(e, T(10, 5, 0, 0), "198.51.100.2", 80, &seq);
	assert_int_equal(engine_stats(e)->added, 13);
	engine_flush(e);
	assert_int_equal(k.n, 1);
	assert_int_equal(engine_stats(e)->bins_closed, 2);
	engine_free(e);
}

static void
test_lateness_minute(void **state)
{
	struct engine_opts o = opts_default();
	struct sink k = { .n = 0 };
	struct engine *e;
	uint64_t seq = 0;

	(void)state;
	o.lateness = USEC_PER_MIN;
	e = engine_new(&o, collect, &k);
	add_scan(e, T(10, 1, 0, 0), &seq);

	/* newest 10:05:59.999999: 10:04:59.999999 is the limit, still open */
	add_one(e, T(10, 5, 59, 999) + 999, "198.51.100.1", 80, &seq);
	add_one(e, T(10, 4, 30, 0), "203.0.113.60", 11, &seq);
	assert_int_equal(engine_stats(e)->late, 0);
	assert_int_equal(k.n, 0);

	/* newest 10:06:00 closes it, with the eleventh port */
	add_one(e, T(10, 6, 0, 0), "198.51.100.1", 80, &seq);
	assert_int_equal(k.n, 1);
	assert_int_equal(k.f[0].ports, 11);
	assert_int_equal(k.f[0].attempts, 11);
	add_one(e, T(10, 4, 59, 0), "203.0.113.60", 12, &seq);
	assert_int_equal(engine_stats(e)->late, 1);
	engine_flush(e);
	assert_int_equal(k.n, 1);
	engine_free(e);
}

/* Asserts that two sorted sinks hold the same findings, field by field. */
static void
assert_same_findings(const struct sink *x, const struct sink *y)
{
	assert_int_equal(x->n, y->n);
	for (size_t i = 0; i < x->n; i++) {
		const struct finding *a = &x->f[i], *b = &y->f[i];

		assert_true(a->bin == b->bin);
		assert_true(addr_eq(&a->src, &b->src));
		assert_string_equal(a->scan_type, b->scan_type);
		assert_int_equal(a->ports, b->ports);
		assert_int_equal(a->hosts, b->hosts);
		assert_int_equal(a->attempts, b->attempts);
		assert_int_equal(a->per_minute, b->per_minute);
		assert_int_equal(a->duration, b->duration);
		assert_true(a->first == b->first);
		assert_true(a->last == b->last);
		assert_str_eq(a->vendor, b->vendor.p);
		assert_str_eq(a->product, b->product.p);
		assert_int_equal(a->nport_list, b->nport_list);
		assert_memory_equal(a->port_list, b->port_list,
		    a->nport_list * sizeof(a->port_list[0]));
	}
}

#define MERGE_EVENTS 400

/*
 * The events of the merge test: three sources over two bins.  Source
 * 203.0.113.1 scans 60 ports in bin 10:00, every fourth event a repeat
 * of the one before (same dedup key), but event 3; 2001:db8::1 sweeps 40
 * hosts in bins 10:00 and 10:05; 198.51.100.1 has 3 attempts only.  The
 * earliest time of 203.0.113.1 is shared by events 3 and 4.
 */
static struct engine_event
merge_event(int i)
{
	struct engine_event ev;
	char dst[40];

	if (i < 240) {
		int j = i % 4 == 3 ? i - 1 : i;	/* repeats of i - 1 */

		ev = EV(T(10, 2, 0, 0) + j * USEC_PER_SEC / 4, "203.0.113.1",
		    "192.0.2.1", (uint16_t)(1 + j / 4), (uint64_t)i);
		ev.dedup_key = (uint64_t)j + 1000;
		if (i == 3 || i == 4) {
			ev.time = T(10, 1, 0, 0);
			ev.dedup_key = (uint64_t)i + 5000;
		}
		ev.vendor = S(i == 3 ? "Three" : i == 4 ? "Four" : "Rest");
		return ev;
	}
	if (i < 397) {
		snprintf(dst, sizeof(dst), "2001:db8:1::%x", (i - 240) % 40);
		ev = EV(i < 320 ? T(10, 4, 0, 0) + i * 1000 :
		    T(10, 9, 0, 0) - i * 1000, "2001:db8::1", dst,
		    (uint16_t)(i % 3 + 22), (uint64_t)i);
		return ev;
	}
	return EV(T(10, 3, 0, 0), "198.51.100.1", "192.0.2.9", 80,
	    (uint64_t)i);
}

static void
merge_compare(bool dedup)
{
	struct engine_opts o = opts_default();
	static struct sink one, two, three;
	struct engine *e1, *e2, *e3;
	const struct finding *f;

	o.dedup = dedup;
	memset(&one, 0, sizeof(one));
	memset(&two, 0, sizeof(two));
	memset(&three, 0, sizeof(three));
	e1 = engine_new(&o, collect, &one);
	e2 = engine_new(&o, collect, &two);
	e3 = engine_new(&o, collect, &three);
	for (int i = 0; i < MERGE_EVENTS; i++) {
		struct engine_event ev = merge_event(i);

		engine_add(e1, &ev);
		engine_add(i % 2 == 0 ? e2 : e3, &ev);
	}
	assert_int_equal(engine_merge(e2, e3), 0);
	assert_int_equal(engine_stats(e3)->groups_open, 0);
	engine_flush(e3);
	assert_int_equal(three.n, 0);
	engine_flush(e1);
	engine_flush(e2);
	sink_sort(&one);
	sink_sort(&two);
	assert_same_findings(&one, &two);
	assert_int_equal(engine_stats(e1)->duplicates,
	    engine_stats(e2)->duplicates);

	/* worked out: 3 findings; 59 repeats; the earliest is seq 3 */
	assert_int_equal(one.n, 3);
	f = sink_find(&one, "203.0.113.1", T(10, 0, 0, 0));
	assert_non_null(f);
	assert_int_equal(f->ports, 60);
	assert_int_equal(f->attempts, dedup ? 181 : 240);
	assert_int_equal(f->nport_list, 50);
	assert_int_equal(f->port_list[49], 50);
	assert_str_eq(f->vendor, "Three");
	assert_int_equal(engine_stats(e1)->duplicates, dedup ? 59 : 0);
	f = sink_find(&one, "2001:db8::1", T(10, 0, 0, 0));
	assert_non_null(f);
	assert_int_equal(f->hosts, 40);
	assert_int_equal(f->attempts, 80);
	assert_string_equal(f->scan_type, "IP Block Sweep");
	f = sink_find(&one, "2001:db8::1", T(10, 5, 0, 0));
	assert_non_null(f);
	assert_int_equal(f->attempts, 77);
	assert_int_equal(f->ports, 3);
	engine_free(e1);
	engine_free(e2);
	engine_free(e3);
}

static void
test_merge(void **state)
{
	(void)state;
	merge_compare(false);
	merge_compare(true);
}

static void
test_merge_direction(void **state)
{
	struct engine_opts o = opts_default();
	struct sink k = { .n = 0 };
	struct engine *e2, *e3, *empty;

	(void)state;

	/* merging odd into even or even into odd picks the same vendor */
	for (int dir = 0; dir < 2; dir++) {
		e2 = engine_new(&o, collect, &k);
		e3 = engine_new(&o, collect, &k);
		empty = engine_new(&o, collect, &k);
		for (int i = 0; i < 240; i++) {
			struct engine_event ev = merge_event(i);

			engine_add(i % 2 == 0 ? e2 : e3, &ev);
		}
		assert_int_equal(engine_merge(dir ? e3 : e2, dir ? e2 : e3),
		    0);
		assert_int_equal(engine_merge(dir ? e3 : e2, empty), 0);
		assert_int_equal(engine_merge(empty, dir ? e3 : e2), 0);
		engine_flush(e2);
		engine_flush(e3);
		engine_flush(empty);
		engine_free(e2);
		engine_free(e3);
		engine_free(empty);
	}
	assert_int_equal(k.n, 2);
	assert_str_eq(k.f[0].vendor, "Three");
	assert_str_eq(k.f[1].vendor, "Three");
	assert_int_equal(k.f[0].attempts, 240);
	assert_int_equal(k.f[1].attempts, 240);
}

static void
test_dedup(void **state)
{
	struct engine_opts o = opts_default();
	struct sink k = { .n = 0 };
	struct engine *e;
	struct engine_event ev;

	(void)state;
	o.min_ports = 1;
	for (int on = 0; on < 2; on++) {
		o.dedup = on;
		e = engine_new(&o, collect, &k);
		ev = EV(T(10, 1, 0, 0), "203.0.113.20", "192.0.2.1", 22, 1);
		ev.dedup_key = 77;
		engine_add(e, &ev);
		ev.seq = 2;
		engine_add(e, &ev);

		/* the same key from another source or bin is no repeat */
		ev.src = A("203.0.113.21");
		engine_add(e, &ev);
		ev.src = A("203.0.113.20");
		ev.time = T(10, 6, 0, 0);
		engine_add(e, &ev);

		/* key 0 is a key too */
		ev.dedup_key = 0;
		engine_add(e, &ev);
		engine_add(e, &ev);
		engine_flush(e);
		assert_int_equal(engine_stats(e)->duplicates, on ? 2 : 0);
		engine_free(e);
	}
	assert_int_equal(k.n, 6);
	sink_sort(&k);
	/* bin 10:00: .20 off, .20 on, .21 off, .21 on; bin 10:05: .20 x2 */
	assert_int_equal(k.f[0].attempts + k.f[1].attempts, 3);
	assert_int_equal(k.f[2].attempts, 1);
	assert_int_equal(k.f[3].attempts, 1);
	assert_int_equal(k.f[4].attempts + k.f[5].attempts, 5);
	assert_int_equal(k.f[0].ports, 1);
}

static void
test_port_not_counted(void **state)
{
	struct engine_opts o = opts_default();
	struct sink k = { .n = 0 };
	struct engine *e = engine_new(&o, collect, &k);
	char dst[32];

	(void)state;

	/* 30 attempts to 5 hosts, none with a counted port */
	for (int i = 0; i < 30; i++) {
		struct engine_event ev;

		snprintf(dst, sizeof(dst), "192.0.2.%d", i % 5 + 1);
		ev = EV(T(10, 1, i, 0), "203.0.113.77", dst,
		    (uint16_t)(40000 + i), (uint64_t)i);
		ev.count_port = false;
		engine_add(e, &ev);
	}
	engine_flush(e);
	assert_int_equal(k.n, 1);
	assert_int_equal(k.f[0].ports, 0);
	assert_int_equal(k.f[0].nport_list, 0);
	assert_int_equal(k.f[0].hosts, 5);
	assert_int_equal(k.f[0].attempts, 30);
	assert_string_equal(k.f[0].scan_type, "Limited IP Sweep");
	engine_free(e);

	/* events without a destination are attempts, not hosts */
	k.n = 0;
	e = engine_new(&o, collect, &k);
	for (int i = 0; i < 10; i++) {
		struct engine_event ev = EV(T(10, 1, i, 0), "203.0.113.78",
		    "::", (uint16_t)(1 + i), (uint64_t)i);

		ev.has_dst = i == 9;
		engine_add(e, &ev);
	}
	engine_flush(e);
	assert_int_equal(k.n, 1);
	assert_int_equal(k.f[0].ports, 10);
	assert_int_equal(k.f[0].hosts, 1);
	assert_int_equal(k.f[0].attempts, 10);
	engine_free(e);
}

/* detect: events as parsers give them. */

static struct event
DE(int64_t t, const char *src, int port, int proto, const char *action)
{
	struct event ev;

	event_clear(&ev);
	ev.time = t;
	ev.has_time = true;
	if (src != NULL) {
		ev.src = A(src);
		ev.has_src = true;
	}
	ev.dst = A("192.0.2.10");
	ev.has_dst = true;
	if (port >= 0) {
		ev.dport = (uint16_t)port;
		ev.has_dport = true;
	}
	ev.proto = (int16_t)proto;
	ev.action = action ? S(action) : STR_NULL;
	ev.vendor = S("ExampleCo");
	ev.product = S("EdgeFW");
	return ev;
}

static enum action_class
classify(const char *action, const char *hint, enum profile p)
{
	struct event ev = DE(0, "203.0.113.1", 22, PROTO_TCP, action);

	ev.action_hint = hint ? S(hint) : STR_NULL;
	return detect_classify(&ev, p);
}

static void
test_classify_default(void **state)
{
	const enum profile p = PROFILE_DEFAULT;

	(void)state;
	action_vocab_reset();
	assert_int_equal(classify("Deny", NULL, p), ACTION_DENY);
	assert_int_equal(classify("blocked", NULL, p), ACTION_DENY);
	assert_int_equal(classify("REJECT", NULL, p), ACTION_DENY);
	assert_int_equal(classify("denied", NULL, p), ACTION_DENY);
	assert_int_equal(classify("reset-both", NULL, p), ACTION_DENY);
	assert_int_equal(classify("accept", NULL, p), ACTION_ALLOW);
	assert_int_equal(classify("permitted", NULL, p), ACTION_ALLOW);
	assert_int_equal(classify("alert", NULL, p), ACTION_OTHER);
	assert_int_equal(classify("frobnicate", NULL, p), ACTION_UNKNOWN);

	/* a verdict word inside a longer action */
	assert_int_equal(classify("policy DROP", NULL, p), ACTION_DENY);
	assert_int_equal(classify("[UFW BLOCK]", NULL, p), ACTION_DENY);
	assert_int_equal(classify("rule 5 pass", NULL, p), ACTION_ALLOW);

	/* the hint is read only when the action is empty */
	assert_int_equal(classify(NULL, "Inbound deny", p), ACTION_DENY);
	assert_int_equal(classify(NULL, "Connection accepted", p),
	    ACTION_ALLOW);
	assert_int_equal(classify(NULL, "Port probe", p), ACTION_NONE);
	assert_int_equal(classify(NULL, NULL, p), ACTION_NONE);
	assert_int_equal(classify("allow", "Inbound deny", p), ACTION_ALLOW);
}

static void
test_classify_sentinel(void **state)
{
	const enum profile p = PROFILE_SENTINEL;

	(void)state;
	action_vocab_reset();
	assert_int_equal(classify("Deny", NULL, p), ACTION_DENY);
	assert_int_equal(classify("DROP", NULL, p), ACTION_DENY);
	assert_int_equal(classify("block", NULL, p), ACTION_DENY);
	assert_int_equal(classify("rEjEcT", NULL, p), ACTION_DENY);

	/* only those four whole words */
	assert_int_equal(classify("blocked", NULL, p), ACTION_OTHER);
	assert_int_equal(classify("denied", NULL, p), ACTION_OTHER);
	assert_int_equal(classify("dropped", NULL, p), ACTION_OTHER);
	assert_int_equal(classify("reset-both", NULL, p), ACTION_OTHER);
	assert_int_equal(classify("policy DROP", NULL, p), ACTION_OTHER);
	assert_int_equal(classify("Drop ", NULL, p), ACTION_OTHER);
	assert_int_equal(classify("accept", NULL, p), ACTION_OTHER);
	assert_int_equal(classify(NULL, "Inbound deny", p), ACTION_NONE);
	assert_int_equal(classify(NULL, NULL, p), ACTION_NONE);
}

/* A detection with its options, collecting findings into a sink. */
struct det {
	struct detect_opts o;
	struct detect *d;
	struct sink k;
};

static void
det_open(struct det *x, enum profile p)
{
	memset(x, 0, sizeof(*x));
	detect_opts_default(&x->o);
	x->o.profile = p;
}

static void
det_start(struct det *x)
{
	x->d = detect_new(&x->o, collect, &x->k);
	assert_non_null(x->d);
}

static void
det_close(struct det *x)
{
	detect_free(x->d);
	detect_opts_free(&x->o);
}

static enum detect_outcome
judge(struct det *x, const char *src, int port, int proto, const char *act)
{
	struct event ev = DE(T(10, 1, 0, 0), src, port, proto, act);

	return detect_event(x->d, &ev, 0);
}

/* Feeds the worked example from src; returns how many were counted. */
static int
feed_example(struct det *x, const char *src)
{
	int counted = 0;

	for (int i = 0; i < 12; i++) {
		struct event ev = DE(example_time(i), src,
		    example_ports[i], PROTO_TCP, "Deny");

		counted += detect_event(x->d, &ev, (uint64_t)i) ==
		    DETECT_COUNTED;
	}
	return counted;
}

static void
test_detect_example(void **state)
{
	struct det x;
	const struct finding *f;

	(void)state;
	det_open(&x, PROFILE_DEFAULT);
	det_start(&x);
	assert_int_equal(feed_example(&x, "203.0.113.50"), 12);
	assert_int_equal(feed_example(&x, "172.20.0.5"), 0);
	assert_int_equal(feed_example(&x, "172.32.0.9"), 12);
	detect_flush(x.d);
	assert_int_equal(x.k.n, 2);
	assert_worked_example(sink_find(&x.k, "203.0.113.50",
	    T(10, 5, 0, 0)));
	f = sink_find(&x.k, "172.32.0.9", T(10, 5, 0, 0));
	assert_non_null(f);
	assert_int_equal(f->ports, 12);
	assert_int_equal(detect_counts(x.d)->outcome[DETECT_INTERNAL], 12);
	assert_int_equal(detect_counts(x.d)->outcome[DETECT_COUNTED], 24);
	assert_int_equal(detect_counts(x.d)->by_class[ACTION_DENY], 36);
	det_close(&x);

	det_open(&x, PROFILE_SENTINEL);
	det_start(&x);
	assert_int_equal(feed_example(&x, "203.0.113.50"), 12);
	assert_int_equal(feed_example(&x, "172.20.0.5"), 0);
	assert_int_equal(feed_example(&x, "172.32.0.9"), 0);
	detect_flush(x.d);
	assert_int_equal(x.k.n, 1);
	assert_worked_example(&x.k.f[0]);
	assert_int_equal(detect_counts(x.d)->outcome[DETECT_INTERNAL], 24);
	det_close(&x);
}

static void
test_detect_sources(void **state)
{
	struct det x;

	(void)state;
	det_open(&x, PROFILE_DEFAULT);
	det_start(&x);
	assert_int_equal(judge(&x, "172.20.0.5", 22, 6, "drop"),
	    DETECT_INTERNAL);
	assert_int_equal(judge(&x, "172.32.0.9", 22, 6, "drop"),
	    DETECT_COUNTED);
	assert_int_equal(judge(&x, "::ffff:10.1.2.3", 22, 6, "drop"),
	    DETECT_INTERNAL);
	assert_int_equal(judge(&x, "100.64.0.1", 22, 6, "drop"),
	    DETECT_INTERNAL);
	assert_int_equal(judge(&x, "fd00::1", 22, 6, "drop"),
	    DETECT_INTERNAL);
	assert_int_equal(judge(&x, "fe80::1", 22, 6, "drop"),
	    DETECT_INTERNAL);
	assert_int_equal(judge(&x, "2001:db8::1", 22, 6, "drop"),
	    DETECT_COUNTED);
	assert_int_equal(judge(&x, "192.169.0.1", 22, 6, "drop"),
	    DETECT_COUNTED);
	assert_int_equal(judge(&x, NULL, 22, 6, "drop"), DETECT_NO_SOURCE);
	assert_int_equal(judge(&x, "203.0.113.1", 22, 6, "accept"),
	    DETECT_NOT_DENY);
	assert_int_equal(judge(&x, "203.0.113.1", 22, 6, "xyzzy"),
	    DETECT_NOT_DENY);
	assert_int_equal(judge(&x, "203.0.113.1", 22, 6, NULL),
	    DETECT_NOT_DENY);
	assert_int_equal(detect_counts(x.d)->by_class[ACTION_UNKNOWN], 1);
	assert_int_equal(detect_counts(x.d)->by_class[ACTION_NONE], 1);
	assert_int_equal(detect_counts(x.d)->by_class[ACTION_ALLOW], 1);
	det_close(&x);

	/* the reference's text test: all of 172/8, no IPv6 */
	det_open(&x, PROFILE_SENTINEL);
	det_start(&x);
	assert_int_equal(judge(&x, "172.32.0.9", 22, 6, "Drop"),
	    DETECT_INTERNAL);
	assert_int_equal(judge(&x, "172.217.0.1", 22, 6, "Drop"),
	    DETECT_INTERNAL);
	assert_int_equal(judge(&x, "10.0.0.1", 22, 6, "Drop"),
	    DETECT_INTERNAL);
	assert_int_equal(judge(&x, "192.168.1.1", 22, 6, "Drop"),
	    DETECT_INTERNAL);
	assert_int_equal(judge(&x, "::ffff:10.1.2.3", 22, 6, "Drop"),
	    DETECT_INTERNAL);
	assert_int_equal(judge(&x, "192.169.0.1", 22, 6, "Drop"),
	    DETECT_COUNTED);
	assert_int_equal(judge(&x, "100.64.0.1", 22, 6, "Drop"),
	    DETECT_COUNTED);
	assert_int_equal(judge(&x, "127.0.0.1", 22, 6, "Drop"),
	    DETECT_COUNTED);
	assert_int_equal(judge(&x, "fd00::1", 22, 6, "Drop"),
	    DETECT_COUNTED);
	assert_int_equal(judge(&x, "::1", 22, 6, "Drop"), DETECT_COUNTED);
	assert_int_equal(judge(&x, "203.0.113.1", 22, 6, "blocked"),
	    DETECT_NOT_DENY);
	det_close(&x);
}

static void
test_detect_trusted(void **state)
{
	const char *err = NULL;
	struct det x;

	(void)state;
	for (int p = 0; p < 2; p++) {
		det_open(&x, p ? PROFILE_SENTINEL : PROFILE_DEFAULT);
		assert_int_equal(range_set_add(&x.o.trusted,
		    "198.51.100.0/24", 15, &err), 0);
		assert_int_equal(range_set_add(&x.o.trusted,
		    "2001:db8:ff::/48", 16, &err), 0);
		det_start(&x);
		assert_int_equal(judge(&x, "198.51.100.14", 22, 6, "Deny"),
		    DETECT_TRUSTED);
		assert_int_equal(judge(&x, "::ffff:198.51.100.14", 22, 6,
		    "Deny"), DETECT_TRUSTED);
		assert_int_equal(judge(&x, "198.51.101.14", 22, 6, "Deny"),
		    DETECT_COUNTED);
		assert_int_equal(judge(&x, "2001:db8:ff::7", 22, 6, "Deny"),
		    DETECT_TRUSTED);
		assert_int_equal(judge(&x, "2001:db8:fe::7", 22, 6, "Deny"),
		    DETECT_COUNTED);
		assert_int_equal(
		    detect_counts(x.d)->outcome[DETECT_TRUSTED], 3);
		det_close(&x);
	}
}

/*
 * Ranges that start or end inside a /16, cover several whole /16s, or
 * hold all of IPv4 from an IPv6 prefix: every address either side of each
 * edge.  The internal edges are those of 100.64.0.0/10 and 172.16.0.0/12.
 */
static void
test_detect_range_edges(void **state)
{
	static const struct {
		const char *src;
		enum detect_outcome want;
	} cases[] = {
		{ "100.63.255.255", DETECT_COUNTED },
		{ "100.64.0.0", DETECT_INTERNAL },
		{ "100.127.255.255", DETECT_INTERNAL },
		{ "100.128.0.0", DETECT_COUNTED },
		{ "172.15.255.255", DETECT_COUNTED },
		{ "172.16.0.0", DETECT_INTERNAL },
		{ "172.31.255.255", DETECT_INTERNAL },
		{ "172.32.0.0", DETECT_COUNTED },
		{ "198.51.100.127", DETECT_COUNTED },
		{ "198.51.100.128", DETECT_TRUSTED },
		{ "198.51.100.255", DETECT_TRUSTED },
		{ "198.51.101.0", DETECT_COUNTED },
		{ "8.7.255.255", DETECT_COUNTED },
		{ "8.8.0.0", DETECT_TRUSTED },
		{ "8.9.255.255", DETECT_TRUSTED },
		{ "8.10.0.0", DETECT_COUNTED },
		{ "9.255.255.255", DETECT_COUNTED },
		{ "11.0.0.0", DETECT_TRUSTED },
		{ "11.255.255.255", DETECT_TRUSTED },
		{ "12.0.0.0", DETECT_COUNTED },
		{ "203.0.113.9", DETECT_COUNTED },
	};
	const char *err = NULL;
	struct det x;

	(void)state;
	det_open(&x, PROFILE_DEFAULT);
	assert_int_equal(range_set_add(&x.o.trusted, "198.51.100.128/25", 17,
	    &err), 0);
	assert_int_equal(range_set_add(&x.o.trusted, "8.8.0.0/15", 10, &err),
	    0);
	assert_int_equal(range_set_add(&x.o.trusted, "11.0.0.0/8", 10, &err),
	    0);
	det_start(&x);
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
		assert_int_equal(judge(&x, cases[i].src, 22, 6, "Deny"),
		    cases[i].want);
	det_close(&x);

	/* ::/1 holds every IPv4-mapped address, and fewer IPv6 ones */
	det_open(&x, PROFILE_DEFAULT);
	assert_int_equal(range_set_add(&x.o.trusted, "::/1", 4, &err), 0);
	det_start(&x);
	assert_int_equal(judge(&x, "203.0.113.9", 22, 6, "Deny"),
	    DETECT_TRUSTED);
	assert_int_equal(judge(&x, "255.255.255.255", 22, 6, "Deny"),
	    DETECT_INTERNAL);
	assert_int_equal(judge(&x, "1.0.0.0", 22, 6, "Deny"),
	    DETECT_TRUSTED);
	assert_int_equal(judge(&x, "2001:db8::1", 22, 6, "Deny"),
	    DETECT_TRUSTED);
	assert_int_equal(judge(&x, "8000::1", 22, 6, "Deny"),
	    DETECT_COUNTED);
	det_close(&x);
}

static void
test_detect_ports(void **state)
{
	struct det x;
	char dst[32];

	(void)state;
	det_open(&x, PROFILE_DEFAULT);
	det_start(&x);
	assert_int_equal(judge(&x, "203.0.113.1", -1, PROTO_ICMP, "Deny"),
	    DETECT_NO_PORT);
	assert_int_equal(judge(&x, "203.0.113.1", 0, PROTO_TCP, "Deny"),
	    DETECT_PORT_ZERO);
	assert_int_equal(judge(&x, "203.0.113.1", 1, PROTO_TCP, "Deny"),
	    DETECT_COUNTED);
	assert_int_equal(judge(&x, "203.0.113.1", 65535, PROTO_TCP, "Deny"),
	    DETECT_COUNTED);
	det_close(&x);

	/*
	 * --include-portless: 30 attempts without a port (or port 0) at 5
	 * hosts are a sweep; they are hosts and attempts, never ports.
	 */
	for (int portless = 0; portless < 2; portless++) {
		det_open(&x, PROFILE_DEFAULT);
		x.o.portless = portless;
		det_start(&x);
		for (int i = 0; i < 30; i++) {
			struct event ev = DE(T(10, 0, i, 0), "203.0.113.77",
			    i % 2 ? 0 : -1, i % 2 ? PROTO_TCP : 47, "Deny");

			snprintf(dst, sizeof(dst), "192.0.2.%d", i % 5 + 1);
			ev.dst = A(dst);
			detect_event(x.d, &ev, (uint64_t)i);
		}
		detect_flush(x.d);
		if (!portless) {
			assert_int_equal(x.k.n, 0);
			assert_int_equal(detect_counts(x.d)->outcome[
			    DETECT_NO_PORT], 15);
			assert_int_equal(detect_counts(x.d)->outcome[
			    DETECT_PORT_ZERO], 15);
		} else {
			assert_int_equal(x.k.n, 1);
			assert_int_equal(x.k.f[0].ports, 0);
			assert_int_equal(x.k.f[0].hosts, 5);
			assert_int_equal(x.k.f[0].attempts, 30);
			assert_string_equal(x.k.f[0].scan_type,
			    "Limited IP Sweep");
			assert_int_equal(detect_counts(x.d)->portless, 30);
		}
		det_close(&x);
	}
}

/* Feeds one UDP or TCP event of source 198.51.100.53. */
static void
feed_packet(struct det *x, int proto, int sport, int dport, uint64_t seq)
{
	struct event ev = DE(T(10, 0, 0, 0) + (int64_t)seq, "198.51.100.53",
	    dport, proto, "drop");

	ev.sport = (uint16_t)sport;
	ev.has_sport = true;
	assert_int_equal(detect_event(x->d, &ev, seq), DETECT_COUNTED);
}

static void
test_stray_udp(void **state)
{
	struct det x;

	(void)state;
	for (int stray = 0; stray < 2; stray++) {
		det_open(&x, PROFILE_DEFAULT);
		x.o.stray_udp = stray;
		x.o.engine.min_ports = 1;
		det_start(&x);

		/* B044: late DNS replies to ephemeral ports */
		feed_packet(&x, PROTO_UDP, 53, 41873, 0);
		feed_packet(&x, PROTO_UDP, 53, 50212, 1);
		feed_packet(&x, PROTO_UDP, 123, 32768, 2);

		/* not stray: below the ephemeral range, a non-service
		 * source port, TCP, and a real UDP probe of port 53 */
		feed_packet(&x, PROTO_UDP, 53, 32767, 3);
		feed_packet(&x, PROTO_UDP, 40000, 41000, 4);
		feed_packet(&x, PROTO_TCP, 53, 41874, 5);
		feed_packet(&x, PROTO_UDP, 40000, 53, 6);
		detect_flush(x.d);
		assert_int_equal(x.k.n, 1);
		assert_int_equal(x.k.f[0].attempts, 7);
		if (stray) {
			assert_int_equal(x.k.f[0].ports, 4);
			assert_int_equal(x.k.f[0].port_list[0], 53);
			assert_int_equal(x.k.f[0].port_list[1], 32767);
			assert_int_equal(x.k.f[0].port_list[2], 41000);
			assert_int_equal(x.k.f[0].port_list[3], 41874);
			assert_int_equal(detect_counts(x.d)->stray_udp, 3);
		} else {
			assert_int_equal(x.k.f[0].ports, 7);
			assert_int_equal(detect_counts(x.d)->stray_udp, 0);
		}
		det_close(&x);
	}
}

/* One counted-or-not event of source 203.0.113.33 at t, port p. */
static enum detect_outcome
at(struct det *x, int64_t t, int port, uint64_t seq)
{
	struct event ev = DE(t, "203.0.113.33", port, PROTO_TCP, "deny");

	return detect_event(x->d, &ev, seq);
}

static void
test_period_absolute(void **state)
{
	struct det x;

	(void)state;
	det_open(&x, PROFILE_DEFAULT);
	x.o.has_since = x.o.has_until = true;
	x.o.since = T(10, 0, 0, 0);
	x.o.until = T(11, 0, 0, 0);
	x.o.engine.min_ports = 1;
	det_start(&x);
	assert_int_equal(at(&x, x.o.since - 1, 1, 0), DETECT_OUTSIDE_PERIOD);
	assert_int_equal(at(&x, x.o.since, 2, 1), DETECT_COUNTED);
	assert_int_equal(at(&x, x.o.until - 1, 3, 2), DETECT_COUNTED);
	assert_int_equal(at(&x, x.o.until, 4, 3), DETECT_OUTSIDE_PERIOD);
	detect_flush(x.d);
	assert_int_equal(x.k.n, 2);
	assert_int_equal(detect_counts(x.d)->outcome[DETECT_OUTSIDE_PERIOD],
	    2);
	det_close(&x);
}

static void
test_period_last_now(void **state)
{
	struct det x;

	(void)state;
	det_open(&x, PROFILE_DEFAULT);
	x.o.has_last = x.o.has_now = true;
	x.o.last = USEC_PER_HOUR;
	x.o.now = T(11, 0, 0, 0);
	x.o.engine.min_ports = 1;
	det_start(&x);

	/* newer than now - last: exactly at it is out */
	assert_int_equal(at(&x, T(10, 0, 0, 0), 1, 0),
	    DETECT_OUTSIDE_PERIOD);
	assert_int_equal(at(&x, T(10, 0, 0, 0) + 1, 2, 1), DETECT_COUNTED);
	assert_int_equal(at(&x, T(9, 59, 0, 0), 3, 2),
	    DETECT_OUTSIDE_PERIOD);
	assert_int_equal(at(&x, T(10, 59, 0, 0), 4, 3), DETECT_COUNTED);

	/* now ends the period: at it is in, after it is out */
	assert_int_equal(at(&x, T(11, 0, 0, 0), 5, 4), DETECT_COUNTED);
	assert_int_equal(at(&x, T(11, 0, 0, 0) + 1, 6, 5),
	    DETECT_OUTSIDE_PERIOD);

	/* nothing is staged: the events are in the engine already */
	assert_int_equal(detect_counts(x.d)->outcome[DETECT_COUNTED], 3);
	assert_int_equal(detect_counts(x.d)->staged_peak, 0);
	detect_end_input(x.d, false, 0);
	detect_flush(x.d);
	assert_int_equal(x.k.n, 3);
	det_close(&x);
}

static void
test_period_last_staged(void **state)
{
	struct det x;
	const struct finding *f;

	(void)state;
	det_open(&x, PROFILE_DEFAULT);
	x.o.has_last = true;
	x.o.last = USEC_PER_HOUR;
	x.o.engine.min_ports = 1;
	det_start(&x);

	/* staged until the newest time is known */
	assert_int_equal(at(&x, T(10, 0, 0, 0), 1, 0), DETECT_COUNTED);
	assert_int_equal(at(&x, T(10, 0, 0, 0) + 1, 2, 1), DETECT_COUNTED);
	assert_int_equal(at(&x, T(10, 30, 0, 0), 3, 2), DETECT_COUNTED);
	assert_int_equal(at(&x, T(11, 0, 0, 0), 4, 3), DETECT_COUNTED);
	assert_int_equal(detect_counts(x.d)->staged_peak, 4);

	/* already too old for the newest seen: dropped at once */
	assert_int_equal(at(&x, T(9, 59, 59, 0), 5, 4),
	    DETECT_OUTSIDE_PERIOD);
	assert_int_equal(at(&x, T(10, 0, 0, 0), 6, 5),
	    DETECT_OUTSIDE_PERIOD);

	/* a non-counted newer event still moves the newest time */
	assert_int_equal(at(&x, T(11, 0, 0, 0), 0, 6), DETECT_PORT_ZERO);
	assert_int_equal(detect_counts(x.d)->outcome[DETECT_COUNTED], 0);
	detect_flush(x.d);
	assert_int_equal(x.k.n, 0);

	/* the newest is 11:00, so 10:00:00 exactly is out */
	detect_end_input(x.d, false, 0);
	assert_int_equal(detect_counts(x.d)->outcome[DETECT_COUNTED], 3);
	assert_int_equal(detect_counts(x.d)->outcome[DETECT_OUTSIDE_PERIOD],
	    3);
	detect_flush(x.d);
	assert_int_equal(x.k.n, 3);
	f = sink_find(&x.k, "203.0.113.33", T(10, 0, 0, 0));
	assert_non_null(f);
	assert_int_equal(f->attempts, 1);
	assert_int_equal(f->port_list[0], 2);
	assert_non_null(sink_find(&x.k, "203.0.113.33", T(10, 30, 0, 0)));
	assert_non_null(sink_find(&x.k, "203.0.113.33", T(11, 0, 0, 0)));
	det_close(&x);

	/* a newer time from another detection of the run moves the cut */
	det_open(&x, PROFILE_DEFAULT);
	x.o.has_last = true;
	x.o.last = USEC_PER_HOUR;
	x.o.engine.min_ports = 1;
	det_start(&x);
	at(&x, T(10, 0, 0, 0) + 1, 2, 1);
	at(&x, T(10, 20, 0, 0), 3, 2);
	at(&x, T(10, 20, 0, 0) + 1, 4, 3);
	detect_end_input(x.d, true, T(11, 20, 0, 0));
	detect_flush(x.d);
	assert_int_equal(x.k.n, 1);
	assert_int_equal(x.k.f[0].port_list[0], 4);
	assert_true(x.k.f[0].first == T(10, 20, 0, 0) + 1);
	det_close(&x);
}

/* Many staged events force compaction; only the last hour survives. */
static void
test_period_compaction(void **state)
{
	struct det x;

	(void)state;
	det_open(&x, PROFILE_DEFAULT);
	x.o.has_last = true;
	x.o.last = USEC_PER_HOUR;
	x.o.engine.min_ports = 1;
	det_start(&x);

	/* one event a second from 08:00 to 11:00 */
	for (int i = 0; i <= 3 * 3600; i++)
		assert_int_equal(at(&x, T(8, 0, 0, 0) + i * USEC_PER_SEC,
		    1 + i % 1000, (uint64_t)i), DETECT_COUNTED);
	assert_true(detect_counts(x.d)->staged_peak < 3 * 3600);
	detect_end_input(x.d, false, 0);
	detect_flush(x.d);

	/* (10:00, 11:00] holds 3600 events in bins 10:00 .. 11:00 */
	assert_int_equal(detect_counts(x.d)->outcome[DETECT_COUNTED], 3600);
	assert_int_equal(detect_counts(x.d)->outcome[DETECT_OUTSIDE_PERIOD],
	    2 * 3600 + 1);
	assert_int_equal(x.k.n, 13);
	assert_null(sink_find(&x.k, "203.0.113.33", T(9, 55, 0, 0)));
	assert_int_equal(sink_find(&x.k, "203.0.113.33",
	    T(10, 0, 0, 0))->attempts, 299);
	assert_int_equal(sink_find(&x.k, "203.0.113.33",
	    T(11, 0, 0, 0))->attempts, 1);
	det_close(&x);
}

static void
test_detect_merge(void **state)
{
	struct det a, b;

	(void)state;
	det_open(&a, PROFILE_DEFAULT);
	det_start(&a);
	b.d = detect_new(&a.o, collect, &a.k);

	/* half of the worked example in each, merged */
	for (int i = 0; i < 12; i++) {
		struct event ev = DE(example_time(i), "203.0.113.50",
		    example_ports[i], PROTO_TCP, "Deny");

		detect_event(i % 2 ? b.d : a.d, &ev, (uint64_t)i);
	}
	assert_int_equal(judge(&b, "10.0.0.1", 22, 6, "deny"),
	    DETECT_INTERNAL);
	assert_int_equal(detect_merge(a.d, b.d), 0);
	detect_free(b.d);
	detect_flush(a.d);
	assert_int_equal(a.k.n, 1);
	assert_worked_example(&a.k.f[0]);
	assert_int_equal(detect_counts(a.d)->outcome[DETECT_COUNTED], 12);
	assert_int_equal(detect_counts(a.d)->outcome[DETECT_INTERNAL], 1);
	det_close(&a);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_worked_example),
		cmocka_unit_test(test_per_minute),
		cmocka_unit_test(test_scan_type),
		cmocka_unit_test(test_thresholds),
		cmocka_unit_test(test_bin_split),
		cmocka_unit_test(test_earliest_vendor),
		cmocka_unit_test(test_intern),
		cmocka_unit_test(test_intern_alike),
		cmocka_unit_test(test_lateness_zero),
		cmocka_unit_test(test_lateness_minute),
		cmocka_unit_test(test_merge),
		cmocka_unit_test(test_merge_direction),
		cmocka_unit_test(test_dedup),
		cmocka_unit_test(test_port_not_counted),
		cmocka_unit_test(test_classify_default),
		cmocka_unit_test(test_classify_sentinel),
		cmocka_unit_test(test_detect_example),
		cmocka_unit_test(test_detect_sources),
		cmocka_unit_test(test_detect_trusted),
		cmocka_unit_test(test_detect_range_edges),
		cmocka_unit_test(test_detect_ports),
		cmocka_unit_test(test_stray_udp),
		cmocka_unit_test(test_period_absolute),
		cmocka_unit_test(test_period_last_now),
		cmocka_unit_test(test_period_last_staged),
		cmocka_unit_test(test_period_compaction),
		cmocka_unit_test(test_detect_merge),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
