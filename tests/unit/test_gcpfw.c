/*
 * test_gcpfw.c - the Google Cloud firewall rules logging reader, held to
 * docs/formats.md: JSON lines, the pretty-printed array of "gcloud logging
 * read --format=json", an array on one line, the entries of
 * corpus/cloud_flow (taken out of the test wrapper they are stored in),
 * fixtures written from Google's field descriptions, and lines of other
 * formats.
 *
 * Expected times are worked out by hand from the calendar, never copied
 * from the program's output.
 */
#include <stdio.h>
#include <stdlib.h>

#include <jansson.h>

#include "testutil.h"
#include "parse/format.h"

extern const struct format format_gcpfw, format_cef, format_netfilter,
    format_nsgflow, format_csl;

#define USEC(sec) ((int64_t)(sec) * USEC_PER_SEC)

/*
 * 2019-11-06T16:41:38Z: 2019-01-01 is 49 * 365 + 12 leap days = 17897
 * days after 1970-01-01; November 6 is 304 + 5 = 309 days later; 18206 *
 * 86400 + 16 * 3600 + 41 * 60 + 38.
 */
#define T_20191106_164138 INT64_C(1573058498)

/* 2024-03-03T10:00:00Z: 19785 days after 1970-01-01, plus ten hours */
#define T0 INT64_C(1709460000)

#define MAX_OUT 16

struct out {
	enum parse_status rc;
	uint64_t line;
	char reason[64];
	struct event ev;
	char action[16], hint[16], device[64];
};

struct feed {
	struct parse_opts opts;
	struct parse_ctx ctx;
	struct out out[MAX_OUT];
	size_t nout, nok, nmine;
};

static void
feed_open(struct feed *f)
{
	memset(f, 0, sizeof(*f));
	f->ctx.opts = &f->opts;
	f->ctx.file_format = &format_gcpfw;
	time_ctx_init(&f->ctx.time, 0, false);
	f->ctx.state = format_gcpfw.state_new();
	assert_non_null(f->ctx.state);
}

static void
feed_close(struct feed *f)
{
	format_gcpfw.state_free(f->ctx.state);
	free(f->ctx.scratch.p);
}

static void
copy_str(char *dst, size_t cap, struct str s)
{
	assert_true(s.n < cap);
	memcpy(dst, s.p != NULL ? s.p : "", s.n);
	dst[s.n] = '\0';
}

/* Hands in one line, and again while the parser asks; keeps every result
 * but PENDING and NOT_MINE (those are counted in nmine). */
static void
feed_line(struct feed *f, const char *line, size_t n)
{
	size_t rounds = 0;
	enum parse_status rc;

	f->ctx.line++;
	do {
		struct out *o = &f->out[f->nout];

		assert_true(f->nout < MAX_OUT);
		f->ctx.again = false;
		f->ctx.record_line = f->ctx.line;
		f->ctx.scratch.n = 0;
		f->ctx.reason = NULL;
		event_clear(&o->ev);
		rc = format_gcpfw.parse(&f->ctx, line, n, &o->ev);
		f->nmine += rc == PARSE_NOT_MINE;
		if (rc == PARSE_PENDING || rc == PARSE_NOT_MINE)
			continue;
		o->rc = rc;
		o->line = f->ctx.record_line;
		snprintf(o->reason, sizeof(o->reason), "%s",
		    f->ctx.reason ? f->ctx.reason : "");
		copy_str(o->action, sizeof(o->action), o->ev.action);
		copy_str(o->hint, sizeof(o->hint), o->ev.action_hint);
		copy_str(o->device, sizeof(o->device), o->ev.device);
		f->nok += rc == PARSE_OK;
		f->nout++;
	} while (f->ctx.again && rc != PARSE_NOT_MINE && ++rounds <= n);
}

static void
feed_text(struct feed *f, const char *text)
{
	const char *p = text, *nl;

	while (*p != '\0') {
		nl = strchr(p, '\n');
		feed_line(f, p, nl ? (size_t)(nl - p) : strlen(p));
		if (nl == NULL)
			break;
		p = nl + 1;
	}
}

static void
assert_common(const struct out *o)
{
	assert_int_equal(o->rc, PARSE_OK);
	assert_str_eq(o->ev.vendor, "Google");
	assert_str_eq(o->ev.product, "Cloud Firewall");
	assert_int_equal(o->ev.verdict, 0);
}

/*
 * The corpus entries: both DENIED, UDP, INGRESS then EGRESS, on the VM
 * local-example-test, at 16:41:38.394575419 (kept to microseconds).
 */
