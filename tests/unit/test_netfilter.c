/*
 * test_netfilter.c - the netfilter parser against docs/formats.md and the
 * pitfall cases.  Expected values are worked out by hand from the lines;
 * epoch seconds come from the calendar (for example 2024-03-03T10:00:00Z
 * is 1709460000).
 */
#include "testutil.h"

#include <stdbool.h>
#include <stdio.h>

#include "core/action.h"
#include "core/timeutil.h"
#include "parse/format.h"

extern const struct format format_netfilter;

#define T_20240303_1000 INT64_C(1709460000)	/* 2024-03-03T10:00:00Z */
#define T_20240303_1200 INT64_C(1709467200)
#define MAC "MAC=00:00:5e:00:53:01:00:00:5e:00:53:02:08:00"

static struct parse_opts opts = { .netfilter_default_action = "drop" };
static struct parse_ctx ctx;

/* A fresh stream whose file was last written at ref (epoch seconds). */
static void
stream_reset(int64_t ref)
{
	memset(&ctx, 0, sizeof(ctx));
	ctx.opts = &opts;
	time_ctx_init(&ctx.time, ref * USEC_PER_SEC, true);
}

static int
setup(void **state)
{
	const char *err;

	(void)state;
	assert_int_equal(tz_select("UTC", &err), 0);
	action_vocab_reset();
	opts.netfilter_default_action = "drop";
	stream_reset(T_20240303_1200);
	return 0;
}

static enum parse_status
nf(const char *line, struct event *ev)
{
	ctx.reason = NULL;
	return format_netfilter.parse(&ctx, line, strlen(line), ev);
}

/* Parses a line that must give an event. */
static void
nf_ok(const char *line, struct event *ev)
{
	enum parse_status st = nf(line, ev);

	if (st != PARSE_OK)
		print_error("status %d (%s) for: %s\n", st,
		    ctx.reason ? ctx.reason : "-", line);
	assert_int_equal(st, PARSE_OK);
}

static void
nf_malformed(const char *line, const char *reason)
{
	struct event ev;

	assert_int_equal(nf(line, &ev), PARSE_MALFORMED);
	assert_non_null(ctx.reason);
	assert_string_equal(ctx.reason, reason);
}

static void
assert_time(const struct event *ev, int64_t sec)
{
	assert_true(ev->has_time);
	assert_int_equal(ev->time, sec * USEC_PER_SEC);
}

static void
assert_class(const struct event *ev, enum action_class c)
{
	assert_int_equal(action_classify(ev->action.p, ev->action.n), c);
}

/* B007: ICMP with ID= twice, and GRE (PROTO=47): no ports, no failure. */
static void
test_b007_portless(void **state)
{
	struct event ev;

	nf_ok("Mar  3 10:00:01 gw01 kernel: [86400.123456] FW-DROP IN=eth0 "
	    "OUT= " MAC " SRC=203.0.113.77 DST=192.0.2.10 LEN=84 TOS=0x00 "
	    "PREC=0x00 TTL=52 ID=4242 DF PROTO=ICMP TYPE=8 CODE=0 ID=77 "
	    "SEQ=1", &ev);
	assert_addr_eq(ev.src, "203.0.113.77");
	assert_addr_eq(ev.dst, "192.0.2.10");
	assert_true(ev.has_src && ev.has_dst);
	assert_int_equal(ev.proto, PROTO_ICMP);
	assert_false(ev.has_dport);
	assert_false(ev.has_sport);
	assert_int_equal(ev.ident, 4242);
	assert_str_eq(ev.action, "DROP");
	assert_class(&ev, ACTION_DENY);
	assert_str_eq(ev.vendor, "Linux");
	assert_str_eq(ev.product, "netfilter");
	assert_str_eq(ev.device, "gw01");
	assert_time(&ev, T_20240303_1000 + 1);

	nf_ok("Mar  3 10:00:02 gw01 kernel: [86401.223456] FW-DROP IN=eth0 "
	    "OUT= " MAC " SRC=203.0.113.77 DST=192.0.2.11 LEN=578 TOS=0x00 "
	    "PREC=0x00 TTL=49 ID=29312 DF PROTO=47", &ev);
	assert_addr_eq(ev.dst, "192.0.2.11");
	assert_int_equal(ev.proto, 47);
	assert_false(ev.has_dport);
	assert_int_equal(ev.ident, 29312);
	assert_time(&ev, T_20240303_1000 + 2);
}

