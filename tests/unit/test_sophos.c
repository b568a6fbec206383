/*
 * test_sophos.c - the Sophos Firewall key=value parser against
 * docs/formats.md: every line of
 * corpus/other_firewalls/elastic_sophos_xg_test-sophos-18-5-firewall.log,
 * fixtures written from the SFOS syslog guide for the Central Reporting
 * format (timestamp=, device_serial_id=) and the IDP log type, pitfalls
 * B006 and B013, malformed lines and lines of other formats.  Expected
 * times are worked out by hand: the timezone field's abbreviation gives
 * the offset (IST +05:30, BST +01:00, CEST +02:00).
 */
#include "testutil.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>

#include "core/action.h"
#include "core/timeutil.h"
#include "parse/format.h"

extern const struct format format_sophos;

#define USEC(s) ((int64_t)(s) * USEC_PER_SEC)
#define T_20240303_1000 INT64_C(1709460000)	/* 2024-03-03T10:00:00Z */

static struct parse_opts opts = { .netfilter_default_action = "drop" };
static struct parse_ctx ctx;

static int
setup(void **state)
{
	const char *err;

	(void)state;
	assert_int_equal(tz_select("UTC", &err), 0);
	action_vocab_reset();
	memset(&ctx, 0, sizeof(ctx));
	ctx.opts = &opts;
	time_ctx_init(&ctx.time, USEC(T_20240303_1000 + 7200), true);
	return 0;
}

static enum parse_status
sp_n(const char *line, size_t n, struct event *ev)
{
	ctx.reason = NULL;
	return format_sophos.parse(&ctx, line, n, ev);
}

static enum parse_status
sp(const char *line, struct event *ev)
{
	return sp_n(line, strlen(line), ev);
}

static void
sp_ok(const char *line, struct event *ev)
{
	enum parse_status st = sp(line, ev);

	if (st != PARSE_OK)
		print_error("status %d (%s) for: %s\n", st,
		    ctx.reason ? ctx.reason : "-", line);
	assert_int_equal(st, PARSE_OK);
}

static void
sp_status(const char *line, enum parse_status want, const char *reason)
{
	struct event ev;

	assert_int_equal(sp(line, &ev), want);
	assert_non_null(ctx.reason);
	assert_string_equal(ctx.reason, reason);
}

static enum action_class
class_of(const struct event *ev)
{
	return action_classify(ev->action.p, ev->action.n);
}

/* What one corpus line must give. */
struct want {
	const char *action;
	const char *src, *dst;
	int sport, dport;	/* -1: absent */
	int proto;
	int64_t sec;
	const char *device;
};

/* The 16 lines of the SFOS 18.5 file, in order. */
static const struct want corpus_want[] = {
	/* 2017-01-31 14:16:19 IST; device_id holds a space */
	{ "Allow", "10.198.47.71", "81.2.69.143", 59859, 53, 17,
	    1485852379, "C44313350024- P29PUA" },
	/* ICMP, cut inside the last value */
	{ "Deny", "10.198.32.19", "1.128.3.4", -1, -1, 1, 1527666266,
	    "SFDemo-763180a" },
	/* Heartbeat, 10:55:41 BST */
	{ "Deny", "10.198.37.57", "175.16.199.1", -1, -1, 1, 1527846941,
	    "SFDemo-9a04c43" },
	/* ICMP ERROR MESSAGE denied, then allowed */
	{ "Deny", "216.160.83.61", "10.198.232.48", -1, -1, 1, 1527683109,
	    "SFDemo-763180a" },
	{ "Allow", "172.29.250.33", "10.198.232.48", -1, -1, 1, 1527683623,
	    "SFDemo-763180a" },
	{ "Deny", "10.198.37.57", "10.198.32.19", -1, -1, 1, 1527847075,
	    "SFDemo-9a04c43" },
	/* Invalid Traffic: UDP to port 0 */
	{ "Deny", "10.198.32.19", "1.128.3.4", 1353, 0, 17, 1527666997,
	    "SFDemo-763180a" },
	/* Fragmented Traffic: 0.0.0.0, protocol "0", ports 0 */
	{ "Deny", "0.0.0.0", "0.0.0.0", 0, 0, 0, 1528113024,
	    "SFDemo-763180a" },
	/* Appliance Access, DoS Attack, ICMP Redirection, Source Routed */
	{ "Deny", "10.198.38.184", "10.198.39.255", 137, 137, 17, 1527669092,
	    "SFDemo-763180a" },
	{ "Deny", "10.198.32.19", "10.198.32.48", 41960, 22, 6, 1527670037,
	    "SFDemo-763180a" },
	{ "Deny", "10.198.37.23", "10.198.36.48", -1, -1, 1, 1528189231,
	    "SFDemo-763180a" },
	{ "Deny", "10.198.12.19", "1.128.3.4", 1571, 80, 6, 1527766514,
	    "SFDemo-763180a" },
	/* MAC Filter: IPv6 */
	{ "Deny", "fe80::59f5:3ce8:c98e:5062", "ff02::1:2", 546, 547, 17,
	    1527673191, "SFDemo-763180a" },
	/* IPMAC Filter, IP Spoof */
	{ "Deny", "10.198.32.15", "216.160.83.57", -1, -1, 1, 1527673365,
	    "SFDemo-763180a" },
	{ "Deny", "169.254.234.5", "127.0.0.1", -1, -1, 1, 1527669265,
	    "SFDemo-763180a" },
	/* 03:45:23 CEST; ether_type=Unknown (0x0000) bare with a space */
	{ "Allow", "10.146.13.30", "10.8.142.181", 45294, 443, 6, 1591321523,
	    "SFDemo-ta-vm-55" },
};

