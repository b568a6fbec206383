/*
 * test_addr.c - parsing, printing and ordering of addresses, "host:port"
 * splitting, and sets of address ranges with the default internal
 * networks.
 *
 * Expected values come from RFC 4291 and RFC 5952 (text forms), the list of
 * internal networks in detection.md section 2, and pitfalls B023, B024,
 * B027 and B028.
 */
#include "testutil.h"

#include <stdlib.h>

/* Parses a C string that must be a valid address. */
static struct addr
A(const char *s)
{
	struct addr a;

	if (!addr_parse(s, strlen(s), &a)) {
		print_error("cannot parse \"%s\"\n", s);
		fail();
	}
	return a;
}

static bool
parses(const char *s)
{
	struct addr a;

	return addr_parse(s, strlen(s), &a);
}

/* Asserts that s parses and prints as want. */
#define assert_canon(s, want) do {					\
	struct addr c_ = A(s);						\
	assert_addr_eq(c_, (want));					\
} while (0)

static void
test_parse_v4(void **state)
{
	struct addr a;
	static const uint8_t want[16] = {
		0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff, 192, 0, 2, 1
	};

	(void)state;
	a = A("192.0.2.1");
	assert_memory_equal(a.b, want, 16);
	assert_true(addr_is_v4(&a));
	assert_canon("0.0.0.0", "0.0.0.0");
	assert_canon("255.255.255.255", "255.255.255.255");
	assert_canon("203.0.113.50", "203.0.113.50");

	/* leading zeros are read as decimal, as firewalls print them */
	assert_canon("010.001.002.003", "10.1.2.3");

	/* only the n bytes given are read */
	assert_true(addr_parse("192.0.2.1999", 9, &a));
	assert_addr_eq(a, "192.0.2.1");

	assert_false(parses(""));
	assert_false(parses("256.0.0.1"));
	assert_false(parses("1.2.3.256"));
	assert_false(parses("1.2.3"));
	assert_false(parses("1.2.3.4.5"));
	assert_false(parses("1..2.3"));
	assert_false(parses(".1.2.3"));
	assert_false(parses("1.2.3.4."));
	assert_false(parses("1.2.3.0004"));
	assert_false(parses("1.2.3.1234"));
	assert_false(parses("1.2.1234.4"));
	assert_false(parses("1234.2.3.4"));
	assert_false(parses("255.255.255.2555"));
	assert_false(parses("1.2.3.4:80"));
	assert_false(parses("1.2.3..4"));
	assert_false(parses("1.2.3.-4"));
	assert_false(parses("1.2.3.4 "));
	assert_false(parses(" 1.2.3.4"));
	assert_false(parses("1.2.3.a"));
	assert_false(parses("192.0.2.1%eth0"));
	assert_false(parses("[]"));
}