/* B008: a Proxmox prefix, "Firewall:" with odd interface names, ACCEPT. */
static void
test_b008_prefixes(void **state)
{
	struct event ev;

	nf_ok("2024-03-03T10:00:03.000Z pve01 kernel: 0 6 PVEFW-HOST-IN "
	    "03/Mar/2024:11:00:03 +0100 policy DROP: IN=vmbr0 PHYSIN=eno1 "
	    "MAC=00:00:5e:00:53:10:00:00:5e:00:53:11:08:00 SRC=198.51.100.23 "
	    "DST=192.0.2.50 LEN=40 TOS=0x00 PREC=0x00 TTL=241 ID=54321 "
	    "PROTO=TCP SPT=46363 DPT=8006 SEQ=1 ACK=0 WINDOW=65535 SYN "
	    "URGP=0", &ev);
	assert_str_eq(ev.action, "DROP");
	assert_addr_eq(ev.src, "198.51.100.23");
	assert_addr_eq(ev.dst, "192.0.2.50");
	assert_int_equal(ev.proto, PROTO_TCP);
	assert_true(ev.has_sport && ev.has_dport);
	assert_int_equal(ev.sport, 46363);
	assert_int_equal(ev.dport, 8006);
	assert_str_eq(ev.device, "pve01");
	assert_time(&ev, T_20240303_1000 + 3);

	nf_ok("2024-03-03T10:00:04.000Z host02 kernel: Firewall: "
	    "IN=br-0a1b2c.3 OUT= MAC=00:00:5e:00:53:12:00:00:5e:00:53:13:08:00 "
	    "SRC=198.51.100.23 DST=192.0.2.51 LEN=40 TOS=0x00 PREC=0x00 "
	    "TTL=241 ID=54322 PROTO=TCP SPT=46364 DPT=22 WINDOW=65535 "
	    "RES=0x00 SYN URGP=0", &ev);
	assert_str_eq(ev.action, "drop");	/* the configured default */
	assert_class(&ev, ACTION_DENY);
	assert_addr_eq(ev.dst, "192.0.2.51");
	assert_int_equal(ev.dport, 22);
	assert_str_eq(ev.device, "host02");
	assert_time(&ev, T_20240303_1000 + 4);

	nf_ok("2024-03-03T10:00:05.000Z pve01 kernel: 101 6 tap101i0-IN "
	    "03/Mar/2024:11:00:05 +0100 ACCEPT: IN=fwbr101i0 OUT=fwbr101i0 "
	    "PHYSIN=fwln101i0 PHYSOUT=tap101i0 SRC=198.51.100.23 "
	    "DST=192.0.2.52 LEN=60 TOS=0x00 PREC=0x00 TTL=56 ID=1 PROTO=TCP "
	    "SPT=46365 DPT=443 WINDOW=29200 SYN", &ev);
	assert_str_eq(ev.action, "ACCEPT");
	assert_class(&ev, ACTION_ALLOW);
	assert_addr_eq(ev.dst, "192.0.2.52");
	assert_int_equal(ev.dport, 443);
}

/* A prefix-less line takes the configured default action. */
static void
test_default_action(void **state)
{
	struct event ev;
	const char *line = "Jun  8 14:34:33 sd-126005 kernel: "
	    "[50028442.088484] IN=enp1s0 OUT= " MAC " SRC=198.51.100.7 "
	    "DST=192.0.2.7 LEN=40 TTL=245 ID=37308 PROTO=TCP SPT=8080 "
	    "DPT=8123 WINDOW=1024 RES=0x00 SYN URGP=0";

	nf_ok(line, &ev);
	assert_str_eq(ev.action, "drop");
	opts.netfilter_default_action = "log";
	nf_ok(line, &ev);
	assert_str_eq(ev.action, "log");
	assert_int_equal(ev.dport, 8123);
}

/* B017: year-less times around New Year, placed by the file time and then
 * by the previous record. */
