/*
 * test_sets.c - the distinct sets of a group: ports through their three
 * forms (inline, sorted array, bitmap), hosts from inline values to the
 * open-addressed table (with the all-ones address that marks its empty
 * slots), and duplicate keys (with key 0).
 *
 * Expected contents come from a plain reference model kept beside each
 * set: a 65536-entry presence table for ports, a sorted list for hosts.
 */
#include "testutil.h"

#include <stdlib.h>

#include "engine/sets.h"

/* The distinct ports a portset must hold, as a presence table. */
struct port_model {
	bool has[65536];
	uint32_t n;
};

static void
model_add(struct port_model *m, uint16_t p)
{
	if (!m->has[p]) {
		m->has[p] = true;
		m->n++;
	}
}

/* Asserts that ps holds exactly the ports of m, ascending, and that the
 * capped list is the lowest ones. */
static void
assert_ports(const struct portset *ps, const struct port_model *m)
{
	static uint16_t got[65536];
	size_t n, k = 0;

	assert_int_equal(ps->n, m->n);
	n = portset_lowest(ps, got, 65536);
	assert_int_equal(n, m->n);
	for (unsigned p = 0; p < 65536; p++)
		if (m->has[p]) {
			assert_true(k < n);
			assert_int_equal(got[k], p);
			k++;
		}
	assert_int_equal(k, n);

	/* capped at 50 and at 1: the lowest, in order */
	n = portset_lowest(ps, got, 50);
	assert_int_equal(n, m->n < 50 ? m->n : 50);
	k = 0;
	for (unsigned p = 0; p < 65536 && k < n; p++)
		if (m->has[p])
			assert_int_equal(got[k++], p);
	assert_int_equal(portset_lowest(ps, got, 0), 0);
}

static void
test_ports_inline(void **state)
{
	struct portset ps;
	uint16_t out[8];

	(void)state;
	memset(&ps, 0, sizeof(ps));
	assert_int_equal(portset_lowest(&ps, out, 8), 0);
	assert_int_equal(portset_add(&ps, 443), 1);
	assert_int_equal(portset_add(&ps, 22), 1);
	assert_int_equal(portset_add(&ps, 443), 0);
	assert_int_equal(portset_add(&ps, 0), 1);
	assert_int_equal(portset_add(&ps, 65535), 1);
	assert_int_equal(portset_add(&ps, 22), 0);
	assert_int_equal(ps.n, 4);
	assert_int_equal(portset_heap(&ps), 0);
	assert_int_equal(portset_lowest(&ps, out, 8), 4);
	assert_int_equal(out[0], 0);
	assert_int_equal(out[1], 22);
	assert_int_equal(out[2], 443);
	assert_int_equal(out[3], 65535);
	assert_int_equal(portset_lowest(&ps, out, 2), 2);
	assert_int_equal(out[0], 0);
	assert_int_equal(out[1], 22);

	/* the fifth port leaves the inline form, still sorted */
	assert_int_equal(portset_add(&ps, 80), 1);
	assert_int_equal(portset_add(&ps, 0), 0);
	assert_int_equal(ps.n, 5);
	assert_true(portset_heap(&ps) > 0);
	assert_int_equal(portset_lowest(&ps, out, 8), 5);
	assert_int_equal(out[0], 0);
	assert_int_equal(out[1], 22);
	assert_int_equal(out[2], 80);
	assert_int_equal(out[3], 443);
	assert_int_equal(out[4], 65535);
	portset_free(&ps);
	assert_int_equal(ps.n, 0);
	portset_free(&ps);
}

/* The i-th port of a fixed scrambled order: 40503 is odd, so i -> 40503 i
 * mod 65536 visits every port once. */
static uint16_t
scrambled(uint32_t i, uint32_t salt)
{
	return (uint16_t)(i * 40503u + salt);
}