static void
test_parse_v6(void **state)
{
	struct addr a;
	static const uint8_t want[16] = {
		0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1
	};

	(void)state;
	a = A("2001:db8::1");
	assert_memory_equal(a.b, want, 16);
	assert_false(addr_is_v4(&a));
	a = A("2001:0DB8:0000:0000:0000:0000:0000:0001");
	assert_memory_equal(a.b, want, 16);

	assert_canon("::", "::");
	assert_canon("::1", "::1");
	assert_canon("1::", "1::");
	assert_canon("1:2:3:4:5:6:7:8", "1:2:3:4:5:6:7:8");
	assert_canon("1:2:3:4:5:6:7::", "1:2:3:4:5:6:7:0");
	assert_canon("::2:3:4:5:6:7:8", "0:2:3:4:5:6:7:8");
	assert_canon("1:2:3::5:6:7:8", "1:2:3:0:5:6:7:8");

	/* zone ids are dropped; brackets are allowed around the address */
	assert_canon("fe80::1%eth0", "fe80::1");
	assert_canon("fe80::1%25", "fe80::1");
	assert_canon("[2001:db8::1]", "2001:db8::1");
	assert_canon("[fe80::a%br-0]", "fe80::a");

	/* an embedded IPv4 tail */
	assert_canon("::ffff:192.0.2.1", "192.0.2.1");
	assert_canon("0:0:0:0:0:ffff:198.51.100.14", "198.51.100.14");
	assert_canon("64:ff9b::192.0.2.33", "64:ff9b::c000:221");
	assert_canon("1:2:3:4:5:6:1.2.3.4", "1:2:3:4:5:6:102:304");
	assert_canon("::192.0.2.1", "::c000:201");
	a = A("::ffff:192.0.2.1");
	assert_true(addr_is_v4(&a));

	/* colons in the wrong places */
	assert_false(parses(":"));
	assert_false(parses(":1:2:3:4:5:6:7"));
	assert_false(parses(":1::"));
	assert_false(parses("1:2:3:4:5:6:7:"));
	assert_false(parses("1::2:"));
	assert_false(parses(":::"));
	assert_false(parses(":::1"));
	assert_false(parses("1:::2"));
	assert_false(parses("1::2::3"));
	assert_false(parses("::1::"));

	/* too many or too few groups */
	assert_false(parses("1:2:3:4:5:6:7:8:9"));
	assert_false(parses("1:2:3:4:5:6:7:8::"));
	assert_false(parses("::1:2:3:4:5:6:7:8"));
	assert_false(parses("1:2:3:4:5:6:7::8"));
	assert_false(parses("1:2:3:4:5:6:7"));
	assert_false(parses("1:2:3:4:5:6:7:1.2.3.4"));

	/* bad groups, zones and brackets */
	assert_false(parses("12345::"));
	assert_false(parses("g::1"));
	assert_false(parses("fe80::1%"));
	assert_false(parses("[::1"));
	assert_false(parses("::1]"));
	assert_false(parses("[[::1]]"));

	/* bad IPv4 tails */
	assert_false(parses("1.2.3.4::"));
	assert_false(parses("::1.2.3.4:1"));
	assert_false(parses("::ffff:1.2.3.256"));
	assert_false(parses("::ffff:1.2.3"));
	assert_false(parses("::1.2.3.4.5"));
}

static void
test_format_rfc5952(void **state)
{
	struct addr a;
	char buf[ADDR_STRLEN];

	(void)state;

	/* the longest run of zeros becomes "::" */
	assert_canon("2001:db8:0:0:1:0:0:0", "2001:db8:0:0:1::");
	assert_canon("0:0:1:0:0:0:1:0", "0:0:1::1:0");

	/* of two equal runs, the first */
	assert_canon("2001:0:0:1:0:0:1:1", "2001::1:0:0:1:1");
	assert_canon("1:0:0:2:3:4:0:0", "1::2:3:4:0:0");

	/* a single zero group is never "::" */
	assert_canon("2001:db8:0:1:1:1:1:1", "2001:db8:0:1:1:1:1:1");

	/* lower case, no leading zeros */
	assert_canon("2001:DB8::ABCD", "2001:db8::abcd");
	assert_canon("2001:0db8:00a0::0001", "2001:db8:a0::1");
	assert_canon("0:1::", "0:1::");

	/* the longest form fits ADDR_STRLEN; the length is returned */
	a = A("ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff");
	assert_int_equal(addr_format(&a, buf), 39);
	assert_string_equal(buf, "ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff");

	/* IPv4-mapped addresses print as IPv4 */
	assert_canon("::ffff:0.0.0.0", "0.0.0.0");
	assert_canon("::FFFF:c000:0201", "192.0.2.1");
	assert_canon("::ffff:1:2", "0.1.0.2");
	assert_canon("::fffe:c000:201", "::fffe:c000:201");
}

static int
cmp(const char *x, const char *y)
{
	struct addr a = A(x), b = A(y);
	int r = addr_cmp(&a, &b);

	return r < 0 ? -1 : r > 0;
}

static void
test_cmp(void **state)
{
	(void)state;

	/* every IPv4 address before every IPv6 address */
	assert_int_equal(cmp("255.255.255.255", "::"), -1);
	assert_int_equal(cmp("::", "0.0.0.0"), 1);
	assert_int_equal(cmp("::1", "203.0.113.1"), 1);
	assert_int_equal(cmp("ffff::", "0.0.0.1"), 1);

	/* then numeric, not text, order */
	assert_int_equal(cmp("9.0.0.0", "10.0.0.0"), -1);
	assert_int_equal(cmp("192.0.2.10", "192.0.2.9"), 1);
	assert_int_equal(cmp("2001:db8::9", "2001:db8::10"), -1);
	assert_int_equal(cmp("2001:db8::ffff", "2001:db8::1:0"), -1);
	assert_int_equal(cmp("::", "::1"), -1);

	/* the mapped form is the same address */
	assert_int_equal(cmp("::ffff:198.51.100.14", "198.51.100.14"), 0);
	assert_int_equal(cmp("2001:db8::1", "2001:DB8:0::1"), 0);
}