static void
check_corpus(const struct feed *f, size_t first)
{
	const struct out *a = &f->out[first], *b = &f->out[first + 1];

	assert_common(a);
	assert_int_equal(a->ev.time, USEC(T_20191106_164138) + 394575);
	assert_string_equal(a->action, "DENIED");
	assert_string_equal(a->hint, "DENY");
	assert_addr_eq(a->ev.src, "10.142.0.10");
	assert_addr_eq(a->ev.dst, "10.128.0.16");
	assert_int_equal(a->ev.sport, 57794);
	assert_int_equal(a->ev.dport, 80);
	assert_int_equal(a->ev.proto, PROTO_UDP);
	assert_string_equal(a->device, "local-example-test");

	assert_common(b);
	assert_int_equal(b->ev.time, USEC(T_20191106_164138) + 394575);
	assert_string_equal(b->action, "DENIED");
	assert_addr_eq(b->ev.src, "10.142.0.16");
	assert_addr_eq(b->ev.dst, "10.128.0.10");
	assert_int_equal(b->ev.sport, 80);
	assert_int_equal(b->ev.dport, 57794);
	assert_int_equal(b->ev.proto, PROTO_UDP);
	assert_string_equal(b->device, "local-example-test");
}

/* Loads the corpus file and returns its entries, taken out of the
 * {"events":[{"json":...}]} wrapper of the test fixture. */
static json_t *
corpus_entries(void)
{
	const char *dir = getenv("SHARED");
	char path[4096];
	json_t *doc, *events, *out = json_array();
	size_t i;
	json_t *e;

	snprintf(path, sizeof(path), "%s/corpus/cloud_flow/"
	    "elastic_gcp_test-firewall-event.json", dir ? dir : "../shared");
	doc = json_load_file(path, 0, NULL);
	assert_non_null(doc);
	events = json_object_get(doc, "events");
	assert_int_equal(json_array_size(events), 2);
	json_array_foreach(events, i, e)
		json_array_append(out, json_object_get(e, "json"));
	json_decref(doc);
	return out;
}

/* The corpus entries as JSON lines (a Cloud Storage sink). */
static void
test_corpus_lines(void **unused)
{
	json_t *entries = corpus_entries();
	struct feed f;
	size_t i;
	json_t *e;

	feed_open(&f);
	json_array_foreach(entries, i, e) {
		char *s = json_dumps(e, JSON_COMPACT);

		feed_text(&f, s);
		free(s);
	}
	assert_int_equal(f.nout, 2);
	assert_int_equal(f.nmine, 0);
	check_corpus(&f, 0);
	assert_int_equal(f.out[1].line, 2);
	json_decref(entries);
	feed_close(&f);
}

/* The corpus entries as gcloud prints them: a pretty-printed array, and
 * the same array on one line. */
static void
test_corpus_arrays(void **unused)
{
	json_t *entries = corpus_entries();
	char *pretty = json_dumps(entries, JSON_INDENT(2) | JSON_SORT_KEYS);
	char *flat = json_dumps(entries, JSON_COMPACT);
	struct feed f;

	feed_open(&f);
	feed_text(&f, pretty);
	assert_int_equal(f.nok, 2);
	assert_int_equal(f.nout, 4);
	assert_int_equal(f.out[0].rc, PARSE_SKIP);
	assert_int_equal(f.out[1].line, 2);
	assert_int_equal(f.out[2].line, 70);
	check_corpus(&f, 1);
	assert_int_equal(f.out[f.nout - 1].rc, PARSE_SKIP);
	assert_string_equal(f.out[f.nout - 1].reason,
	    "JSON array punctuation");
	assert_int_equal(format_gcpfw.finish(&f.ctx), PARSE_SKIP);
	feed_close(&f);

	feed_open(&f);
	feed_text(&f, flat);
	assert_int_equal(f.nout, 2);
	check_corpus(&f, 0);
	assert_int_equal(f.out[1].line, 1);
	feed_close(&f);
	free(pretty);
	free(flat);
	json_decref(entries);
}

/*
 * Fixtures from Google's description of the record: protocol as an IANA
 * number, ALLOWED, an IPv6 connection, no instance, ports as strings.
 */
