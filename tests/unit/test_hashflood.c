/*
 * test_hashflood.c - crafted sources cannot slow the engine's tables.
 *
 * An attacker who knew the hash could spoof sources that all land in one
 * slot, and every lookup would walk them all.  The tables hash under a
 * per-run random key, so a set crafted against one key costs no more than
 * random sources under another.  Cost is counted in slots probed (the
 * engine's own count), not in time, so the test is exact and repeatable.
 * Sources whose slots keep equal hash bits stay apart.
 */
#include "testutil.h"

#include <stdlib.h>

#include "engine/engine.h"
#include "engine/engine_impl.h"
#include "engine/hash.h"

#define N 3000
#define CAP 4096	/* the table size N groups reach (load <= 3/4) */

static struct addr
v4(uint32_t x)
{
	struct addr a;

	memset(&a, 0, sizeof(a));
	a.b[10] = a.b[11] = 0xff;
	a.b[12] = (uint8_t)(x >> 24);
	a.b[13] = (uint8_t)(x >> 16);
	a.b[14] = (uint8_t)(x >> 8);
	a.b[15] = (uint8_t)x;
	return a;
}

/* N sources that all take slot 0 of a CAP-slot table under the key now
 * set (found by trying addresses in order). */
static void
craft(struct addr *out)
{
	uint32_t x = 0x01000000;

	for (size_t n = 0; n < N; x++) {
		struct addr a = v4(x);

		if (group_slot(&a, CAP) == 0)
			out[n++] = a;
	}
}

/* Slots probed while adding one event per source, all in one bin. */
static uint64_t
probes(const struct addr *src)
{
	struct engine_opts o = { .bin = 300 * INT64_C(1000000),
	    .min_ports = 10, .min_hosts = 5, .min_attempts = 30,
	    .lateness = ENGINE_KEEP_ALL };
	struct engine *e = engine_new(&o, NULL, NULL);
	struct engine_event ev;
	uint64_t p;

	assert_non_null(e);
	memset(&ev, 0, sizeof(ev));
	ev.vp = ENGINE_NO_VP;
	ev.dst = v4(0xc0000201);
	ev.has_dst = true;
	ev.count_port = true;
	ev.dport = 445;
	for (size_t i = 0; i < N; i++) {
		ev.src = src[i];
		ev.time = INT64_C(1709460000000000) + (int64_t)i;
		ev.seq = i;
		engine_add(e, &ev);
	}
	assert_int_equal(engine_stats(e)->groups, N);
	p = engine_stats(e)->probes;
	engine_free(e);
	return p;
}

static void
test_crafted_collisions(void **state)
{
	static struct addr crafted[N], random_src[N];
	uint64_t attack, crafted_other, random_other, r = 88172645463325252u;

	(void)state;
	for (size_t i = 0; i < N; i++) {
		r ^= r << 13, r ^= r >> 7, r ^= r << 17;
		random_src[i] = v4((uint32_t)r | 0x01000000);
	}

	/* against the key it was crafted for, the set is a real attack */
	hash_key_set(0x0123456789abcdefu, 0xfedcba9876543210u);
	craft(crafted);
	attack = probes(crafted);

	/* under another key (each run draws its own) it is just sources */
	hash_key_set(0x9e3779b97f4a7c15u, 0xbf58476d1ce4e5b9u);
	crafted_other = probes(crafted);
	random_other = probes(random_src);

	print_message("probes: crafted %llu under its key, %llu under "
	    "another; random %llu\n", (unsigned long long)attack,
	    (unsigned long long)crafted_other,
	    (unsigned long long)random_other);
	assert_true(attack > 100 * random_other);
	assert_true(crafted_other <= 2 * random_other + N);
}

/* Candidates searched for two sources whose hashes agree in the low 32
 * bits, the part a table slot keeps: about 2^36 / 2^33 = 8 such pairs are
 * expected among 2^18 sources. */
#define TAG_TRIES (1u << 18)

struct tagged {
	uint32_t tag, x;
};