static void
check_want(const struct event *ev, const struct want *w)
{
	assert_str_eq(ev->action, w->action);
	assert_addr_eq(ev->src, w->src);
	assert_addr_eq(ev->dst, w->dst);
	assert_int_equal(ev->has_sport, w->sport >= 0);
	if (w->sport >= 0)
		assert_int_equal(ev->sport, w->sport);
	assert_int_equal(ev->has_dport, w->dport >= 0);
	if (w->dport >= 0)
		assert_int_equal(ev->dport, w->dport);
	assert_int_equal(ev->proto, w->proto);
	assert_true(ev->has_time);
	assert_int_equal(ev->time, USEC(w->sec));
	assert_str_eq(ev->device, w->device);
	assert_str_eq(ev->vendor, "Sophos");
	assert_str_eq(ev->product, "XG Firewall");
}

static void
test_corpus(void **state)
{
	const char *dir = getenv("SHARED");
	char path[4096], *line = NULL;
	size_t cap = 0, k = 0, nwant;
	ssize_t len;
	struct event ev;
	FILE *fp;

	snprintf(path, sizeof(path), "%s/corpus/other_firewalls/"
	    "elastic_sophos_xg_test-sophos-18-5-firewall.log",
	    dir != NULL ? dir : "../shared");
	if ((fp = fopen(path, "r")) == NULL)
		skip();
	nwant = sizeof(corpus_want) / sizeof(corpus_want[0]);
	while ((len = getline(&line, &cap, fp)) >= 0) {
		if (len > 0 && line[len - 1] == '\n')
			line[--len] = '\0';
		assert_in_range(k, 0, nwant - 1);
		assert_int_equal(sp_n(line, (size_t)len, &ev), PARSE_OK);
		check_want(&ev, &corpus_want[k]);
		k++;
	}
	assert_int_equal(k, nwant);
	free(line);
	fclose(fp);
}

