/*
 * test_mikrotik.c - the MikroTik RouterOS firewall log parser against
 * docs/formats.md: every line of
 * corpus/other_firewalls/crowdsec_mikrotik-scan-multi_ports.log, fixtures
 * written from RouterOS's log line layout (prefix, chain, in:/out:,
 * proto with flags or ICMP type, address pair, NAT), pitfalls B007, B013
 * and B028, malformed lines and lines of other formats.  Expected values
 * are worked out by hand (2024-03-03T10:00:00Z is 1709460000).
 */
#include "testutil.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>

#include "core/action.h"
#include "core/timeutil.h"
#include "parse/format.h"

extern const struct format format_mikrotik;

#define USEC(s) ((int64_t)(s) * USEC_PER_SEC)
#define T_20240303_1000 INT64_C(1709460000)	/* 2024-03-03T10:00:00Z */
#define HDR "Mar  3 10:00:00 gw01 firewall,info "
#define IFS "in:ether1 out:(unknown 0), src-mac 00:00:5e:00:53:01, "

static struct parse_opts opts = { .netfilter_default_action = "drop" };
static struct parse_ctx ctx;

static int
setup(void **state)
{
	const char *err;

	(void)state;
	assert_int_equal(tz_select("UTC", &err), 0);
	action_vocab_reset();
	opts.netfilter_default_action = "drop";
	memset(&ctx, 0, sizeof(ctx));
	ctx.opts = &opts;
	time_ctx_init(&ctx.time, USEC(T_20240303_1000 + 7200), true);
	return 0;
}

static enum parse_status
mt_n(const char *line, size_t n, struct event *ev)
{
	ctx.reason = NULL;
	return format_mikrotik.parse(&ctx, line, n, ev);
}

static enum parse_status
mt(const char *line, struct event *ev)
{
	return mt_n(line, strlen(line), ev);
}

static void
mt_ok(const char *line, struct event *ev)
{
	enum parse_status st = mt(line, ev);

	if (st != PARSE_OK)
		print_error("status %d (%s) for: %s\n", st,
		    ctx.reason ? ctx.reason : "-", line);
	assert_int_equal(st, PARSE_OK);
}

static void
mt_malformed(const char *line, const char *reason)
{
	struct event ev;

	assert_int_equal(mt(line, &ev), PARSE_MALFORMED);
	assert_non_null(ctx.reason);
	assert_string_equal(ctx.reason, reason);
}

static enum action_class
class_of(const struct event *ev)
{
	return action_classify(ev->action.p, ev->action.n);
}

/*
 * The 19 corpus lines: one source, one host, ports 23 to 39 with 36
 * three times, all at 2023-03-18T20:36:59.594792+01:00, that is
 * 19:36:59.594792Z (epoch 1679168219).
 */
static void
test_corpus(void **state)
{
	static const int ports[19] = {
		23, 24, 25, 26, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 36,
		36, 37, 38, 39
	};
	const char *dir = getenv("SHARED");
	char path[4096], *line = NULL;
	size_t cap = 0, k = 0;
	ssize_t len;
	struct event ev;
	FILE *fp;

	snprintf(path, sizeof(path), "%s/corpus/other_firewalls/"
	    "crowdsec_mikrotik-scan-multi_ports.log",
	    dir != NULL ? dir : "../shared");
	if ((fp = fopen(path, "r")) == NULL)
		skip();
	while ((len = getline(&line, &cap, fp)) >= 0) {
		if (len > 0 && line[len - 1] == '\n')
			line[--len] = '\0';
		assert_in_range(k, 0, 18);
		assert_int_equal(mt_n(line, (size_t)len, &ev), PARSE_OK);
		assert_str_eq(ev.action, "drop");
		assert_int_equal(class_of(&ev), ACTION_DENY);
		assert_addr_eq(ev.src, "36.97.161.219");
		assert_addr_eq(ev.dst, "80.82.202.145");
		assert_true(ev.has_sport && ev.has_dport);
		assert_int_equal(ev.sport, 59388);
		assert_int_equal(ev.dport, ports[k]);
		assert_int_equal(ev.proto, PROTO_TCP);
		assert_true(ev.has_time);
		assert_int_equal(ev.time, USEC(1679168219) + 594792);
		assert_str_eq(ev.device, "10.120.127.1");
		assert_str_eq(ev.vendor, "MikroTik");
		assert_str_eq(ev.product, "RouterOS");
		k++;
	}
	assert_int_equal(k, 19);
	free(line);
	fclose(fp);
}