/* Adds count scrambled ports, checking the set after each form change. */
static void
fill_checked(struct portset *ps, struct port_model *m, uint32_t count,
    uint32_t salt)
{
	for (uint32_t i = 0; i < count; i++) {
		uint16_t p = scrambled(i, salt);
		int want = m->has[p] ? 0 : 1;

		assert_int_equal(portset_add(ps, p), want);
		model_add(m, p);
		switch (m->n) {
		case 4: case 5: case 16: case 17: case 511: case 512:
		case 513: case 514: case 4096:
			assert_ports(ps, m);
			break;
		}
	}
}

static void
test_ports_forms(void **state)
{
	static struct port_model m;
	struct portset ps;

	(void)state;
	memset(&m, 0, sizeof(m));
	memset(&ps, 0, sizeof(ps));
	fill_checked(&ps, &m, 512, 7);
	assert_int_equal(ps.n, 512);
	assert_true(portset_heap(&ps) >= 512 * sizeof(uint16_t));
	assert_true(portset_heap(&ps) < 8192);

	/* the 513th distinct port makes it a bitmap of 65536 bits */
	fill_checked(&ps, &m, 513, 7);
	assert_int_equal(ps.n, 513);
	assert_int_equal(portset_heap(&ps), 8192);
	fill_checked(&ps, &m, 5000, 7);
	assert_int_equal(ps.n, 5000);

	/* duplicates are not counted in any form */
	for (uint32_t i = 0; i < 5000; i++)
		assert_int_equal(portset_add(&ps, scrambled(i, 7)), 0);
	assert_int_equal(ps.n, 5000);
	assert_ports(&ps, &m);

	/* the ends of the range */
	assert_int_equal(portset_add(&ps, 0), m.has[0] ? 0 : 1);
	model_add(&m, 0);
	assert_int_equal(portset_add(&ps, 65535), m.has[65535] ? 0 : 1);
	model_add(&m, 65535);
	assert_ports(&ps, &m);
	portset_free(&ps);
	assert_int_equal(portset_heap(&ps), 0);
}

static void
test_ports_all(void **state)
{
	static struct port_model m;
	struct portset ps;

	(void)state;
	memset(&m, 0, sizeof(m));
	memset(&ps, 0, sizeof(ps));
	fill_checked(&ps, &m, 65536, 12345);
	assert_int_equal(ps.n, 65536);
	assert_ports(&ps, &m);
	portset_free(&ps);
}

/* Builds a set of count scrambled ports and its model. */
static void
build(struct portset *ps, struct port_model *m, uint32_t count,
    uint32_t salt)
{
	memset(ps, 0, sizeof(*ps));
	memset(m, 0, sizeof(*m));
	for (uint32_t i = 0; i < count; i++) {
		portset_add(ps, scrambled(i, salt));
		model_add(m, scrambled(i, salt));
	}
}

static void
check_union(uint32_t nd, uint32_t sd, uint32_t ns, uint32_t ss)
{
	static struct port_model md, ms;
	struct portset d, s;

	build(&d, &md, nd, sd);
	build(&s, &ms, ns, ss);
	assert_int_equal(portset_union(&d, &s), 0);
	for (unsigned p = 0; p < 65536; p++)
		if (ms.has[p])
			model_add(&md, (uint16_t)p);
	assert_ports(&d, &md);
	assert_int_equal(s.n, ms.n);	/* src unchanged */
	portset_free(&d);
	portset_free(&s);
}

static void
test_ports_union(void **state)
{
	(void)state;

	/* every pair of forms; same salt means overlapping sets */
	check_union(0, 1, 0, 1);
	check_union(3, 1, 0, 1);
	check_union(0, 1, 3, 1);
	check_union(3, 1, 3, 1);
	check_union(3, 1, 4, 2);
	check_union(4, 1, 100, 1);
	check_union(100, 1, 4, 9);
	check_union(100, 1, 100, 2);
	check_union(300, 1, 300, 2);
	check_union(400, 1, 400, 1);
	check_union(600, 1, 3, 5);
	check_union(3, 5, 600, 1);
	check_union(100, 3, 2000, 1);
	check_union(2000, 3, 2000, 1);
}