/* SFOS 19.5+ Central Reporting format: timestamp= with its offset. */
static void
test_central_format(void **state)
{
	struct event ev;

	sp_ok("Mar  3 04:00:01 sophos device_name=\"SFW\" "
	    "timestamp=\"2024-03-03T04:00:01-0600\" device_model=\"XGS2100\" "
	    "device_serial_id=\"X21000EXAMPLE1\" log_id=\"010102600002\" "
	    "log_type=\"Firewall\" log_component=\"Firewall Rule\" "
	    "log_subtype=\"Denied\" log_version=1 severity=\"Information\" "
	    "fw_rule_id=\"5\" fw_rule_name=\"Drop WAN to LAN\" "
	    "fw_rule_type=\"USER\" ether_type=\"IPv4 (0x0800)\" "
	    "in_interface=\"Port2\" src_mac=\"00:00:5e:00:53:01\" "
	    "src_ip=\"203.0.113.7\" src_country=\"R1\" dst_ip=\"192.0.2.10\" "
	    "dst_country=\"R1\" protocol=\"TCP\" src_port=40000 dst_port=23 "
	    "hb_status=\"No Heartbeat\" app_resolved_by=\"Signature\" "
	    "app_is_cloud=\"FALSE\" qualifier=\"New\"", &ev);
	assert_int_equal(ev.time, USEC(T_20240303_1000 + 1));
	assert_str_eq(ev.action, "Denied");
	assert_int_equal(class_of(&ev), ACTION_DENY);
	assert_addr_eq(ev.src, "203.0.113.7");
	assert_addr_eq(ev.dst, "192.0.2.10");
	assert_int_equal(ev.sport, 40000);
	assert_int_equal(ev.dport, 23);
	assert_int_equal(ev.proto, PROTO_TCP);
	assert_str_eq(ev.device, "X21000EXAMPLE1");

	/* no serial: device_name, then the syslog host */
	sp_ok("Mar  3 10:00:02 sophos device_name=\"SFW\" "
	    "timestamp=\"2024-03-03T10:00:02Z\" log_type=\"Firewall\" "
	    "log_component=\"Firewall Rule\" log_subtype=\"Allowed\" "
	    "src_ip=\"203.0.113.7\" dst_ip=\"192.0.2.10\" protocol=\"UDP\" "
	    "src_port=5000 dst_port=53", &ev);
	assert_str_eq(ev.device, "SFW");
	assert_int_equal(class_of(&ev), ACTION_ALLOW);
	sp_ok("Mar  3 10:00:02 sophos timestamp=\"2024-03-03T10:00:02Z\" "
	    "log_type=\"Firewall\" log_component=\"Firewall Rule\" "
	    "log_subtype=\"Denied\" src_ip=203.0.113.7 dst_ip=192.0.2.10",
	    &ev);
	assert_str_eq(ev.device, "sophos");
}

/* Time: timestamp, else date/time with timezone, else the header. */
static void
test_time_sources(void **state)
{
	struct event ev;

	/* an unknown zone abbreviation: the time is in --tz (UTC) */
	sp_ok("device=\"SFW\" date=2024-03-03 time=10:00:03 "
	    "timezone=\"XYZT\" device_name=\"XG125w\" log_type=\"Firewall\" "
	    "log_component=\"Firewall Rule\" status=\"Deny\" "
	    "src_ip=203.0.113.7 dst_ip=192.0.2.10", &ev);
	assert_int_equal(ev.time, USEC(T_20240303_1000 + 3));
	assert_str_eq(ev.device, "XG125w");

	/* a numeric offset */
	sp_ok("device=\"SFW\" date=2024-03-03 time=11:00:03 "
	    "timezone=\"+01:00\" log_type=\"Firewall\" "
	    "log_component=\"Firewall Rule\" status=\"Deny\" "
	    "src_ip=203.0.113.7 dst_ip=192.0.2.10", &ev);
	assert_int_equal(ev.time, USEC(T_20240303_1000 + 3));

	/* unreadable date: the syslog header's time */
	sp_ok("<30>Mar  3 10:00:04 fw device=\"SFW\" date=03/03/2024 "
	    "time=10:00:04 log_type=\"Firewall\" "
	    "log_component=\"Firewall Rule\" status=\"Deny\" "
	    "src_ip=203.0.113.7 dst_ip=192.0.2.10", &ev);
	assert_int_equal(ev.time, USEC(T_20240303_1000 + 4));
	assert_str_eq(ev.device, "fw");

	/* no time at all */
	sp_ok("device=\"SFW\" log_type=\"Firewall\" "
	    "log_component=\"Firewall Rule\" status=\"Deny\" "
	    "src_ip=203.0.113.7 dst_ip=192.0.2.10", &ev);
	assert_false(ev.has_time);
}