static void
test_b017_new_year(void **state)
{
	struct event ev;

	stream_reset(INT64_C(1735689602));	/* 2025-01-01T00:00:02Z */
	nf_ok("Dec 31 23:59:58 gw01 kernel: FW-DROP IN=eth0 OUT= "
	    "SRC=203.0.113.12 DST=192.0.2.2 LEN=44 TTL=50 ID=1 PROTO=TCP "
	    "SPT=50000 DPT=23 WINDOW=1024 SYN URGP=0", &ev);
	assert_time(&ev, INT64_C(1735689598));	/* 2024-12-31T23:59:58Z */
	assert_int_equal(ev.dport, 23);
	assert_int_equal(ev.ident, 1);

	nf_ok("Jan  1 00:00:00 gw01 kernel: FW-DROP IN=eth0 OUT= "
	    "SRC=203.0.113.12 DST=192.0.2.2 LEN=44 TTL=50 ID=2 PROTO=TCP "
	    "SPT=50001 DPT=2323 WINDOW=1024 SYN URGP=0", &ev);
	assert_time(&ev, INT64_C(1735689600));	/* 2025-01-01T00:00:00Z */
	assert_int_equal(ev.dport, 2323);
	assert_int_equal(ev.ident, 2);
}

/* B023: a line without any syslog header; 172.32.0.9 is read as is. */
static void
test_b023_no_header(void **state)
{
	struct event ev;

	nf_ok("FW-DROP IN=eth0 OUT= SRC=172.32.0.9 DST=192.0.2.15 LEN=44 "
	    "TTL=50 ID=4 PROTO=TCP SPT=51001 DPT=445 SYN URGP=0", &ev);
	assert_false(ev.has_time);
	assert_addr_eq(ev.src, "172.32.0.9");
	assert_addr_eq(ev.dst, "192.0.2.15");
	assert_int_equal(ev.dport, 445);
	assert_int_equal(ev.sport, 51001);
	assert_str_eq(ev.action, "DROP");
	assert_int_equal(ev.device.n, 0);

	/* dmesg form: an uptime stamp and nothing else before the prefix */
	nf_ok("[    5.123456] [UFW BLOCK] IN=eth0 OUT= SRC=203.0.113.9 "
	    "DST=192.0.2.9 LEN=40 TTL=50 ID=9 PROTO=TCP SPT=1 DPT=2", &ev);
	assert_false(ev.has_time);
	assert_str_eq(ev.action, "BLOCK");
}

/* B044: UDP replies from port 53; both ports kept. */
static void
test_b044_udp(void **state)
{
	struct event ev;

	nf_ok("Mar  3 10:00:01 gw01 kernel: FW-DROP IN=eth0 OUT= "
	    "SRC=198.51.100.53 DST=192.0.2.10 LEN=120 TTL=57 ID=9 PROTO=UDP "
	    "SPT=53 DPT=41873 LEN=100", &ev);
	assert_int_equal(ev.proto, PROTO_UDP);
	assert_int_equal(ev.sport, 53);
	assert_int_equal(ev.dport, 41873);
	assert_int_equal(ev.ident, 9);
	nf_ok("Mar  3 10:00:02 gw01 kernel: FW-DROP IN=eth0 OUT= "
	    "SRC=198.51.100.53 DST=192.0.2.10 LEN=120 TTL=57 ID=10 PROTO=UDP "
	    "SPT=53 DPT=50212 LEN=100", &ev);
	assert_int_equal(ev.dport, 50212);
	assert_int_equal(ev.ident, 10);
}

/* B047 lines 3 and 4: DENY after other words, REJECT alone. */
static void
test_b047_words(void **state)
{
	struct event ev;

	nf_ok("Mar  3 10:00:19 gw01 kernel: [1.000000] RULE 24 -- DENY "
	    "IN=eth0 OUT= SRC=203.0.113.31 DST=192.0.2.25 LEN=40 TTL=113 "
	    "ID=5 PROTO=TCP SPT=50152 DPT=21379 SYN URGP=0", &ev);
	assert_str_eq(ev.action, "DENY");
	assert_class(&ev, ACTION_DENY);
	assert_int_equal(ev.dport, 21379);
	assert_time(&ev, T_20240303_1000 + 19);

	nf_ok("Mar  3 10:00:20 gw01 kernel: [1.100000] REJECT IN=eth0 OUT= "
	    "SRC=203.0.113.31 DST=192.0.2.25 LEN=40 TTL=113 ID=6 PROTO=TCP "
	    "SPT=50153 DPT=3389 SYN URGP=0", &ev);
	assert_str_eq(ev.action, "REJECT");
	assert_class(&ev, ACTION_DENY);
	assert_int_equal(ev.dport, 3389);
	assert_time(&ev, T_20240303_1000 + 20);
}

