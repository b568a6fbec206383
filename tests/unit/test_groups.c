/*
 * test_groups.c - how the engine stores its groups: times kept as offsets
 * from the bin's start (and in full for bins too wide for that), bins of
 * thousands of groups across many chunks, merges that move whole bins
 * between engines whose vendor ids differ, and eviction under the memory
 * cap, which packs the groups left and rebuilds the table.
 *
 * Every expected value is worked out by hand from detection.md.
 */
#include "testutil.h"

#include "core/timeutil.h"
#include "engine/engine.h"

/* 2026-03-01 00:00:00 UTC. */
static int64_t
day_start(void)
{
	return time_days_from_civil(2026, 3, 1) * USEC_PER_DAY;
}

/* The address 10.x.y.z of number i, or 203.0.113.i for i < 256 when
 * scanner is set. */
static struct addr
V4(uint32_t i, bool scanner)
{
	struct addr a;

	memset(&a, 0, sizeof(a));
	a.b[10] = a.b[11] = 0xff;
	a.b[12] = scanner ? 203 : 10;
	a.b[13] = scanner ? 0 : (uint8_t)(i >> 16);
	a.b[14] = scanner ? 113 : (uint8_t)(i >> 8);
	a.b[15] = (uint8_t)i;
	return a;
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
event(int64_t t, struct addr src, uint16_t port, uint64_t seq, uint32_t vp)
{
	struct engine_event ev;

	memset(&ev, 0, sizeof(ev));
	ev.time = t;
	ev.src = src;
	ev.dst = V4(1, false);
	ev.has_dst = true;
	ev.dport = port;
	ev.count_port = true;
	ev.seq = seq;
	ev.dedup_key = seq + 1;
	ev.vp = vp;
	return ev;
}

/* Findings kept whole; vendor names copied. */
#define KEEP_MAX 8
struct keep {
	struct finding f[KEEP_MAX];
	char vendor[KEEP_MAX][16];
	size_t n;
};

static void
keep_finding(const struct finding *f, void *arg)
{
	struct keep *k = arg;

	assert_true(k->n < KEEP_MAX);
	k->f[k->n] = *f;
	assert_true(f->vendor.n < 16);
	memcpy(k->vendor[k->n], f->vendor.p, f->vendor.n);
	k->vendor[k->n][f->vendor.n] = '\0';
	k->n++;
}

static const struct finding *
keep_find(const struct keep *k, struct addr src, int64_t bin)
{
	for (size_t i = 0; i < k->n; i++)
		if (addr_eq(&k->f[i].src, &src) && k->f[i].bin == bin)
			return &k->f[i];
	return NULL;
}

/*
 * Ten ports from one source within one bin: the first 1 us after the
 * bin's start, the last 1 us before its end, given last-first.  A bin of
 * 71 minutes keeps offsets in 32 bits (4 260 000 000 us < 2^32); one of
 * exactly 2^32 us and one of a day need the full times.
 */
static void
test_bin_widths(void **state)
{
	const int64_t widths[] = { 71 * USEC_PER_MIN,
	    INT64_C(1) << 32, USEC_PER_DAY };

	(void)state;
	for (size_t w = 0; w < sizeof(widths) / sizeof(widths[0]); w++) {
		struct engine_opts o = opts_default();
		struct keep k = { .n = 0 };
		struct engine *e;
		struct engine_event ev;
		int64_t start = time_floor(day_start() + 7 * USEC_PER_DAY,
		    widths[w]);
		int64_t first = start + 1, last = start + widths[w] - 1;
		const struct finding *f;

		o.bin = widths[w];
		assert_non_null(e = engine_new(&o, keep_finding, &k));
		ev = event(last, V4(9, true), 10, 0, ENGINE_NO_VP);
		engine_add(e, &ev);
		for (uint16_t p = 1; p < 9; p++) {
			ev = event(start + p * (widths[w] / 10), V4(9, true),
			    p, p, ENGINE_NO_VP);
			engine_add(e, &ev);
		}
		ev = event(first, V4(9, true), 9, 9, ENGINE_NO_VP);
		engine_add(e, &ev);
		/* the next bin is another group */
		ev = event(last + 1, V4(9, true), 11, 10, ENGINE_NO_VP);
		engine_add(e, &ev);
		engine_flush(e);

		assert_int_equal(k.n, 1);
		f = keep_find(&k, V4(9, true), start);
		assert_non_null(f);
		assert_true(f->first == first);
		assert_true(f->last == last);
		assert_int_equal(f->attempts, 10);
		assert_int_equal(f->ports, 10);
		/* whole seconds from first to last (detection.md) */
		assert_true(f->duration == (time_floor(last, USEC_PER_SEC) -
		    time_floor(first, USEC_PER_SEC)) / USEC_PER_SEC);
		engine_free(e);
	}
}

static uint64_t many_findings, many_bad;

static void
count_finding(const struct finding *f, void *arg)
{
	(void)arg;
	many_findings++;
	if (f->attempts != 10 || f->ports != 10 || f->hosts != 1)
		many_bad++;
}

/* 3000 sources in one bin, every seventh (0, 7, .., 2996: 429 of them)
 * back for nine more ports: the groups span many chunks and tables. */
static void
test_many_groups(void **state)
{
	struct engine_opts o = opts_default();
	struct engine *e;
	struct engine_event ev;
	uint64_t seq = 0;

	(void)state;
	many_findings = many_bad = 0;
	assert_non_null(e = engine_new(&o, count_finding, NULL));
	for (uint32_t i = 0; i < 3000; i++) {
		ev = event(day_start() + i, V4(i, false), 1, seq++, 0);
		engine_add(e, &ev);
	}
	for (uint16_t p = 2; p <= 10; p++)
		for (uint32_t i = 0; i < 3000; i += 7) {
			ev = event(day_start() + 5000 + p, V4(i, false), p,
			    seq++, 0);
			engine_add(e, &ev);
		}
	assert_int_equal(engine_stats(e)->groups, 3000);
	assert_int_equal(engine_stats(e)->groups_open, 3000);
	engine_flush(e);
	assert_int_equal(many_findings, 429);
	assert_int_equal(many_bad, 0);
	engine_free(e);
}

/* Ten ports, 1 s apart from t, for src with vendor id vp. */
static void
add_scan(struct engine *e, int64_t t, struct addr src, uint16_t port0,
    int ports, uint32_t vp, uint64_t *seq)
{
	for (int p = 0; p < ports; p++) {
		struct engine_event ev = event(t + p * USEC_PER_SEC, src,
		    (uint16_t)(port0 + p), (*seq)++, vp);

		engine_add(e, &ev);
	}
}

/*
 * Engine a holds bins 10:00 and 10:10, engine b 10:05 and 10:10, and they
 * interned their vendors in different orders: a Alpha 1, Beta 2; b Beta
 * 1, Gamma 2.  Merging b into a moves b's 10:05 bin whole, where id 1
 * must become Beta (2 in a) and id 2 Gamma (new in a), and merges 10:10
 * group by group, where Gamma's earlier event wins.
 */
static void
test_merge_moves_bins(void **state)
{
	struct engine_opts o = opts_default();
	struct keep k = { .n = 0 }, none = { .n = 0 };
	struct engine *a, *b;
	int64_t t0 = day_start() + 10 * USEC_PER_HOUR;
	int64_t t5 = t0 + 5 * USEC_PER_MIN, t10 = t0 + 10 * USEC_PER_MIN;
	uint32_t alpha, beta_a, beta_b, gamma_b;
	const struct finding *f;
	uint64_t seq = 0;

	(void)state;
	assert_non_null(a = engine_new(&o, keep_finding, &k));
	assert_non_null(b = engine_new(&o, keep_finding, &none));
	alpha = engine_intern(a, (struct str){ "Alpha", 5 }, STR_NULL);
	beta_a = engine_intern(a, (struct str){ "Beta", 4 }, STR_NULL);
	beta_b = engine_intern(b, (struct str){ "Beta", 4 }, STR_NULL);
	gamma_b = engine_intern(b, (struct str){ "Gamma", 5 }, STR_NULL);
	assert_int_equal(alpha, 1);
	assert_int_equal(beta_a, 2);
	assert_int_equal(beta_b, 1);
	assert_int_equal(gamma_b, 2);

	add_scan(a, t0, V4(1, true), 1, 10, beta_a, &seq);
	add_scan(b, t5, V4(2, true), 1, 10, gamma_b, &seq);
	add_scan(b, t5 + 1, V4(3, true), 1, 10, beta_b, &seq);
	add_scan(a, t10 + 60 * USEC_PER_SEC, V4(4, true), 1, 5, alpha, &seq);
	add_scan(b, t10, V4(4, true), 6, 5, gamma_b, &seq);

	assert_int_equal(engine_merge(a, b), 0);
	assert_int_equal(engine_stats(b)->groups_open, 0);
	assert_int_equal(engine_stats(a)->groups_open, 4);
	assert_int_equal(engine_stats(a)->groups, 4);
	assert_int_equal(engine_stats(a)->added, 40);
	engine_free(b);
	engine_flush(a);
	assert_int_equal(none.n, 0);
	assert_int_equal(k.n, 4);

	f = keep_find(&k, V4(1, true), t0);
	assert_non_null(f);
	assert_string_equal(k.vendor[f - k.f], "Beta");
	f = keep_find(&k, V4(2, true), t5);
	assert_non_null(f);
	assert_string_equal(k.vendor[f - k.f], "Gamma");
	assert_true(f->first == t5);
	assert_true(f->last == t5 + 9 * USEC_PER_SEC);
	f = keep_find(&k, V4(3, true), t5);
	assert_non_null(f);
	assert_string_equal(k.vendor[f - k.f], "Beta");
	assert_int_equal(f->attempts, 10);
	f = keep_find(&k, V4(4, true), t10);
	assert_non_null(f);
	assert_string_equal(k.vendor[f - k.f], "Gamma");
	assert_int_equal(f->ports, 10);
	assert_true(f->first == t10);
	assert_true(f->last == t10 + 64 * USEC_PER_SEC);
	engine_free(a);
}

/*
 * Under a 1 MiB cap, 20 000 sources of one event each (1.6 MB of groups
 * alone) force eviction in a single bin; a scanner's ten ports, five
 * before the flood and five after, keep their exact counts, and the
 * oldest flood source, evicted for sure, comes back inexact.
 */
static void
test_evict_packs(void **state)
{
	struct engine_opts o = opts_default();
	struct keep k = { .n = 0 };
	struct engine *e;
	struct engine_event ev;
	int64_t t = day_start();
	const struct finding *f;
	uint64_t seq = 0, inexact;

	(void)state;
	o.max_bytes = 1 << 20;
	assert_non_null(e = engine_new(&o, keep_finding, &k));
	add_scan(e, t, V4(7, true), 1, 5, 0, &seq);
	for (uint32_t i = 0; i < 20000; i++) {
		ev = event(t + 10 * USEC_PER_SEC + i, V4(i, false), 80,
		    seq++, 0);
		engine_add(e, &ev);
	}
	add_scan(e, t + 20 * USEC_PER_SEC, V4(7, true), 6, 5, 0, &seq);
	assert_true(engine_stats(e)->evicted_groups > 0);
	assert_true(engine_stats(e)->bytes_peak <= o.max_bytes);
	assert_int_equal(engine_stats(e)->evicted_groups,
	    engine_stats(e)->evicted_events);
	assert_int_equal(engine_stats(e)->groups_open,
	    20001 - engine_stats(e)->evicted_groups);

	/* (a later flood source may have hit the Bloom filter falsely) */
	inexact = engine_stats(e)->inexact_events;
	ev = event(t + 30 * USEC_PER_SEC, V4(0, false), 80, seq++, 0);
	engine_add(e, &ev);
	assert_int_equal(engine_stats(e)->inexact_events, inexact + 1);
	engine_flush(e);

	assert_int_equal(k.n, 1);
	f = keep_find(&k, V4(7, true), t);
	assert_non_null(f);
	assert_int_equal(f->attempts, 10);
	assert_int_equal(f->ports, 10);
	assert_false(f->inexact);
	engine_free(e);
}

/*
 * A capped engine that has seen a flood of 20 000 single-event sources in
 * the bin of t, numbered from first on (see V4()); the oldest is evicted
 * for sure (see test_evict_packs).
 */
static struct engine *
flooded(size_t max_bytes, uint32_t first, int64_t t, struct keep *k,
    uint64_t *seq)
{
	struct engine_opts o = opts_default();
	struct engine *e;

	o.max_bytes = max_bytes;
	assert_non_null(e = engine_new(&o, keep_finding, k));
	for (uint32_t i = 0; i < 20000; i++) {
		struct engine_event ev = event(t + 10 * USEC_PER_SEC + i,
		    V4(first + i, false), 80, (*seq)++, 0);

		engine_add(e, &ev);
	}
	assert_true(engine_stats(e)->evicted_groups > 0);
	return e;
}

/*
 * Two threads' engines joined: b evicted (10.0.0.0, t) under its cap; a,
 * uncapped, holds a ten-port finding of 10.0.0.0 in that bin.  The joined
 * finding lacks b's evicted event, so it is marked possibly
 * undercounted.  After a join, a's filter holds b's keys: a later event
 * of 10.0.0.0 in that bin counts as inexact in a, whether a had no filter
 * or one of its own (a flood of other sources, from 10.1.0.0) of twice or
 * half the size of b's; and a's own evicted 10.1.0.0 still does.
 */
static void
test_merge_marks_evicted(void **state)
{
	struct keep k = { .n = 0 }, none = { .n = 0 };
	struct engine *a, *b;
	struct engine_opts o = opts_default();
	int64_t t = day_start();
	const struct finding *f;
	struct engine_event ev;
	uint64_t seq = 0, inexact;

	(void)state;
	assert_non_null(a = engine_new(&o, keep_finding, &k));
	add_scan(a, t, V4(0, false), 1, 10, 0, &seq);
	b = flooded(1 << 20, 0, t, &none, &seq);
	assert_int_equal(engine_merge(a, b), 0);
	engine_free(b);
	engine_flush(a);
	assert_int_equal(k.n, 1);
	f = keep_find(&k, V4(0, false), t);
	assert_non_null(f);
	assert_int_equal(f->ports, 10);
	assert_int_equal(f->attempts, 10);
	assert_true(f->inexact);
	engine_free(a);

	/* a without a group of the key: its filter takes b's */
	assert_non_null(a = engine_new(&o, keep_finding, &none));
	b = flooded(1 << 20, 0, t, &none, &seq);
	assert_int_equal(engine_merge(a, b), 0);
	engine_free(b);
	inexact = engine_stats(a)->inexact_events;
	ev = event(t + 30 * USEC_PER_SEC, V4(0, false), 80, seq++, 0);
	engine_add(a, &ev);
	assert_int_equal(engine_stats(a)->inexact_events, inexact + 1);
	engine_free(a);

	/* both capped, filters of 2^21 and 2^20 bits: folded into one */
	for (int order = 0; order < 2; order++) {
		a = flooded(order == 0 ? 2 << 20 : 1 << 20, 65536, t, &none,
		    &seq);
		b = flooded(order == 0 ? 1 << 20 : 2 << 20, 0, t, &none, &seq);
		assert_int_equal(engine_merge(a, b), 0);
		engine_free(b);
		/* b's key, and a's own: a's filter kept its keys too */
		inexact = engine_stats(a)->inexact_events;
		ev = event(t + 30 * USEC_PER_SEC, V4(0, false), 80, seq++, 0);
		engine_add(a, &ev);
		ev = event(t + 31 * USEC_PER_SEC, V4(65536, false), 80, seq++,
		    0);
		engine_add(a, &ev);
		assert_int_equal(engine_stats(a)->inexact_events,
		    inexact + 2);
		engine_free(a);
	}
}

/*
 * Under a 1 MiB cap, two bins of 20 000 single-event sources each: the
 * second flood closes the first bin early.  Whichever side of a join
 * closed the bin of t early, a ten-port finding of the other side in that
 * bin may lack events the closing side let go as late: it is marked.
 * A finding in a bin neither closed is not.
 */
static void
test_merge_marks_closed_bins(void **state)
{
	struct keep k = { .n = 0 }, none = { .n = 0 };
	struct engine_opts o = opts_default();
	struct engine *a, *closer;
	int64_t t = day_start(), t2 = t + 10 * USEC_PER_MIN;
	const struct finding *f;
	uint64_t seq = 0;

	(void)state;
	for (int side = 0; side < 2; side++) {
		k.n = 0;
		closer = flooded(1 << 20, 0, t, side == 0 ? &none : &k, &seq);
		for (uint32_t i = 0; i < 20000; i++) {
			struct engine_event ev = event(t + 5 * USEC_PER_MIN +
			    i, V4(65536 + i, false), 80, seq++, 0);

			engine_add(closer, &ev);
		}
		assert_true(engine_stats(closer)->bins_forced > 0);
		assert_non_null(a = engine_new(&o, keep_finding,
		    side == 0 ? &k : &none));
		add_scan(a, t, V4(7, true), 1, 10, 0, &seq);
		add_scan(a, t2, V4(8, true), 1, 10, 0, &seq);
		/* side 0: the closer is merged in; side 1: it takes a in */
		if (side == 0) {
			assert_int_equal(engine_merge(a, closer), 0);
			engine_free(closer);
			engine_flush(a);
			engine_free(a);
		} else {
			assert_int_equal(engine_merge(closer, a), 0);
			engine_free(a);
			engine_flush(closer);
			engine_free(closer);
		}
		f = keep_find(&k, V4(7, true), t);
		assert_non_null(f);
		assert_int_equal(f->ports, 10);
		assert_true(f->inexact);
		f = keep_find(&k, V4(8, true), t2);
		assert_non_null(f);
		assert_false(f->inexact);
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_bin_widths),
		cmocka_unit_test(test_many_groups),
		cmocka_unit_test(test_merge_moves_bins),
		cmocka_unit_test(test_evict_packs),
		cmocka_unit_test(test_merge_marks_evicted),
		cmocka_unit_test(test_merge_marks_closed_bins),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