static bool
hostport(const char *s, const char *want_addr, uint16_t want_port)
{
	struct addr a;
	uint16_t port = 0;
	char buf[ADDR_STRLEN];

	if (!addr_parse_hostport(s, strlen(s), &a, &port))
		return false;
	addr_format(&a, buf);
	if (strcmp(buf, want_addr) != 0 || port != want_port) {
		print_error("\"%s\": got %s port %u\n", s, buf, port);
		return false;
	}
	return true;
}

static bool
hostport_bad(const char *s)
{
	struct addr a;
	uint16_t port;

	return !addr_parse_hostport(s, strlen(s), &a, &port);
}

static void
test_hostport(void **state)
{
	(void)state;

	/* B028: split at the last colon, or after the brackets */
	assert_true(hostport("2001:db8:4:5::7:51000", "2001:db8:4:5::7",
	    51000));
	assert_true(hostport("[2001:db8:2::5a24]:43000", "2001:db8:2::5a24",
	    43000));
	assert_true(hostport("198.51.100.1:80", "198.51.100.1", 80));
	assert_true(hostport("192.0.2.100:0", "192.0.2.100", 0));
	assert_true(hostport("192.0.2.100:65535", "192.0.2.100", 65535));
	assert_true(hostport("[::ffff:198.51.100.14]:8080", "198.51.100.14",
	    8080));
	assert_true(hostport("::1:22", "::1", 22));

	assert_true(hostport_bad("198.51.100.1:65536"));
	assert_true(hostport_bad("198.51.100.1:123456"));
	assert_true(hostport_bad("198.51.100.1:"));
	assert_true(hostport_bad("198.51.100.1"));
	assert_true(hostport_bad("198.51.100.1:8o"));
	assert_true(hostport_bad("198.51.100.1:-1"));
	assert_true(hostport_bad("198.51.100.1: 80"));
	assert_true(hostport_bad("198.51.100.1:+80"));
	assert_true(hostport_bad(":80"));
	assert_true(hostport_bad("1:80"));
	assert_true(hostport_bad(""));
	assert_true(hostport_bad("[2001:db8::1]"));
	assert_true(hostport_bad("[2001:db8::1]43000"));
	assert_true(hostport_bad("[2001:db8::1]:"));
	assert_true(hostport_bad("[2001:db8::1:43000"));
	assert_true(hostport_bad("[2001]:43000"));
	assert_true(hostport_bad("256.0.0.1:80"));
}

static void
set_add(struct range_set *rs, const char *cidr)
{
	const char *err = NULL;

	if (range_set_add(rs, cidr, strlen(cidr), &err) != 0) {
		print_error("cannot add \"%s\": %s\n", cidr, err);
		fail();
	}
}

static bool
in(const struct range_set *rs, const char *s)
{
	struct addr a = A(s);

	return range_set_contains(rs, &a);
}

static void
internal_default(struct range_set *rs)
{
	range_set_init(rs);
	for (size_t i = 0; addr_internal_default[i] != NULL; i++)
		set_add(rs, addr_internal_default[i]);
}