/* Returns the action for a line with the given prefix before " IN=". */
static struct str
action_of(const char *prefix, struct event *ev, char *buf, size_t n)
{
	int len = snprintf(buf, n, "Mar  3 10:00:21 host kernel: "
	    "[12345.678901] %sIN=eth0 OUT= " MAC " SRC=203.0.113.40 "
	    "DST=192.0.2.40 LEN=44 TTL=50 ID=40 PROTO=TCP SPT=40000 DPT=25 "
	    "SYN", prefix);

	assert_true(len > 0 && (size_t)len < n);
	nf_ok(buf, ev);
	assert_int_equal(ev->dport, 25);
	assert_addr_eq(ev->src, "203.0.113.40");
	return ev->action;
}

/* ufw, firewalld and nftables prefixes. */
static void
test_prefix_words(void **state)
{
	struct event ev;
	char b[512];

	assert_str_eq(action_of("[UFW BLOCK] ", &ev, b, sizeof(b)), "BLOCK");
	assert_class(&ev, ACTION_DENY);
	assert_str_eq(action_of("[UFW AUDIT] ", &ev, b, sizeof(b)), "AUDIT");
	assert_class(&ev, ACTION_OTHER);
	assert_str_eq(action_of("[UFW ALLOW] ", &ev, b, sizeof(b)), "ALLOW");
	assert_class(&ev, ACTION_ALLOW);
	assert_str_eq(action_of("FINAL_REJECT: ", &ev, b, sizeof(b)),
	    "REJECT");
	assert_class(&ev, ACTION_DENY);
	assert_str_eq(action_of("filter_IN_public_REJECT: ", &ev, b,
	    sizeof(b)), "REJECT");
	assert_str_eq(action_of("Shorewall:net2fw:DROP:", &ev, b, sizeof(b)),
	    "DROP");
	assert_str_eq(action_of("[nftables] Inbound Denied: ", &ev, b,
	    sizeof(b)), "Denied");
	assert_class(&ev, ACTION_DENY);
	assert_str_eq(action_of("nft-input-drop ", &ev, b, sizeof(b)),
	    "drop");
	assert_str_eq(action_of("DROP ", &ev, b, sizeof(b)), "DROP");
	/* the word is borrowed from the line */
	assert_ptr_equal(ev.action.p, strstr(b, "DROP "));
}

/* EdgeOS rule names, glued to IN=. */
static void
test_edgeos_abutting(void **state)
{
	struct event ev;
	char b[512];

	nf_ok("<161>Oct 10 07:25:12 Hostname kernel: [wan-lan-default-D]"
	    "IN=eth0 OUT= MAC=90:10:20:76:8d:20:90:10:65:29:b6:2a:08:00 "
	    "SRC=67.43.156.15 DST=10.4.0.5 LEN=52 TOS=0x00 PREC=0x00 TTL=63 "
	    "ID=0 DF PROTO=TCP SPT=38842 DPT=443 WINDOW=2853 RES=0x00 ACK "
	    "URGP=0", &ev);
	assert_str_eq(ev.action, "drop");
	assert_class(&ev, ACTION_DENY);
	assert_addr_eq(ev.src, "67.43.156.15");
	assert_addr_eq(ev.dst, "10.4.0.5");
	assert_int_equal(ev.dport, 443);
	assert_int_equal(ev.ident, 0);
	assert_str_eq(ev.device, "Hostname");

	assert_str_eq(action_of("[LAN_LOCAL-default-A]", &ev, b, sizeof(b)),
	    "accept");
	assert_class(&ev, ACTION_ALLOW);
	assert_str_eq(action_of("[WAN_IN-20-R]", &ev, b, sizeof(b)),
	    "reject");
}

/* ip6tables writes every IPv6 address in full. */
static void
test_ipv6_full_length(void **state)
{
	struct event ev;

	stream_reset(INT64_C(1710683953));	/* 2024-03-17T13:59:13Z */
	nf_ok("Mar 17 13:39:13 linux kernel: [956932.482127] DROP IN=eth0 "
	    "OUT= MAC=33:33:ff:00:00:01:00:1b:b9:76:9c:e4:86:dd "
	    "SRC=2001:0db8:0000:f101:0000:0000:0000:0002 "
	    "DST=ff02:0000:0000:0000:0000:0001:ff00:0001 LEN=72 TC=0 "
	    "HOPLIMIT=255 FLOWLBL=0 PROTO=ICMPv6 TYPE=135 CODE=0 ", &ev);
	assert_addr_eq(ev.src, "2001:db8:0:f101::2");
	assert_addr_eq(ev.dst, "ff02::1:ff00:1");
	assert_int_equal(ev.proto, PROTO_ICMPV6);
	assert_false(ev.has_dport);
	assert_int_equal(ev.ident, 0);
	assert_time(&ev, INT64_C(1710682753));	/* 2024-03-17T13:39:13Z */

	nf_ok("Mar 17 13:39:13 linux kernel: [956932.482352] DROP IN=eth0 "
	    "OUT= MAC=00:13:46:3a:41:36:00:1b:b9:76:9c:e4:86:dd "
	    "SRC=2001:0db8:0000:f101:0000:0000:0000:0002 "
	    "DST=2001:0db8:0000:f101:0000:0000:0000:0001 LEN=80 TC=0 "
	    "HOPLIMIT=64 FLOWLBL=0 PROTO=TCP SPT=46395 DPT=80 WINDOW=5760 "
	    "RES=0x00 SYN URGP=0 ", &ev);
	assert_addr_eq(ev.dst, "2001:db8:0:f101::1");
	assert_int_equal(ev.proto, PROTO_TCP);
	assert_int_equal(ev.sport, 46395);
	assert_int_equal(ev.dport, 80);
	assert_str_eq(ev.action, "DROP");
	assert_str_eq(ev.device, "linux");
}