/* The action: prefix words, the chain, else the configured default. */
static void
test_actions(void **state)
{
	struct event ev;

	mt_ok(HDR "DROP-PREFIX input: " IFS "proto TCP (SYN), "
	    "203.0.113.5:40000->192.0.2.1:23, len 44", &ev);
	assert_str_eq(ev.action, "DROP");
	assert_int_equal(ev.time, USEC(T_20240303_1000));
	assert_str_eq(ev.device, "gw01");

	/* no prefix: the default, "drop" */
	mt_ok(HDR "input: " IFS "proto TCP (SYN), "
	    "203.0.113.5:40000->192.0.2.1:24, len 44", &ev);
	assert_str_eq(ev.action, "drop");
	assert_int_equal(class_of(&ev), ACTION_DENY);

	/* the topics' "info" is not a verdict; a configured default */
	opts.netfilter_default_action = "log";
	mt_ok(HDR "forward: " IFS "proto UDP, "
	    "203.0.113.5:5000->192.0.2.1:53, len 60", &ev);
	assert_str_eq(ev.action, "log");
	assert_int_equal(class_of(&ev), ACTION_OTHER);
	opts.netfilter_default_action = "drop";

	/* an accept prefix; a custom chain naming the verdict */
	mt_ok(HDR "ACCEPT-LOG forward: " IFS "proto TCP (SYN), "
	    "203.0.113.5:40000->192.0.2.1:80, len 60", &ev);
	assert_str_eq(ev.action, "ACCEPT");
	assert_int_equal(class_of(&ev), ACTION_ALLOW);
	mt_ok(HDR "reject-scanners: " IFS "proto TCP (SYN), "
	    "203.0.113.5:40000->192.0.2.1:81, len 60", &ev);
	assert_str_eq(ev.action, "reject");
	assert_int_equal(class_of(&ev), ACTION_DENY);

	/* no topics: the syslog reader takes the chain for a tag */
	mt_ok("Mar  3 10:00:03 gw01 input: " IFS "proto UDP, "
	    "203.0.113.5:5353->192.0.2.1:161, len 60", &ev);
	assert_str_eq(ev.action, "drop");
	assert_str_eq(ev.device, "gw01");
	assert_int_equal(ev.dport, 161);
	mt_ok("Mar  3 10:00:03 gw01 accepted input: " IFS "proto UDP, "
	    "203.0.113.5:5353->192.0.2.1:161, len 60", &ev);
	assert_str_eq(ev.action, "accepted");
}

/* Protocols, flags, ICMP type/code, NAT, IPv6 (B007, B028). */
static void
test_packets(void **state)
{
	struct event ev;

	mt_ok(HDR "input: " IFS "proto ICMP (type 8, code 0), "
	    "203.0.113.5->192.0.2.1, len 84", &ev);
	assert_int_equal(ev.proto, PROTO_ICMP);
	assert_false(ev.has_sport || ev.has_dport);
	assert_addr_eq(ev.dst, "192.0.2.1");

	mt_ok(HDR "input: " IFS "proto 47, 203.0.113.5->192.0.2.1, "
	    "len 60", &ev);
	assert_int_equal(ev.proto, 47);
	assert_false(ev.has_dport);

	mt_ok(HDR "forward: in:ether1 out:bridge, connection-state:new "
	    "src-mac 00:00:5e:00:53:01, proto TCP (SYN), "
	    "[2001:db8::1]:40000->[2001:db8:1::2]:22, len 80", &ev);
	assert_addr_eq(ev.src, "2001:db8::1");
	assert_addr_eq(ev.dst, "2001:db8:1::2");
	assert_int_equal(ev.sport, 40000);
	assert_int_equal(ev.dport, 22);

	/* IPv6 without a port: ICMP between IPv6 addresses is ICMPv6 */
	mt_ok(HDR "input: " IFS "proto ICMP (type 128, code 0), "
	    "2001:db8::1->2001:db8::7:8080, len 60", &ev);
	assert_addr_eq(ev.dst, "2001:db8::7:8080");
	assert_false(ev.has_dport);
	assert_int_equal(ev.proto, PROTO_ICMPV6);

	/* dst-nat: the pair before NAT is the packet as it arrived */
	mt_ok(HDR "DROP forward: in:ether1 out:ether2, proto TCP (SYN), "
	    "203.0.113.5:40000->198.51.100.1:80, NAT 203.0.113.5:40000->"
	    "(198.51.100.1:80->192.0.2.9:80), len 60", &ev);
	assert_addr_eq(ev.dst, "198.51.100.1");
	assert_int_equal(ev.dport, 80);

	/* flags, an unknown protocol name, port 0 (B013) */
	mt_ok(HDR "input: " IFS "proto TCP (ACK,FIN), "
	    "203.0.113.5:0->192.0.2.1:0, len 40", &ev);
	assert_true(ev.has_dport);
	assert_int_equal(ev.dport, 0);
	assert_int_equal(ev.sport, 0);
	mt_ok(HDR "input: " IFS "proto VRRP, 203.0.113.5->224.0.0.18, "
	    "len 40", &ev);
	assert_int_equal(ev.proto, -1);

	/* RFC 5424 and ISO headers */
	mt_ok("<134>1 2024-03-03T10:00:09Z gw01 firewall - - - input: "
	    IFS "proto UDP, 203.0.113.5:1->192.0.2.1:2, len 40", &ev);
	assert_int_equal(ev.time, USEC(T_20240303_1000 + 9));
	assert_str_eq(ev.device, "gw01");
	mt_ok("2024-03-03T11:00:09+01:00 gw01 firewall,info input: "
	    IFS "proto UDP, 203.0.113.5:1->192.0.2.1:2, len 40", &ev);
	assert_int_equal(ev.time, USEC(T_20240303_1000 + 9));
}