static void
test_internal_v4(void **state)
{
	struct range_set rs;

	(void)state;
	internal_default(&rs);

	/* B023: 172.16.0.0/12 exactly, not all of 172/8 */
	assert_false(in(&rs, "172.15.255.255"));
	assert_true(in(&rs, "172.16.0.0"));
	assert_true(in(&rs, "172.31.255.255"));
	assert_false(in(&rs, "172.32.0.0"));
	assert_false(in(&rs, "172.32.0.9"));
	assert_false(in(&rs, "172.217.0.1"));

	/* B024: all of RFC 1918, not only 172.16/16 or 10/8 */
	assert_true(in(&rs, "172.20.1.1"));
	assert_true(in(&rs, "192.168.7.7"));
	assert_false(in(&rs, "192.169.0.1"));
	assert_false(in(&rs, "192.167.255.255"));
	assert_true(in(&rs, "192.168.0.0"));
	assert_true(in(&rs, "192.168.255.255"));
	assert_false(in(&rs, "9.255.255.255"));
	assert_true(in(&rs, "10.0.0.0"));
	assert_true(in(&rs, "10.255.255.255"));
	assert_false(in(&rs, "11.0.0.0"));

	/* B027: the mapped form is the IPv4 address */
	assert_true(in(&rs, "::ffff:10.1.2.3"));
	assert_true(in(&rs, "::ffff:ac14:101"));

	/* CGNAT 100.64.0.0/10 */
	assert_false(in(&rs, "100.63.255.255"));
	assert_true(in(&rs, "100.64.0.0"));
	assert_true(in(&rs, "100.127.255.255"));
	assert_false(in(&rs, "100.128.0.0"));

	/* this network, loopback, link-local */
	assert_true(in(&rs, "0.0.0.0"));
	assert_true(in(&rs, "0.255.255.255"));
	assert_false(in(&rs, "1.0.0.0"));
	assert_false(in(&rs, "126.255.255.255"));
	assert_true(in(&rs, "127.0.0.1"));
	assert_false(in(&rs, "128.0.0.0"));
	assert_false(in(&rs, "169.253.255.255"));
	assert_true(in(&rs, "169.254.0.0"));
	assert_true(in(&rs, "169.254.255.255"));
	assert_false(in(&rs, "169.255.0.0"));

	/* multicast and reserved, up to the broadcast address */
	assert_false(in(&rs, "223.255.255.255"));
	assert_true(in(&rs, "224.0.0.0"));
	assert_true(in(&rs, "239.255.255.255"));
	assert_true(in(&rs, "240.0.0.0"));
	assert_true(in(&rs, "255.255.255.255"));

	/* documentation ranges are attackers in tests, so external */
	assert_false(in(&rs, "192.0.2.1"));
	assert_false(in(&rs, "198.51.100.14"));
	assert_false(in(&rs, "203.0.113.50"));
	assert_false(in(&rs, "::ffff:203.0.113.50"));
	assert_false(in(&rs, "8.8.8.8"));
	range_set_free(&rs);
}

static void
test_internal_v6(void **state)
{
	struct range_set rs;

	(void)state;
	internal_default(&rs);
	assert_true(in(&rs, "::"));
	assert_true(in(&rs, "::1"));
	assert_false(in(&rs, "::2"));
	assert_false(in(&rs, "::a01:203"));	/* ::10.1.2.3, not mapped */

	/* fc00::/7 */
	assert_false(in(&rs, "fbff:ffff:ffff:ffff:ffff:ffff:ffff:ffff"));
	assert_true(in(&rs, "fc00::"));
	assert_true(in(&rs, "fd12:3456::1"));
	assert_true(in(&rs, "fdff:ffff:ffff:ffff:ffff:ffff:ffff:ffff"));
	assert_false(in(&rs, "fe00::"));

	/* fe80::/10 */
	assert_false(in(&rs, "fe7f:ffff:ffff:ffff:ffff:ffff:ffff:ffff"));
	assert_true(in(&rs, "fe80::"));
	assert_true(in(&rs, "fe80::1%eth0"));
	assert_true(in(&rs, "febf:ffff:ffff:ffff:ffff:ffff:ffff:ffff"));
	assert_false(in(&rs, "fec0::"));

	/* ff00::/8 up to the all-ones address */
	assert_false(in(&rs, "feff:ffff:ffff:ffff:ffff:ffff:ffff:ffff"));
	assert_true(in(&rs, "ff00::"));
	assert_true(in(&rs, "ff02::1"));
	assert_true(in(&rs, "ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff"));

	assert_false(in(&rs, "2001:db8::1"));
	assert_false(in(&rs, "2001:db8:ffff:ffff:ffff:ffff:ffff:ffff"));
	assert_false(in(&rs, "2001:4860::8888"));

	/*
	 * The 14 blocks merge into 12 intervals: ::/128 with ::1/128, and
	 * 224.0.0.0/4 with 240.0.0.0/4.
	 */
	assert_int_equal(rs.n, 12);
	range_set_free(&rs);
}