/* An ICMP error quotes the offending packet in brackets; its SRC, DST and
 * ports are not the event's. */
static void
test_icmp_error_quote(void **state)
{
	struct event ev;

	nf_ok("Jan  8 03:37:09 fw01 kernel: DENY: IN=eth0 OUT= "
	    "MAC=90:10:28:5f:62:24:90:10:18:5a:89:2a:08:00 SRC=192.168.2.71 "
	    "DST=192.168.2.83 LEN=88 TOS=0x00 PREC=0x00 TTL=118 ID=21684 "
	    "PROTO=ICMP TYPE=3 CODE=3 [SRC=192.168.2.83 DST=192.168.173.191 "
	    "LEN=60 TOS=0x00 PREC=0x00 TTL=54 ID=0 DF PROTO=UDP SPT=21458 "
	    "DPT=62936 LEN=40 ]", &ev);
	assert_addr_eq(ev.src, "192.168.2.71");
	assert_addr_eq(ev.dst, "192.168.2.83");
	assert_int_equal(ev.proto, PROTO_ICMP);
	assert_false(ev.has_dport);
	assert_false(ev.has_sport);
	assert_int_equal(ev.ident, 21684);
	assert_str_eq(ev.action, "DENY");

	/* the same, as the corpus has it: no host and no tag */
	nf_ok("Jan  8 03:37:09 DENY: IN=eth0 OUT= SRC=192.168.2.71 "
	    "DST=192.168.2.83 LEN=88 TTL=118 ID=21684 PROTO=ICMP TYPE=3 "
	    "CODE=3 [SRC=192.168.2.83 DST=192.168.173.191 LEN=60 TTL=54 ID=0 "
	    "DF PROTO=UDP SPT=21458 DPT=62936 LEN=40 ]", &ev);
	assert_addr_eq(ev.dst, "192.168.2.83");
	assert_false(ev.has_dport);
	assert_str_eq(ev.action, "DENY");
}

/* Bridged packets: PHYSIN= and PHYSOUT= before MAC=; PHYSIN= is not the
 * IN= that starts the packet. */
static void
test_physin(void **state)
{
	struct event ev;

	nf_ok("Mar  3 10:00:06 br01 kernel: [UFW BLOCK] IN=br0 OUT=br0 "
	    "PHYSIN=eth1 PHYSOUT=eth2 " MAC " SRC=198.51.100.60 "
	    "DST=192.0.2.60 LEN=60 TTL=57 ID=600 DF PROTO=TCP SPT=33000 "
	    "DPT=3306 WINDOW=29200 SYN URGP=0", &ev);
	assert_str_eq(ev.action, "BLOCK");
	assert_addr_eq(ev.src, "198.51.100.60");
	assert_int_equal(ev.dport, 3306);

	/* a "PHYSIN=" alone does not make a packet line */
	assert_int_equal(nf("Mar  3 10:00:06 br01 kernel: PHYSIN=eth1 "
	    "SRC=198.51.100.60 DST=192.0.2.60", &ev), PARSE_NOT_MINE);
}