/* Which log types give events; the action words. */
static void
test_log_types(void **state)
{
	struct event ev;

	sp_ok("device=\"SFW\" date=2018-05-30 time=14:17:17 "
	    "timezone=\"UTC\" device_name=\"XG125w\" "
	    "device_id=SFDemo-763180a log_id=020804402001 log_type=\"IDP\" "
	    "log_component=\"Anomaly\" log_subtype=\"Drop\" "
	    "priority=Warning idp_policy_id=1 "
	    "idp_policy_name=\"WAN TO LAN\" sig_id=9009 "
	    "sig_msg=\"SCAN nmap XMAS\" classification=\"Attempted "
	    "Information Leak\" rule_priority=2 src_ip=203.0.113.70 "
	    "src_country_code= dst_ip=192.0.2.30 dst_country_code= "
	    "protocol=\"TCP\" src_port=41000 dst_port=8080 platform=\"\" "
	    "category=\"\" target=\"\"", &ev);
	assert_str_eq(ev.action, "Drop");
	assert_int_equal(class_of(&ev), ACTION_DENY);
	assert_int_equal(ev.dport, 8080);

	sp_status("device=\"SFW\" date=2018-05-30 time=14:17:17 "
	    "log_id=050901616001 log_type=\"Content Filtering\" "
	    "log_component=\"HTTP\" log_subtype=\"Denied\" status=\"\" "
	    "src_ip=192.0.2.5 dst_ip=198.51.100.80 dst_port=80",
	    PARSE_SKIP, "log type other than Firewall or IDP");
	sp_status("device_name=\"SFW\" timestamp=\"2024-05-02T11:03:12+0200\" "
	    "log_type=\"Event\" log_component=\"IPSec\" "
	    "log_subtype=\"System\" src_ip=\"192.0.2.117\" "
	    "dst_ip=\"192.0.2.118\" status=\"Terminated\"",
	    PARSE_SKIP, "log type other than Firewall or IDP");

	/* status wins over log_subtype */
	sp_ok("device=\"SFW\" log_type=\"Firewall\" "
	    "log_component=\"Firewall Rule\" log_subtype=\"Allowed\" "
	    "status=\"Deny\" src_ip=203.0.113.7 dst_ip=192.0.2.10", &ev);
	assert_str_eq(ev.action, "Deny");
}

/* B006: the same record bare and after RFC 3164, 5424 and a PRI. */
static void
test_b006_headers(void **state)
{
	static const char body[] = "device=\"SFW\" date=2024-03-03 "
	    "time=10:00:05 timezone=\"UTC\" device_name=\"XG125w\" "
	    "device_id=SFDemo-1 log_id=010102600002 log_type=\"Firewall\" "
	    "log_component=\"Firewall Rule\" log_subtype=\"Denied\" "
	    "status=\"Deny\" src_ip=203.0.113.20 dst_ip=192.0.2.1 "
	    "protocol=\"TCP\" src_port=40000 dst_port=22";
	static const char *const heads[] = {
		"", "Mar  3 10:00:05 fw01.example.com ",
		"<30>1 2024-03-03T10:00:05Z fw01.example.com - - - - ",
		"<30>",
	};
	char line[1024];
	struct event ev;

	for (size_t i = 0; i < sizeof(heads) / sizeof(heads[0]); i++) {
		snprintf(line, sizeof(line), "%s%s", heads[i], body);
		sp_ok(line, &ev);
		assert_addr_eq(ev.src, "203.0.113.20");
		assert_int_equal(ev.dport, 22);
		assert_str_eq(ev.action, "Deny");
		assert_int_equal(ev.time, USEC(T_20240303_1000 + 5));
		assert_str_eq(ev.device, "SFDemo-1");
	}
}

/* Present but unreadable values (B013: 0 is a port, 65536 is not). */
static void
test_malformed(void **state)
{
#define SPH_HEAD "device=\"SFW\" log_type=\"Firewall\" " \
	"log_component=\"Firewall Rule\" status=\"Deny\" "
	struct event ev;

	sp_ok(SPH_HEAD "src_ip=203.0.113.7 dst_ip=192.0.2.10 "
	    "protocol=\"UDP\" src_port=0 dst_port=0", &ev);
	assert_true(ev.has_sport && ev.has_dport);
	assert_int_equal(ev.dport, 0);
	sp_ok(SPH_HEAD "src_ip=203.0.113.7 dst_ip=192.0.2.10 "
	    "protocol=\"XNS\"", &ev);
	assert_int_equal(ev.proto, -1);

	sp_status(SPH_HEAD "src_ip=203.0.113.300 dst_ip=192.0.2.10",
	    PARSE_MALFORMED, "bad source address");
	sp_status(SPH_HEAD "src_ip=203.0.113.7 dst_ip=192.0.2",
	    PARSE_MALFORMED, "bad destination address");
	sp_status(SPH_HEAD "src_ip=203.0.113.7 dst_ip=192.0.2.10 "
	    "dst_port=65536", PARSE_MALFORMED, "bad destination port");
	sp_status(SPH_HEAD "src_ip=203.0.113.7 dst_ip=192.0.2.10 "
	    "src_port=x1", PARSE_MALFORMED, "bad source port");
	sp_status(SPH_HEAD "src_ip=203.0.113.7 dst_ip=192.0.2.10 "
	    "protocol=\"300\"", PARSE_MALFORMED, "bad protocol");
	sp_status(SPH_HEAD "src_ip= dst_ip=192.0.2.10",
	    PARSE_MALFORMED, "no source address");
	sp_status(SPH_HEAD "src_ip=203.0.113.7 dst_i",
	    PARSE_MALFORMED, "no destination address");
#undef SPH_HEAD
}