static void
test_range_merge(void **state)
{
	struct range_set rs;

	(void)state;

	/* overlapping: the smaller block inside the larger */
	range_set_init(&rs);
	set_add(&rs, "10.1.0.0/16");
	set_add(&rs, "10.0.0.0/8");
	set_add(&rs, "10.1.2.3");
	assert_int_equal(rs.n, 1);
	assert_addr_eq(rs.v[0].lo, "10.0.0.0");
	assert_addr_eq(rs.v[0].hi, "10.255.255.255");
	range_set_free(&rs);

	/* adjacent halves, in either order */
	range_set_init(&rs);
	set_add(&rs, "192.0.2.128/25");
	set_add(&rs, "192.0.2.0/25");
	assert_int_equal(rs.n, 1);
	assert_addr_eq(rs.v[0].lo, "192.0.2.0");
	assert_addr_eq(rs.v[0].hi, "192.0.2.255");
	assert_true(in(&rs, "192.0.2.127"));
	assert_true(in(&rs, "192.0.2.128"));
	assert_false(in(&rs, "192.0.3.0"));
	assert_false(in(&rs, "192.0.1.255"));
	range_set_free(&rs);

	/* a gap of one address stays a gap */
	range_set_init(&rs);
	set_add(&rs, "192.0.2.0/25");
	set_add(&rs, "192.0.2.129");
	assert_int_equal(rs.n, 2);
	assert_false(in(&rs, "192.0.2.128"));
	assert_true(in(&rs, "192.0.2.129"));
	assert_false(in(&rs, "192.0.2.130"));

	/* filling the gap joins them */
	set_add(&rs, "192.0.2.128");
	assert_int_equal(rs.n, 1);
	assert_addr_eq(rs.v[0].hi, "192.0.2.129");
	range_set_free(&rs);

	/* a middle block bridges two */
	range_set_init(&rs);
	set_add(&rs, "198.51.100.0/26");
	set_add(&rs, "198.51.100.128/26");
	assert_int_equal(rs.n, 2);
	set_add(&rs, "198.51.100.64/26");
	assert_int_equal(rs.n, 1);
	assert_addr_eq(rs.v[0].hi, "198.51.100.191");
	assert_false(in(&rs, "198.51.100.192"));
	range_set_free(&rs);

	/* IPv6 halves */
	range_set_init(&rs);
	set_add(&rs, "2001:db8:8000::/33");
	set_add(&rs, "2001:db8::/33");
	assert_int_equal(rs.n, 1);
	assert_addr_eq(rs.v[0].hi, "2001:db8:ffff:ffff:ffff:ffff:ffff:ffff");
	range_set_free(&rs);
}

static void
test_range_whole(void **state)
{
	struct range_set rs;

	(void)state;

	/* 0.0.0.0/0 is every IPv4 address and no IPv6 one */
	range_set_init(&rs);
	set_add(&rs, "0.0.0.0/0");
	assert_true(in(&rs, "0.0.0.0"));
	assert_true(in(&rs, "255.255.255.255"));
	assert_false(in(&rs, "::1"));
	assert_false(in(&rs, "2001:db8::1"));
	range_set_free(&rs);

	/* ::/0 holds everything, up to the all-ones address */
	range_set_init(&rs);
	set_add(&rs, "::/0");
	set_add(&rs, "10.0.0.0/8");
	set_add(&rs, "ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff");
	assert_int_equal(rs.n, 1);
	assert_true(in(&rs, "::"));
	assert_true(in(&rs, "203.0.113.1"));
	assert_true(in(&rs, "ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff"));
	range_set_free(&rs);

	/* B027: a mapped source in a set holding its IPv4 block */
	range_set_init(&rs);
	set_add(&rs, "198.51.100.0/24");
	assert_true(in(&rs, "::ffff:198.51.100.14"));
	assert_true(in(&rs, "198.51.100.14"));
	assert_false(in(&rs, "198.51.101.14"));
	range_set_free(&rs);

	/* the empty set holds nothing; freeing twice or NULL is harmless */
	range_set_init(&rs);
	assert_false(in(&rs, "0.0.0.0"));
	assert_false(in(&rs, "::"));
	range_set_free(&rs);
	range_set_free(&rs);
	range_set_free(NULL);
}

/*
 * An IPv6 text form takes an IPv6 prefix length, also when the address is
 * IPv4-mapped: ::ffff:198.51.100.0/120 is 198.51.100.0/24.
 */