/* journalctl -k in its three short forms, and its marker lines. */
static void
test_journalctl(void **state)
{
	struct event ev;

	assert_int_equal(nf("-- Logs begin at Sun 2024-03-03 09:00:00 UTC, "
	    "end at Sun 2024-03-03 10:05:00 UTC. --", &ev), PARSE_SKIP);
	assert_non_null(ctx.reason);
	assert_int_equal(nf("-- Boot 0123456789abcdef0123456789abcdef --",
	    &ev), PARSE_SKIP);
	assert_non_null(ctx.reason);

	nf_ok("Mar 03 10:00:01.250000 gw01 kernel: [UFW BLOCK] IN=eth0 OUT= "
	    MAC " SRC=203.0.113.5 DST=192.0.2.5 LEN=44 TTL=50 ID=5 "
	    "PROTO=TCP SPT=5000 DPT=23 SYN", &ev);
	assert_int_equal(ev.time,
	    (T_20240303_1000 + 1) * USEC_PER_SEC + 250000);
	assert_str_eq(ev.action, "BLOCK");
	assert_str_eq(ev.device, "gw01");

	nf_ok("2024-03-03T11:00:02+0100 gw01 kernel: [UFW BLOCK] IN=eth0 "
	    "OUT= " MAC " SRC=203.0.113.5 DST=192.0.2.6 LEN=44 TTL=50 ID=6 "
	    "PROTO=TCP SPT=5001 DPT=23 SYN", &ev);
	assert_time(&ev, T_20240303_1000 + 2);
	assert_addr_eq(ev.dst, "192.0.2.6");
}

/* ulogd2's LOGEMU: time, host, then the prefix with no tag. */
static void
test_ulogd_logemu(void **state)
{
	struct event ev;

	nf_ok("Mar  3 10:00:07 fw DROP IN=veth-out OUT=veth-in "
	    "MAC=0a:00:00:00:00:01:0a:00:00:00:00:02:08:00 "
	    "SRC=198.51.100.10 DST=203.0.113.5 LEN=44 TOS=00 PREC=0x00 "
	    "TTL=58 ID=1234 PROTO=TCP SPT=51234 DPT=22 SEQ=1 ACK=0 "
	    "WINDOW=1024 SYN URGP=0 MARK=0", &ev);
	assert_str_eq(ev.action, "DROP");
	assert_str_eq(ev.device, "fw");
	assert_addr_eq(ev.src, "198.51.100.10");
	assert_addr_eq(ev.dst, "203.0.113.5");
	assert_int_equal(ev.dport, 22);
	assert_int_equal(ev.ident, 1234);
	assert_time(&ev, T_20240303_1000 + 7);

	nf_ok("Mar  3 10:00:08 fw ACCEPT IN=veth-out OUT=veth-in "
	    "SRC=198.51.100.10 DST=203.0.113.5 LEN=44 TTL=58 ID=1235 "
	    "PROTO=TCP SPT=51234 DPT=80 SYN", &ev);
	assert_str_eq(ev.action, "ACCEPT");
	assert_class(&ev, ACTION_ALLOW);

	/* a prefix ending in a colon looks like a syslog tag */
	nf_ok("Mar  3 10:00:09 fw ACCEPT: IN=veth-out OUT=veth-in "
	    "SRC=198.51.100.10 DST=203.0.113.5 LEN=44 TTL=58 ID=1236 "
	    "PROTO=TCP SPT=51234 DPT=443 SYN", &ev);
	assert_str_eq(ev.action, "ACCEPT");
	assert_addr_eq(ev.dst, "203.0.113.5");
	assert_time(&ev, T_20240303_1000 + 9);

	/* ulogd2's SYSLOG output: its own tag before the prefix */
	nf_ok("Mar  3 10:00:10 fw ulogd[812]: [UFW ALLOW] IN=veth-out OUT= "
	    "SRC=198.51.100.10 DST=203.0.113.5 LEN=44 TTL=58 ID=1237 "
	    "PROTO=TCP SPT=51234 DPT=8080 SYN", &ev);
	assert_str_eq(ev.action, "ALLOW");
	assert_str_eq(ev.device, "fw");
}