static struct addr
A(const char *s)
{
	struct addr a;

	assert_true(addr_parse(s, strlen(s), &a));
	return a;
}

/* The i-th test host: IPv4 for even i, IPv6 for odd i. */
static struct addr
host(uint32_t i)
{
	struct addr a;

	memset(&a, 0, sizeof(a));
	if (i % 2 == 0) {
		a.b[10] = a.b[11] = 0xff;
		a.b[12] = 192;
		a.b[13] = (uint8_t)(i >> 16);
		a.b[14] = (uint8_t)(i >> 8);
		a.b[15] = (uint8_t)i;
	} else {
		a.b[0] = 0x20, a.b[1] = 0x01, a.b[2] = 0x0d, a.b[3] = 0xb8;
		a.b[12] = (uint8_t)(i >> 24);
		a.b[13] = (uint8_t)(i >> 16);
		a.b[14] = (uint8_t)(i >> 8);
		a.b[15] = (uint8_t)i;
	}
	return a;
}

static const char ALL_ONES[] = "ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff";

static void
test_hosts_inline(void **state)
{
	struct hostset hs;
	struct addr a[5] = { A("192.0.2.1"), A("0.0.0.0"), A("192.0.2.255"),
	    A("255.255.255.255"), A("198.51.100.7") };
	struct addr v6 = A("2001:db8::7"), mapped = A("::ffff:192.0.2.1");

	(void)state;

	/* four IPv4 hosts stay inline, the mapped form is the same host */
	memset(&hs, 0, sizeof(hs));
	for (int i = 0; i < 4; i++) {
		assert_int_equal(hostset_add(&hs, &a[i]), 1);
		assert_int_equal(hostset_add(&hs, &a[i]), 0);
	}
	assert_int_equal(hostset_add(&hs, &mapped), 0);
	assert_int_equal(hs.n, 4);
	assert_int_equal(hostset_heap(&hs), 0);

	/* the fifth moves the set to its table, the four kept */
	assert_int_equal(hostset_add(&hs, &a[4]), 1);
	assert_true(hostset_heap(&hs) > 0);
	for (int i = 0; i < 5; i++)
		assert_int_equal(hostset_add(&hs, &a[i]), 0);
	assert_int_equal(hs.n, 5);
	hostset_free(&hs);

	/* an IPv6 host after IPv4 ones does not fit inline */
	assert_int_equal(hostset_add(&hs, &a[0]), 1);
	assert_int_equal(hostset_add(&hs, &v6), 1);
	assert_true(hostset_heap(&hs) > 0);
	assert_int_equal(hostset_add(&hs, &a[0]), 0);
	assert_int_equal(hs.n, 2);
	hostset_free(&hs);

	/* nor does an IPv4 host after an IPv6 one */
	assert_int_equal(hostset_add(&hs, &v6), 1);
	assert_int_equal(hostset_heap(&hs), 0);
	assert_int_equal(hostset_add(&hs, &a[1]), 1);
	assert_true(hostset_heap(&hs) > 0);
	assert_int_equal(hostset_add(&hs, &v6), 0);
	assert_int_equal(hs.n, 2);
	hostset_free(&hs);
}