static void
test_fixtures(void **unused)
{
	struct feed f;

	feed_open(&f);
	feed_text(&f, "{\"insertId\":\"a1\",\"jsonPayload\":{\"connection\":{"
	    "\"src_ip\":\"203.0.113.5\",\"src_port\":44321,\"dest_ip\":"
	    "\"192.0.2.9\",\"dest_port\":22,\"protocol\":6},\"disposition\":"
	    "\"DENIED\",\"rule_details\":{\"reference\":\"network:default/"
	    "firewall:deny-ssh\",\"direction\":\"INGRESS\",\"action\":\"DENY\","
	    "\"priority\":1000},\"instance\":{\"vm_name\":\"web-1\"}},"
	    "\"timestamp\":\"2024-03-03T10:00:00.5Z\"}\n"
	    "{\"jsonPayload\":{\"connection\":{\"src_ip\":\"2001:db8::7\","
	    "\"src_port\":\"5353\",\"dest_ip\":\"2001:db8:1::1\",\"dest_port\":"
	    "\"443\",\"protocol\":\"17\"},\"disposition\":\"ALLOWED\"},"
	    "\"timestamp\":\"2024-03-03T11:00:00+01:00\"}\n"
	    "{\"jsonPayload\":{\"connection\":{\"src_ip\":\"203.0.113.5\","
	    "\"dest_ip\":\"192.0.2.9\",\"protocol\":1},\"disposition\":"
	    "\"DENIED\",\"rule_details\":{\"action\":\"DENY\"}}}\n");
	assert_int_equal(f.nout, 3);
	assert_common(&f.out[0]);
	assert_int_equal(f.out[0].ev.time, USEC(T0) + 500000);
	assert_string_equal(f.out[0].action, "DENIED");
	assert_string_equal(f.out[0].hint, "DENY");
	assert_addr_eq(f.out[0].ev.src, "203.0.113.5");
	assert_addr_eq(f.out[0].ev.dst, "192.0.2.9");
	assert_int_equal(f.out[0].ev.sport, 44321);
	assert_int_equal(f.out[0].ev.dport, 22);
	assert_int_equal(f.out[0].ev.proto, PROTO_TCP);
	assert_string_equal(f.out[0].device, "web-1");

	assert_common(&f.out[1]);
	assert_int_equal(f.out[1].ev.time, USEC(T0));
	assert_string_equal(f.out[1].action, "ALLOWED");
	assert_string_equal(f.out[1].hint, "");
	assert_addr_eq(f.out[1].ev.src, "2001:db8::7");
	assert_int_equal(f.out[1].ev.sport, 5353);
	assert_int_equal(f.out[1].ev.dport, 443);
	assert_int_equal(f.out[1].ev.proto, PROTO_UDP);
	assert_string_equal(f.out[1].device, "");

	/* ICMP: no ports, no time of its own */
	assert_common(&f.out[2]);
	assert_false(f.out[2].ev.has_sport || f.out[2].ev.has_dport);
	assert_false(f.out[2].ev.has_time);
	assert_int_equal(f.out[2].ev.proto, PROTO_ICMP);
	feed_close(&f);
}

/* Present but unreadable values make the entry malformed. */
static void
test_malformed(void **unused)
{
	static const struct {
		const char *conn, *rest, *reason;
	} cases[] = {
		{ "\"src_ip\":\"203.0.113.500\"", "", "bad src_ip" },
		{ "\"src_ip\":5", "", "bad src_ip" },
		{ "\"dest_ip\":\"x\"", "", "bad dest_ip" },
		{ "\"src_port\":-1", "", "bad src_port" },
		{ "\"dest_port\":65536", "", "bad dest_port" },
		{ "\"dest_port\":\"22a\"", "", "bad dest_port" },
		{ "\"dest_port\":22.5", "", "bad dest_port" },
		{ "\"protocol\":256", "", "bad protocol" },
		{ "\"protocol\":true", "", "bad protocol" },
		{ "\"dest_port\":22", ",\"timestamp\":\"2024-02-30T00:00:00Z\"",
		  "bad timestamp" },
		{ "\"dest_port\":22", ",\"timestamp\":5", "bad timestamp" },
	};
	char line[512];
	struct feed f;

	feed_open(&f);
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		snprintf(line, sizeof(line), "{\"jsonPayload\":{\"connection\":"
		    "{%s},\"disposition\":\"DENIED\"}%s}", cases[i].conn,
		    cases[i].rest);
		f.nout = 0;
		feed_line(&f, line, strlen(line));
		assert_int_equal(f.nout, 1);
		assert_int_equal(f.out[0].rc, PARSE_MALFORMED);
		assert_string_equal(f.out[0].reason, cases[i].reason);
	}

	/* a repeated key: the first occurrence wins */
	f.nout = 0;
	feed_text(&f, "{\"timestamp\":\"2024-03-03T10:00:00Z\",\"jsonPayload\":"
	    "{\"connection\":{\"dest_port\":22,\"dest_port\":\"x\"},"
	    "\"disposition\":\"DENIED\",\"disposition\":3},\"timestamp\":"
	    "\"y\",\"jsonPayload\":7}\n");
	assert_int_equal(f.nout, 1);
	assert_common(&f.out[0]);
	assert_int_equal(f.out[0].ev.time, USEC(T0));
	assert_int_equal(f.out[0].ev.dport, 22);
	assert_string_equal(f.out[0].action, "DENIED");

	f.nout = 0;
	feed_text(&f, "{\"jsonPayload\":{\"disposition\":\"DENIED\",\"x\":}}\n"
	    "{\"jsonPayload\":{\"disposition\":1}}\n"
	    "{\"jsonPayload\":{\"disposition\":\"DENIED\","
	    "\"connection\":[]}}\n");
	assert_int_equal(f.nout, 3);
	assert_string_equal(f.out[0].reason, "invalid JSON");
	assert_string_equal(f.out[1].reason, "JSON value of the wrong type");
	assert_string_equal(f.out[2].reason, "bad connection");
	feed_close(&f);
}