/* Ports 0..65535 (0 is a port), protocols by name in any case or number. */
static void
test_ports_and_protocols(void **state)
{
	struct event ev;

	nf_ok("DROP IN=eth0 SRC=203.0.113.1 DST=192.0.2.1 PROTO=UDP SPT=0 "
	    "DPT=0", &ev);
	assert_true(ev.has_sport && ev.has_dport);
	assert_int_equal(ev.dport, 0);
	nf_ok("DROP IN=eth0 SRC=203.0.113.1 DST=192.0.2.1 PROTO=TCP "
	    "SPT=65535 DPT=65535", &ev);
	assert_int_equal(ev.dport, 65535);
	nf_ok("DROP IN=eth0 SRC=203.0.113.1 DST=192.0.2.1 PROTO=UDPLITE", &ev);
	assert_int_equal(ev.proto, 136);
	nf_ok("DROP IN=eth0 SRC=203.0.113.1 DST=192.0.2.1 PROTO=sctp", &ev);
	assert_int_equal(ev.proto, 132);
	nf_ok("DROP IN=eth0 SRC=203.0.113.1 DST=192.0.2.1 PROTO=0", &ev);
	assert_int_equal(ev.proto, 0);
	nf_ok("DROP IN=eth0 SRC=203.0.113.1 DST=192.0.2.1", &ev);
	assert_int_equal(ev.proto, -1);
	nf_ok("DROP IN=eth0 SRC=::ffff:198.51.100.14 DST=192.0.2.1", &ev);
	assert_addr_eq(ev.src, "198.51.100.14");

	nf_malformed("DROP IN=eth0 SRC=203.0.113.1 DST=192.0.2.1 PROTO=TCP "
	    "SPT=1 DPT=65536", "bad destination port");
	nf_malformed("DROP IN=eth0 SRC=203.0.113.1 DST=192.0.2.1 PROTO=TCP "
	    "SPT=70000 DPT=1", "bad source port");
	nf_malformed("DROP IN=eth0 SRC=203.0.113.1 DST=192.0.2.1 PROTO=TCP "
	    "SPT=1 DPT=-1", "bad destination port");
	nf_malformed("DROP IN=eth0 SRC=203.0.113.1 DST=192.0.2.1 PROTO=256",
	    "bad protocol number");
	nf_malformed("DROP IN=eth0 SRC=203.0.113.1 DST=192.0.2.1 PROTO=6x",
	    "bad protocol number");
	/* a name the table lacks is absent, as in every format */
	nf_ok("DROP IN=eth0 SRC=203.0.113.1 DST=192.0.2.1 PROTO=FOO", &ev);
	assert_int_equal(ev.proto, -1);
	nf_malformed("DROP IN=eth0 SRC=203.0.113.300 DST=192.0.2.1",
	    "bad source address");
}

/* Lines cut short by a full disk or a size limit. */
static void
test_truncated(void **state)
{
	nf_malformed("Mar  3 10:00:09 gw01 kernel: FW-DROP IN=eth0 OUT= "
	    "MAC=00:00:5e:00:53:01:00:00:5e", "no source address");
	nf_malformed("Mar  3 10:00:09 gw01 kernel: FW-DROP IN=eth0 OUT= " MAC
	    " SRC=203.0.113.5", "no destination address");
	nf_malformed("Mar  3 10:00:09 gw01 kernel: FW-DROP IN=eth0 OUT= " MAC
	    " SRC=203.0.113.5 DST=192.0.", "bad destination address");
	nf_malformed("Mar  3 10:00:09 gw01 kernel: FW-DROP IN=eth0 OUT= " MAC
	    " SRC=203.0.113.5 DST=", "bad destination address");
	nf_malformed("Mar  3 10:00:09 gw01 kernel: FW-DROP IN=eth0 OUT= " MAC
	    " SRC=203.0.113.5 DST=192.0.2.1 LEN=44 TTL=50 ID=3 PROTO=TCP "
	    "SPT=4000 DPT=", "bad destination port");

	/* the rest of a line the logger split, and a damaged IN= */
	nf_malformed("May  5 20:46:45 gw01 user.info kernel: TTL=126 ID=15317 "
	    "DF PROTO=TCP SPT=59344 DPT=443 WINDOW=8212 RES=0x00 ACK PSH "
	    "URGP=0", "packet fields without IN= (a split line)");
	nf_malformed("Jun  8 14:34:33 sd-126005 kernel: [50028442.088484] "
	    "XX=enp1s0 OUT= SRC=198.51.100.7 DST=192.0.2.7 LEN=40 TTL=245 "
	    "ID=37308 PROTO=TCP", "packet fields without IN= (a split line)");
}