static void
test_hosts_growth(void **state)
{
	struct hostset hs;
	struct addr ones = A(ALL_ONES), zero = A("::"), v4zero = A("0.0.0.0");

	(void)state;
	memset(&hs, 0, sizeof(hs));
	assert_int_equal(hostset_add(&hs, &zero), 1);
	assert_int_equal(hostset_add(&hs, &zero), 0);
	assert_int_equal(hs.n, 1);
	assert_int_equal(hostset_heap(&hs), 0);

	/* a second IPv6 host moves the set to its table, all-ones too */
	assert_int_equal(hostset_add(&hs, &ones), 1);
	assert_int_equal(hostset_add(&hs, &ones), 0);
	assert_int_equal(hostset_add(&hs, &zero), 0);
	assert_int_equal(hs.n, 2);
	assert_true(hostset_heap(&hs) > 0);
	assert_int_equal(hostset_add(&hs, &v4zero), 1);
	assert_int_equal(hs.n, 3);
	assert_int_equal(hostset_add(&hs, &ones), 0);
	assert_int_equal(hostset_add(&hs, &zero), 0);
	assert_int_equal(hostset_add(&hs, &v4zero), 0);
	assert_int_equal(hs.n, 3);

	for (uint32_t i = 0; i < 3000; i++) {
		struct addr a = host(i);

		assert_int_equal(hostset_add(&hs, &a), 1);
		assert_int_equal(hs.n, 4 + i);
	}
	for (uint32_t i = 0; i < 3000; i++) {
		struct addr a = host(i);

		assert_int_equal(hostset_add(&hs, &a), 0);
	}
	assert_int_equal(hostset_add(&hs, &ones), 0);
	assert_int_equal(hostset_add(&hs, &zero), 0);
	assert_int_equal(hs.n, 3003);
	hostset_free(&hs);
	assert_int_equal(hs.n, 0);
	hostset_free(&hs);
}

static void
test_hosts_ones_in_table(void **state)
{
	struct hostset hs;
	struct addr ones = A(ALL_ONES), a = A("192.0.2.1"),
	    b = A("192.0.2.2"), c = A("2001:db8::1");

	(void)state;

	/* all-ones arrives after the set has its table */
	memset(&hs, 0, sizeof(hs));
	hostset_add(&hs, &a);
	hostset_add(&hs, &b);
	hostset_add(&hs, &c);
	assert_int_equal(hostset_add(&hs, &ones), 1);
	assert_int_equal(hostset_add(&hs, &ones), 0);
	assert_int_equal(hs.n, 4);
	for (uint32_t i = 0; i < 100; i++) {
		struct addr h = host(i * 2 + 1);

		hostset_add(&hs, &h);
	}
	assert_int_equal(hostset_add(&hs, &ones), 0);
	assert_int_equal(hs.n, 103);	/* c is host(1) */
	hostset_free(&hs);

	/* all-ones is the only host, and one of two inline */
	memset(&hs, 0, sizeof(hs));
	assert_int_equal(hostset_add(&hs, &ones), 1);
	assert_int_equal(hs.n, 1);
	assert_int_equal(hostset_add(&hs, &a), 1);
	assert_int_equal(hostset_add(&hs, &ones), 0);
	assert_int_equal(hs.n, 2);
	hostset_free(&hs);
}

/* Builds a host set of hosts first..first+count-1 and maybe all-ones. */
static void
hosts_build(struct hostset *hs, uint32_t first, uint32_t count, bool ones)
{
	struct addr o = A(ALL_ONES);

	memset(hs, 0, sizeof(*hs));
	for (uint32_t i = first; i < first + count; i++) {
		struct addr a = host(i);

		hostset_add(hs, &a);
	}
	if (ones)
		hostset_add(hs, &o);
}

static void
check_host_union(uint32_t df, uint32_t dn, bool dones, uint32_t sf,
    uint32_t sn, bool sones)
{
	struct hostset d, s;
	uint32_t lo = df < sf ? df : sf;
	uint32_t hi_d = df + dn, hi_s = sf + sn;
	uint32_t want = 0;

	/* distinct hosts of the union of the two index ranges */
	for (uint32_t i = lo; i < (hi_d > hi_s ? hi_d : hi_s); i++)
		if ((i >= df && i < hi_d) || (i >= sf && i < hi_s))
			want++;
	want += dones || sones;

	hosts_build(&d, df, dn, dones);
	hosts_build(&s, sf, sn, sones);
	assert_int_equal(hostset_union(&d, &s), 0);
	assert_int_equal(d.n, want);
	for (uint32_t i = sf; i < hi_s; i++) {
		struct addr a = host(i);

		assert_int_equal(hostset_add(&d, &a), 0);
	}
	for (uint32_t i = df; i < hi_d; i++) {
		struct addr a = host(i);

		assert_int_equal(hostset_add(&d, &a), 0);
	}
	assert_int_equal(d.n, want);
	hostset_free(&d);
	hostset_free(&s);
}