/* A pretty-printed entry cut short, and one that is not a firewall log. */
static void
test_multiline(void **unused)
{
	struct feed f;

	feed_open(&f);
	feed_text(&f, "[\n  {\n    \"jsonPayload\": {\"reporter\": \"SRC\"},\n"
	    "    \"x\": 1\n  },\n  {\n    \"jsonPayload\": {\n"
	    "      \"disposition\": \"DENIED\",\n      \"note\": \"cut\n");
	assert_int_equal(f.nout, 3);
	assert_int_equal(f.out[0].rc, PARSE_SKIP);
	assert_string_equal(f.out[0].reason, "JSON array punctuation");
	assert_int_equal(f.out[1].rc, PARSE_SKIP);
	assert_string_equal(f.out[1].reason, "not a firewall log entry");
	assert_int_equal(f.out[1].line, 2);
	assert_int_equal(f.out[2].rc, PARSE_MALFORMED);
	assert_string_equal(f.out[2].reason, "invalid JSON");
	assert_int_equal(format_gcpfw.finish(&f.ctx), PARSE_SKIP);
	feed_close(&f);

	feed_open(&f);
	feed_text(&f, "{\n  \"jsonPayload\": {\n    \"disposition\": "
	    "\"DENIED\"\n");
	assert_int_equal(f.nout, 0);
	assert_int_equal(format_gcpfw.finish(&f.ctx), PARSE_MALFORMED);
	assert_string_equal(f.ctx.reason, "record cut short at end of input");
	assert_int_equal(f.ctx.record_line, 1);
	feed_close(&f);
}

/*
 * In a file that is not a Google Cloud export (a mixed syslog stream), an
 * entry is one line: injected "[" and "{" lines are not claimed, and an
 * entry left open at its line's end is malformed, so neither can swallow
 * the lines after it.
 */
static void
test_mixed_stream_one_line(void **unused)
{
	struct feed f;

	feed_open(&f);
	f.ctx.file_format = NULL;
	feed_text(&f, "[\n{\n");
	assert_int_equal(f.nout, 0);
	assert_int_equal(f.nmine, 2);
	feed_text(&f, "{\"jsonPayload\":{\"disposition\":\"DENIED\",\n");
	assert_int_equal(f.nout, 1);
	assert_int_equal(f.out[0].rc, PARSE_MALFORMED);
	assert_string_equal(f.out[0].reason, "entry not closed on its line");
	feed_text(&f, "{\"jsonPayload\":{\"disposition\":\"DENIED\","
	    "\"connection\":{\"src_ip\":\"203.0.113.5\",\"src_port\":1,"
	    "\"dest_ip\":\"192.0.2.9\",\"dest_port\":22,\"protocol\":6}},"
	    "\"timestamp\":\"2024-03-03T10:00:00Z\"}\n");
	assert_int_equal(f.nout, 2);
	assert_int_equal(f.out[1].rc, PARSE_OK);
	assert_int_equal(f.out[1].ev.dport, 22);
	assert_int_equal(format_gcpfw.finish(&f.ctx), PARSE_SKIP);
	feed_close(&f);
}