/* Lines of other formats and other programs. */
static void
test_not_mine(void **state)
{
	struct event ev;
	const char *lines[] = {
		"Mar  3 10:00:01 gw01 sshd[811]: Failed password for root "
		    "from 203.0.113.5 port 50000 ssh2",
		"Mar  3 10:00:01 gw01 kernel: eth0: link up, 1000 Mbps, "
		    "IN=1 OUT=2",
		"CEF:0|ExampleCo|EdgeFW|3.1|4001|Inbound deny|5|"
		    "src=203.0.113.10 dst=192.0.2.20 dpt=445 act=deny",
		"Mar  3 10:00:07 pfSense filterlog[66047]: 5,,,1000000103,igb0,"
		    "match,block,in,4",
		"",
		/* ports alone do not make a packet line */
		"CEF:0|V|P|1|1|n|5|rt=1772359200000 act=deny src=203.0.113.7 "
		    "dst=192.0.2.1 dpt=22 msg=IN=eth0 SPT=40000 DPT=22",
		"Mar  3 10:00:01 gw01 app: IN=eth0 OUT= SPT=40000 DPT=22",
	};

	for (size_t i = 0; i < sizeof(lines) / sizeof(lines[0]); i++)
		assert_int_equal(nf(lines[i], &ev), PARSE_NOT_MINE);
}

/* A line may hold NUL bytes; the parser reads exactly n bytes. */
static void
test_length_bound(void **state)
{
	struct event ev;
	const char line[] = "DROP\0 IN=eth0 SRC=203.0.113.1 DST=192.0.2.1 "
	    "DPT=223";

	ctx.reason = NULL;
	assert_int_equal(format_netfilter.parse(&ctx, line, sizeof(line) - 2,
	    &ev), PARSE_OK);
	assert_int_equal(ev.dport, 22);
	assert_str_eq(ev.action, "DROP");
	assert_int_equal(format_netfilter.parse(&ctx, line, 14, &ev),
	    PARSE_NOT_MINE);
}

static void
test_sniff(void **state)
{
	const char *nfhead =
	    "Mar  3 10:00:19 gw01 kernel: [1.0] REJECT IN=eth0 OUT= "
	    "SRC=203.0.113.31 DST=192.0.2.25 ID=6 PROTO=TCP SPT=1 DPT=2\n"
	    "Mar  3 10:00:20 gw01 kernel: [1.1] REJECT IN=eth0 OUT= "
	    "SRC=203.0.113.31 DST=192.0.2.26 ID=7 PROTO=TCP SPT=1 DPT=2\n"
	    "Mar  3 10:00:20 gw01 kernel: [1.1] REJECT IN=eth0 OUT= SRC=2";
	const char *mixed =
	    "Mar  3 10:00:01 gw01 sshd[811]: Accepted publickey for a\n"
	    "Mar  3 10:00:19 gw01 kernel: [1.0] REJECT IN=eth0 OUT= "
	    "SRC=203.0.113.31 DST=192.0.2.25 ID=6 PROTO=TCP SPT=1 DPT=2\n";
	const char *cef = "CEF:0|ExampleCo|EdgeFW|3.1|4001|Inbound deny|5|"
	    "src=203.0.113.10 dst=192.0.2.20 dpt=445 act=deny\n";
	int all = format_netfilter.sniff(nfhead, strlen(nfhead));
	int some = format_netfilter.sniff(mixed, strlen(mixed));

	assert_true(all >= 90 && all <= 100);
	assert_true(some > 0 && some < all);
	assert_int_equal(format_netfilter.sniff(cef, strlen(cef)), 0);
	assert_int_equal(format_netfilter.sniff("", 0), 0);
	assert_true(format_netfilter.line_based);
	assert_string_equal(format_netfilter.name, "netfilter");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup(test_b007_portless, setup),
		cmocka_unit_test_setup(test_b008_prefixes, setup),
		cmocka_unit_test_setup(test_default_action, setup),
		cmocka_unit_test_setup(test_b017_new_year, setup),
		cmocka_unit_test_setup(test_b023_no_header, setup),
		cmocka_unit_test_setup(test_b044_udp, setup),
		cmocka_unit_test_setup(test_b047_words, setup),
		cmocka_unit_test_setup(test_prefix_words, setup),
		cmocka_unit_test_setup(test_edgeos_abutting, setup),
		cmocka_unit_test_setup(test_ipv6_full_length, setup),
		cmocka_unit_test_setup(test_icmp_error_quote, setup),
		cmocka_unit_test_setup(test_physin, setup),
		cmocka_unit_test_setup(test_journalctl, setup),
		cmocka_unit_test_setup(test_ulogd_logemu, setup),
		cmocka_unit_test_setup(test_ports_and_protocols, setup),
		cmocka_unit_test_setup(test_truncated, setup),
		cmocka_unit_test_setup(test_not_mine, setup),
		cmocka_unit_test_setup(test_length_bound, setup),
		cmocka_unit_test_setup(test_sniff, setup),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