static void
test_hosts_union(void **state)
{
	(void)state;
	check_host_union(0, 0, false, 0, 0, false);
	check_host_union(0, 1, false, 0, 2, false);
	check_host_union(0, 2, false, 5, 1, true);
	check_host_union(0, 1, true, 1, 1, false);
	check_host_union(0, 1, true, 1, 1, true);
	check_host_union(0, 50, false, 25, 50, true);
	check_host_union(0, 50, true, 100, 2, false);
	check_host_union(0, 2, false, 0, 500, true);
	check_host_union(0, 500, true, 250, 500, true);
}

static void
test_keys(void **state)
{
	struct keyset ks, other;

	(void)state;
	memset(&ks, 0, sizeof(ks));
	memset(&other, 0, sizeof(other));

	/* key 0 is a key like any other */
	assert_int_equal(keyset_add(&ks, 0), 1);
	assert_int_equal(keyset_add(&ks, 0), 0);
	assert_int_equal(ks.n, 1);
	assert_int_equal(keyset_add(&ks, UINT64_MAX), 1);
	assert_int_equal(keyset_add(&ks, UINT64_MAX), 0);
	assert_int_equal(ks.n, 2);

	/* keys that all fall on one slot */
	for (uint64_t i = 2; i < 1002; i++)
		assert_int_equal(keyset_add(&ks, i << 32 | i), 1);
	for (uint64_t i = 2; i < 1002; i++)
		assert_int_equal(keyset_add(&ks, i << 32 | i), 0);
	assert_int_equal(ks.n, 1002);

	/* union: the overlap is counted once */
	for (uint64_t i = 500; i < 1500; i++)
		keyset_add(&other, i << 32 | i);
	keyset_add(&other, 0);
	assert_int_equal(other.n, 1001);
	assert_int_equal(keyset_union(&ks, &other), 0);
	assert_int_equal(ks.n, 1500);
	assert_int_equal(keyset_add(&ks, 0), 0);
	assert_int_equal(keyset_add(&ks, UINT64_C(1499) << 32 | 1499), 0);

	/* union into an empty set, and from one */
	keyset_free(&ks);
	assert_int_equal(ks.n, 0);
	assert_int_equal(keyset_union(&ks, &other), 0);
	assert_int_equal(ks.n, 1001);
	keyset_free(&other);
	assert_int_equal(keyset_union(&ks, &other), 0);
	assert_int_equal(ks.n, 1001);
	keyset_free(&ks);
	keyset_free(&ks);

	/* one key is kept inline; unions of inline sets */
	assert_int_equal(keyset_add(&ks, 5), 1);
	assert_int_equal(keyset_heap(&ks), 0);
	assert_int_equal(keyset_add(&other, 5), 1);
	assert_int_equal(keyset_union(&ks, &other), 0);
	assert_int_equal(ks.n, 1);
	assert_int_equal(keyset_heap(&ks), 0);
	keyset_free(&other);
	assert_int_equal(keyset_add(&other, 7), 1);
	assert_int_equal(keyset_union(&ks, &other), 0);
	assert_int_equal(ks.n, 2);
	assert_true(keyset_heap(&ks) > 0);
	assert_int_equal(keyset_add(&ks, 5), 0);
	assert_int_equal(keyset_add(&ks, 7), 0);
	keyset_free(&ks);
	keyset_free(&other);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_ports_inline),
		cmocka_unit_test(test_ports_forms),
		cmocka_unit_test(test_ports_all),
		cmocka_unit_test(test_ports_union),
		cmocka_unit_test(test_hosts_inline),
		cmocka_unit_test(test_hosts_growth),
		cmocka_unit_test(test_hosts_ones_in_table),
		cmocka_unit_test(test_hosts_union),
		cmocka_unit_test(test_keys),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
