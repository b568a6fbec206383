/*
 * test_hashflood.c - crafted sources cannot slow the engine's tables.
 *
 * An attacker who knew the hash could spoof sources that all land in one
 * slot, and every lookup would walk them all.  The tables hash under a
 * per-run random key, so a set crafted against one key costs no more than
 * random sources under another.  Cost is counted in slots probed (the
 * engine's own count), not in time, so the test is exact and repeatable.
 */
#include "testutil.h"

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

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_crafted_collisions),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