/* Lines of other formats, and JSON of other formats, are not claimed. */
static void
test_not_mine(void **unused)
{
	static const char *const lines[] = {
		"CEF:0|ExampleCo|EdgeFW|3.1|4001|Inbound deny|5|"
		    "src=203.0.113.10 dst=192.0.2.20 dpt=445 act=deny",
		"Mar  3 10:00:01 gw01 kernel: FW-DROP IN=eth0 OUT= "
		    "SRC=203.0.113.77 DST=192.0.2.10 PROTO=TCP",
		"{\"timestamp\":\"2024-03-03T05:00:13Z\","
		    "\"event_type\":\"flow\","
		    "\"src_ip\":\"203.0.113.101\",\"dest_port\":5900}",
		"{\"jsonPayload\":{\"connection\":{\"src_ip\":\"203.0.113.5\"},"
		    "\"reporter\":\"DEST\"},\"note\":\"disposition\"}",
		"{\"note\":\"\\\"disposition\\\"\"}",
		"2 1 eni-1 - - - - - - - 1 2 - NODATA",
		"]",
		"",
		"   ",
	};
	struct feed f;

	feed_open(&f);
	for (size_t i = 0; i < sizeof(lines) / sizeof(lines[0]); i++)
		feed_text(&f, lines[i][0] ? lines[i] : "\n");
	assert_int_equal(f.nout, 0);
	assert_int_equal(f.nmine, sizeof(lines) / sizeof(lines[0]));
	feed_close(&f);
}

/* NUL bytes, CRLF line ends and escapes. */
static void
test_nul_crlf_escapes(void **unused)
{
	static const char line[] = "{\"jsonPayload\":{\"connection\":{"
	    "\"src_ip\":\"203.0.113.5\\u0000\"},\"disposition\":\"DENIED\"}}\r";
	static const char raw[] = "{\"jsonPayload\":{\"disposition\":"
	    "\"DEN\0\"}}";
	struct feed f;

	feed_open(&f);
	feed_line(&f, line, sizeof(line) - 1);
	assert_int_equal(f.nout, 1);
	assert_string_equal(f.out[0].reason, "bad src_ip");
	feed_line(&f, raw, sizeof(raw) - 1);
	assert_int_equal(f.nout, 2);
	assert_int_equal(f.out[1].rc, PARSE_MALFORMED);
	assert_string_equal(f.out[1].reason, "invalid JSON");

	/* escapes are undone: \u0032 is "2", \u00e9 is UTF-8 "\xc3\xa9" */
	feed_text(&f, "{\"jsonPayload\":{\"connection\":{\"src_ip\":"
	    "\"203.0.113.\\u0032\"},\"disposition\":\"DENIED\",\"instance\":"
	    "{\"vm_name\":\"caf\\u00e9\\/1\"}}}\n");
	assert_int_equal(f.nout, 3);
	assert_common(&f.out[2]);
	assert_addr_eq(f.out[2].ev.src, "203.0.113.2");
	assert_string_equal(f.out[2].device, "caf\xc3\xa9/1");
	feed_close(&f);
}

static void
test_sniff(void **unused)
{
	static const char line[] = "{\"insertId\":\"1dobeotg13df9f5\","
	    "\"jsonPayload\":{\"connection\":{\"dest_ip\":\"10.128.0.16\"},"
	    "\"disposition\":\"DENIED\",\"rule_details\":{}},\"logName\":"
	    "\"projects/p/logs/compute.googleapis.com%2Ffirewall\"}\n";
	static const char pretty[] = "[\n  {\n    \"insertId\": \"x\",\n"
	    "    \"jsonPayload\": {\n      \"connection\": {\n"
	    "        \"dest_ip\": \"192.0.2.9\"\n      },\n"
	    "      \"disposition\": \"DENIED\",\n"
	    "      \"rule_details\": {\n";
	static const char nsg[] = "{\"records\":[{\"category\":"
	    "\"NetworkSecurityGroupFlowEvent\",\"properties\":{\"flows\":"
	    "[]}}]}";

	assert_int_equal(format_gcpfw.sniff(line, sizeof(line) - 1), 95);
	assert_int_equal(format_gcpfw.sniff(pretty, sizeof(pretty) - 1), 95);
	assert_int_equal(format_gcpfw.sniff(nsg, sizeof(nsg) - 1), 0);
	assert_int_equal(format_nsgflow.sniff(line, sizeof(line) - 1), 0);
	assert_int_equal(format_csl.sniff(line, sizeof(line) - 1), 0);
	assert_int_equal(format_cef.sniff(line, sizeof(line) - 1), 0);
	assert_true(format_gcpfw.line_based);
	assert_string_equal(format_gcpfw.name, "gcp-firewall");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_corpus_lines),
		cmocka_unit_test(test_corpus_arrays),
		cmocka_unit_test(test_fixtures),
		cmocka_unit_test(test_malformed),
		cmocka_unit_test(test_multiline),
		cmocka_unit_test(test_not_mine),
		cmocka_unit_test(test_mixed_stream_one_line),
		cmocka_unit_test(test_nul_crlf_escapes),
		cmocka_unit_test(test_sniff),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