static void
test_range_mapped_prefix(void **state)
{
	struct range_set rs;
	const char *err = NULL;

	(void)state;
	range_set_init(&rs);
	set_add(&rs, "::ffff:198.51.100.0/120");
	assert_int_equal(rs.n, 1);
	assert_addr_eq(rs.v[0].lo, "198.51.100.0");
	assert_addr_eq(rs.v[0].hi, "198.51.100.255");
	set_add(&rs, "::ffff:0:0/96");
	assert_int_equal(rs.n, 1);
	assert_addr_eq(rs.v[0].lo, "0.0.0.0");
	assert_addr_eq(rs.v[0].hi, "255.255.255.255");
	assert_int_equal(range_set_add(&rs, "::ffff:198.51.100.0/24", 22,
	    &err), -1);
	assert_non_null(strstr(err, "host bits"));
	range_set_free(&rs);
}

static void
assert_add_fails(const char *cidr, const char *why)
{
	struct range_set rs;
	const char *err = NULL;

	range_set_init(&rs);
	set_add(&rs, "203.0.113.0/24");
	if (range_set_add(&rs, cidr, strlen(cidr), &err) != -1) {
		print_error("\"%s\" was accepted\n", cidr);
		fail();
	}
	assert_non_null(err);
	if (strstr(err, why) == NULL) {
		print_error("\"%s\": \"%s\" does not say \"%s\"\n", cidr,
		    err, why);
		fail();
	}
	assert_int_equal(rs.n, 1);
	assert_addr_eq(rs.v[0].lo, "203.0.113.0");
	assert_addr_eq(rs.v[0].hi, "203.0.113.255");
	range_set_free(&rs);
}

static void
test_range_errors(void **state)
{
	(void)state;
	assert_add_fails("10.0.0.1/8", "host bits");
	assert_add_fails("172.16.0.0/11", "host bits");
	assert_add_fails("1.0.0.0/0", "host bits");
	assert_add_fails("2001:db8::1/32", "host bits");
	assert_add_fails("2001:db9::/31", "host bits");
	assert_add_fails("10.0.0.0/33", "prefix length");
	assert_add_fails("2001:db8::/129", "prefix length");
	assert_add_fails("10.0.0.0/", "prefix length");
	assert_add_fails("10.0.0.0/-1", "prefix length");
	assert_add_fails("10.0.0.0/8a", "prefix length");
	assert_add_fails("10.0.0.0/ 8", "prefix length");
	assert_add_fails("10.0.0.0/0008", "prefix length");
	assert_add_fails("10.0.0.0/8/8", "prefix length");
	assert_add_fails("10.0.0.0/1000", "prefix length");
	assert_add_fails("not-an-ip/8", "IP address");
	assert_add_fails("/8", "IP address");
	assert_add_fails("", "IP address");
	assert_add_fails("10.0.0.256/32", "IP address");
}

static void
test_range_list(void **state)
{
	struct range_set rs;
	const char *err = NULL, *bad = NULL;
	const char *list = "10.0.0.0/8,10.0.0.1/8,192.168.0.0/16";

	(void)state;
	range_set_init(&rs);
	assert_int_equal(range_set_add_list(&rs,
	    " 192.0.2.0/24, 198.51.100.7\t2001:db8::/32\n", &err, &bad), 0);
	assert_int_equal(rs.n, 3);
	assert_true(in(&rs, "192.0.2.200"));
	assert_true(in(&rs, "198.51.100.7"));
	assert_false(in(&rs, "198.51.100.8"));
	assert_true(in(&rs, "2001:db8:1::1"));
	range_set_free(&rs);

	range_set_init(&rs);
	assert_int_equal(range_set_add_list(&rs, "", &err, &bad), 0);
	assert_int_equal(range_set_add_list(&rs, " , ,", &err, &bad), 0);
	assert_int_equal(rs.n, 0);

	/* stops at the first bad block and points at it */
	assert_int_equal(range_set_add_list(&rs, list, &err, &bad), -1);
	assert_ptr_equal(bad, list + 11);
	assert_non_null(strstr(err, "host bits"));
	assert_true(in(&rs, "10.9.9.9"));
	assert_false(in(&rs, "192.168.1.1"));
	range_set_free(&rs);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_parse_v4),
		cmocka_unit_test(test_parse_v6),
		cmocka_unit_test(test_format_rfc5952),
		cmocka_unit_test(test_cmp),
		cmocka_unit_test(test_hostport),
		cmocka_unit_test(test_internal_v4),
		cmocka_unit_test(test_internal_v6),
		cmocka_unit_test(test_range_merge),
		cmocka_unit_test(test_range_whole),
		cmocka_unit_test(test_range_mapped_prefix),
		cmocka_unit_test(test_range_errors),
		cmocka_unit_test(test_range_list),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