static void
test_malformed(void **state)
{
	mt_malformed(HDR "input: " IFS "len 44", "no protocol");
	mt_malformed(HDR "input: " IFS "proto TCP (SYN), len 44",
	    "no addresses");
	mt_malformed(HDR "input: " IFS "proto TCP (SY", "no addresses");
	mt_malformed(HDR "input: " IFS "proto TCP (SYN), "
	    "203.0.113.5:40000->192.0.2", "bad destination address");
	mt_malformed(HDR "input: " IFS "proto TCP (SYN), "
	    "203.0.113.500:40000->192.0.2.1:23, len 44",
	    "bad source address");
	mt_malformed(HDR "input: " IFS "proto TCP (SYN), "
	    "203.0.113.5:40000->192.0.2.1:65536, len 44",
	    "bad destination address");
	mt_malformed(HDR "input: " IFS "proto 256, "
	    "203.0.113.5->192.0.2.1, len 44", "bad protocol number");
}

static void
test_not_mine(void **state)
{
	static const char *const lines[] = {
		"",
		"Mar  3 10:00:00 gw01 system,info,account user admin logged "
		    "in from 192.0.2.5 via winbox",
		"Mar  3 10:00:01 gw01 kernel: FW-DROP IN=eth0 OUT= "
		    "SRC=203.0.113.77 DST=192.0.2.10 PROTO=TCP SPT=1 DPT=2",
		"date=2024-03-03 time=10:00:00 logid=\"0000000013\" "
		    "type=\"traffic\" srcip=203.0.113.9 dstip=192.0.2.1",
		"Mar  3 10:00:00 gw01 firewall,info input: in:ether1, proto "
		    "TCP (SYN), 203.0.113.5:1->192.0.2.1:2",
	};
	struct event ev;

	for (size_t i = 0; i < sizeof(lines) / sizeof(lines[0]); i++)
		assert_int_equal(mt(lines[i], &ev), PARSE_NOT_MINE);
}

/* NUL bytes are ordinary bytes; nothing is read past n. */
static void
test_bounds(void **state)
{
	static const char line[] = HDR "DR\0P input: " IFS "proto UDP, "
	    "203.0.113.5:1->192.0.2.1:1234";
	size_t n = sizeof(line) - 1;
	struct event ev;
	char *copy;

	assert_int_equal(mt_n(line, n, &ev), PARSE_OK);
	assert_int_equal(ev.dport, 1234);
	copy = malloc(n - 2);
	memcpy(copy, line, n - 2);
	assert_int_equal(mt_n(copy, n - 2, &ev), PARSE_OK);
	assert_int_equal(ev.dport, 12);
	free(copy);
}

static void
test_sniff(void **state)
{
	static const char ros[] = HDR "input: " IFS "proto UDP, "
	    "203.0.113.5:1->192.0.2.1:2, len 40\n"
	    "Mar  3 10:00:00 gw01 system,info router rebooted\n";

	assert_int_equal(format_mikrotik.sniff(ros, sizeof(ros) - 1), 60);
	assert_int_equal(format_mikrotik.sniff("x\n", 2), 0);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup(test_corpus, setup),
		cmocka_unit_test_setup(test_actions, setup),
		cmocka_unit_test_setup(test_packets, setup),
		cmocka_unit_test_setup(test_malformed, setup),
		cmocka_unit_test_setup(test_not_mine, setup),
		cmocka_unit_test_setup(test_bounds, setup),
		cmocka_unit_test_setup(test_sniff, setup),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