/* Lines of other formats. */
static void
test_not_mine(void **state)
{
	static const char *const lines[] = {
		"",
		"date=2024-03-03 time=10:00:00 logid=\"0000000013\" "
		    "type=\"traffic\" srcip=203.0.113.9 dstip=192.0.2.1 "
		    "action=deny",
		"Mar  3 10:00:01 gw01 kernel: FW-DROP IN=eth0 OUT= "
		    "SRC=203.0.113.77 DST=192.0.2.10 PROTO=TCP SPT=1 DPT=2",
		"Mar  3 10:00:00 gw01 firewall,info input: in:ether1 "
		    "out:(unknown 0), proto TCP (SYN), "
		    "203.0.113.5:40000->192.0.2.1:23, len 44",
		"CEF:0|Sophos|XG|1|1|x|1|log_type=Firewall "
		    "log_component=Rule src=203.0.113.9",
		"device=\"SFW\" log_type=\"Firewall\" src_ip=203.0.113.7",
	};
	struct event ev;

	for (size_t i = 0; i < sizeof(lines) / sizeof(lines[0]); i++)
		assert_int_equal(sp(lines[i], &ev), PARSE_NOT_MINE);
}

/* NUL bytes are ordinary bytes; nothing is read past n. */
static void
test_bounds(void **state)
{
	static const char line[] = "device=\"SFW\" log_type=\"Firewall\" "
	    "log_component=\"Firewall\0Rule\" status=\"Deny\" "
	    "src_ip=203.0.113.7 dst_ip=192.0.2.10 dst_port=4433";
	size_t n = sizeof(line) - 1;
	struct event ev;
	char *copy;

	assert_int_equal(sp_n(line, n, &ev), PARSE_OK);
	assert_int_equal(ev.dport, 4433);
	copy = malloc(n - 1);
	memcpy(copy, line, n - 1);
	assert_int_equal(sp_n(copy, n - 1, &ev), PARSE_OK);
	assert_int_equal(ev.dport, 443);
	free(copy);
}

static void
test_sniff(void **state)
{
	static const char sfos[] = "device=\"SFW\" date=2018-05-30 "
	    "time=13:14:26 log_type=\"Firewall\" log_component=\"Firewall "
	    "Rule\" status=\"Deny\" src_ip=203.0.113.7 dst_ip=192.0.2.10\n"
	    "Mar  3 10:00:01 fw other text\n";
	static const char fgt[] = "date=2024-03-03 time=10:00:00 "
	    "logid=\"0000000013\" type=\"traffic\" srcip=203.0.113.9\n";

	assert_int_equal(format_sophos.sniff(sfos, sizeof(sfos) - 1), 60);
	assert_int_equal(format_sophos.sniff(fgt, sizeof(fgt) - 1), 0);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup(test_corpus, setup),
		cmocka_unit_test_setup(test_central_format, setup),
		cmocka_unit_test_setup(test_time_sources, setup),
		cmocka_unit_test_setup(test_log_types, setup),
		cmocka_unit_test_setup(test_b006_headers, setup),
		cmocka_unit_test_setup(test_malformed, setup),
		cmocka_unit_test_setup(test_not_mine, setup),
		cmocka_unit_test_setup(test_bounds, setup),
		cmocka_unit_test_setup(test_sniff, setup),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