static int
tagged_cmp(const void *a, const void *b)
{
	const struct tagged *p = a, *q = b;

	if (p->tag != q->tag)
		return p->tag < q->tag ? -1 : 1;
	return p->x < q->x ? -1 : p->x > q->x;
}

/* Two distinct sources of equal low 32 hash bits under the key now set. */
static void
tag_twins(struct addr *a, struct addr *b)
{
	struct tagged *t = malloc(TAG_TRIES * sizeof(*t));
	uint32_t i;

	assert_non_null(t);
	for (i = 0; i < TAG_TRIES; i++) {
		struct addr x = v4(0x01000000 + i);

		t[i].tag = (uint32_t)group_hash(&x);
		t[i].x = 0x01000000 + i;
	}
	qsort(t, TAG_TRIES, sizeof(*t), tagged_cmp);
	for (i = 1; i < TAG_TRIES && t[i].tag != t[i - 1].tag; i++)
		continue;
	assert_true(i < TAG_TRIES);
	*a = v4(t[i - 1].x);
	*b = v4(t[i].x);
	free(t);
}

struct pair_sink {
	struct addr a, b;
	uint32_t ports_a, ports_b, attempts_a, attempts_b, other;
};

static void
pair_collect(const struct finding *f, void *arg)
{
	struct pair_sink *k = arg;

	if (addr_eq(&f->src, &k->a)) {
		k->ports_a = f->ports;
		k->attempts_a = f->attempts;
	} else if (addr_eq(&f->src, &k->b)) {
		k->ports_b = f->ports;
		k->attempts_b = f->attempts;
	} else {
		k->other++;
	}
}

/*
 * Two sources whose slots keep the same 32 hash bits are still two
 * groups, found again after the table has grown many times (a growth moves
 * slots by those bits alone): a scans ports 1..12, b ports 101..110 twice,
 * amid 2000 sources of one event each, all in one bin.
 */
static void
test_equal_tags(void **state)
{
	struct engine_opts o = { .bin = 300 * INT64_C(1000000),
	    .min_ports = 10, .min_hosts = 5, .min_attempts = 30,
	    .lateness = ENGINE_KEEP_ALL };
	struct pair_sink k;
	struct engine *e;
	struct engine_event ev;
	uint64_t seq = 0;

	(void)state;
	memset(&k, 0, sizeof(k));
	hash_key_set(0x0123456789abcdefu, 0xfedcba9876543210u);
	tag_twins(&k.a, &k.b);
	assert_false(addr_eq(&k.a, &k.b));
	assert_int_equal((uint32_t)group_hash(&k.a),
	    (uint32_t)group_hash(&k.b));
	e = engine_new(&o, pair_collect, &k);
	assert_non_null(e);
	memset(&ev, 0, sizeof(ev));
	ev.vp = ENGINE_NO_VP;
	ev.dst = v4(0xc0000201);
	ev.has_dst = true;
	ev.count_port = true;
	for (uint32_t i = 0; i < 2000; i++) {
		ev.time = INT64_C(1709460000000000) + i;
		ev.seq = seq++;
		ev.src = v4(0x05000000 + i);
		ev.dport = 445;
		engine_add(e, &ev);
		if (i % 100 < 12 && i < 1200) {
			ev.src = k.a;
			ev.dport = (uint16_t)(i / 100 + 1);
			ev.seq = seq++;
			engine_add(e, &ev);
		}
		if (i % 100 == 50) {
			ev.src = k.b;
			ev.dport = (uint16_t)(101 + i / 100 % 10);
			ev.seq = seq++;
			engine_add(e, &ev);
		}
	}
	assert_int_equal(engine_stats(e)->groups, 2002);
	engine_flush(e);
	assert_int_equal(k.ports_a, 12);
	assert_int_equal(k.attempts_a, 144);
	assert_int_equal(k.ports_b, 10);
	assert_int_equal(k.attempts_b, 20);
	assert_int_equal(k.other, 0);
	engine_free(e);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_crafted_collisions),
		cmocka_unit_test(test_equal_tags),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
