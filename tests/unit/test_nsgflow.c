/*
 * test_nsgflow.c - the Azure NSG flow log reader, held to docs/formats.md:
 * version 1 and 2 tuples, decisions D and A, flow states B, C and E, the
 * blob document pretty-printed, on one line and as one record per line,
 * the record of corpus/cloud_flow, and invalid JSON.
 *
 * Expected times are the tuples' own epoch seconds, checked by hand
 * against the calendar where a comment gives the date.
 */
#include <stdio.h>
#include <stdlib.h>

#include "testutil.h"
#include "parse/format.h"
#include "core/action.h"

extern const struct format format_nsgflow, format_csl, format_gcpfw;

#define USEC(sec) ((int64_t)(sec) * USEC_PER_SEC)

/* 2024-03-03T10:00:00Z: 19785 days after 1970-01-01, plus ten hours */
#define T0 INT64_C(1709460000)

#define MAX_OUT 64

/* One result of the parser, with the event's text copied out. */
struct out {
	enum parse_status rc;
	uint64_t line;
	char reason[64];
	struct event ev;
	char action[8], device[64];
};

struct feed {
	struct parse_opts opts;
	struct parse_ctx ctx;
	struct out out[MAX_OUT];
	size_t nout, nok;
};

static void
feed_open(struct feed *f)
{
	memset(f, 0, sizeof(*f));
	f->ctx.opts = &f->opts;
	time_ctx_init(&f->ctx.time, 0, false);
	f->ctx.state = format_nsgflow.state_new();
	assert_non_null(f->ctx.state);
}

static void
feed_close(struct feed *f)
{
	format_nsgflow.state_free(f->ctx.state);
	free(f->ctx.scratch.p);
}

static void
copy_str(char *dst, size_t cap, struct str s)
{
	assert_true(s.n < cap);
	memcpy(dst, s.p != NULL ? s.p : "", s.n);
	dst[s.n] = '\0';
}

/* Hands in one line, and again while the parser asks; PENDING results are
 * not kept. */
static void
feed_line(struct feed *f, const char *line, size_t n)
{
	size_t rounds = 0;

	f->ctx.line++;
	do {
		struct out *o = &f->out[f->nout];
		enum parse_status rc;

		assert_true(f->nout < MAX_OUT);
		f->ctx.again = false;
		f->ctx.record_line = f->ctx.line;
		f->ctx.scratch.n = 0;
		f->ctx.reason = NULL;
		event_clear(&o->ev);
		rc = format_nsgflow.parse(&f->ctx, line, n, &o->ev);
		assert_int_not_equal(rc, PARSE_NOT_MINE);
		if (rc == PARSE_PENDING)
			continue;
		o->rc = rc;
		o->line = f->ctx.record_line;
		snprintf(o->reason, sizeof(o->reason), "%s",
		    f->ctx.reason ? f->ctx.reason : "");
		copy_str(o->action, sizeof(o->action), o->ev.action);
		copy_str(o->device, sizeof(o->device), o->ev.device);
		f->nok += rc == PARSE_OK;
		f->nout++;
	} while (f->ctx.again && ++rounds <= n);
}

/* Feeds a text line by line. */
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
assert_tuple(const struct out *o, int64_t t, const char *src, const char *dst,
    int sport, int dport, int proto, const char *action, const char *device)
{
	assert_int_equal(o->rc, PARSE_OK);
	assert_true(o->ev.has_time);
	assert_int_equal(o->ev.time, USEC(t));
	assert_addr_eq(o->ev.src, src);
	assert_addr_eq(o->ev.dst, dst);
	assert_true(o->ev.has_sport && o->ev.has_dport);
	assert_int_equal(o->ev.sport, sport);
	assert_int_equal(o->ev.dport, dport);
	assert_int_equal(o->ev.proto, proto);
	assert_string_equal(o->action, action);
	assert_int_equal(o->ev.verdict, action[0] == 'D' ? ACTION_DENY :
	    ACTION_ALLOW);
	assert_str_eq(o->ev.vendor, "Microsoft");
	assert_str_eq(o->ev.product, "Azure NSG");
	assert_string_equal(o->device, device);
}

static void
assert_skip(const struct out *o, const char *reason)
{
	assert_int_equal(o->rc, PARSE_SKIP);
	assert_string_equal(o->reason, reason);
}

static void
assert_malformed(const struct out *o, const char *reason)
{
	assert_int_equal(o->rc, PARSE_MALFORMED);
	assert_string_equal(o->reason, reason);
}

/* corpus/cloud_flow/elastic_azure_nsg_test-nsg.json: one version 2
 * record, one tuple in state E (the end of an allowed outbound flow),
 * which repeats a flow already counted at its B: skipped. */
static void
test_corpus(void **unused)
{
	struct feed f;

	feed_open(&f);
	feed_text(&f, "{\"time\":\"2018-11-13T12:00:35.3899262Z\","
	    "\"systemId\":\"a0fca5ce-022c-47b1-9735-89943b42f2fa\","
	    "\"category\":\"NetworkSecurityGroupFlowEvent\",\"resourceId\":"
	    "\"/SUBSCRIPTIONS/00000000-0000-0000-0000-000000000000/"
	    "RESOURCEGROUPS/FABRIKAMRG/PROVIDERS/MICROSOFT.NETWORK/"
	    "NETWORKSECURITYGROUPS/FABRIAKMVM1-NSG\",\"operationName\":"
	    "\"NetworkSecurityGroupFlowEvents\",\"properties\":{\"Version\":2,"
	    "\"flows\":[{\"rule\":\"DefaultRule_AllowInternetOutBound\","
	    "\"flows\":[{\"mac\":\"000D3AF87856\",\"flowTuples\":["
	    "\"1542110379,1.128.0.0,1.128.0.1,59932,443,T,O,A,E,1,66,1,66\""
	    "]}]}]}}\n");
	assert_int_equal(f.nout, 1);
	assert_int_equal(f.nok, 0);
	assert_skip(&f.out[0], "flow continued or ended");
	assert_int_equal(format_nsgflow.finish(&f.ctx), PARSE_SKIP);
	feed_close(&f);
}

/* The blob document as Microsoft documents it, pretty-printed: version 1
 * tuples, inbound denies and an outbound allow; each event carries the
 * line of its tuple. */
static const char doc_v1[] =
    "{\n"
    "  \"records\": [\n"
    "    {\n"
    "      \"time\": \"2024-03-03T10:01:00.0000000Z\",\n"
    "      \"systemId\": \"5f0d0e0a-0000-0000-0000-000000000000\",\n"
    "      \"category\": \"NetworkSecurityGroupFlowEvent\",\n"
    "      \"resourceId\": \"/SUBSCRIPTIONS/0/RESOURCEGROUPS/RG/PROVIDERS/"
    "MICROSOFT.NETWORK/NETWORKSECURITYGROUPS/WEB-NSG\",\n"
    "      \"operationName\": \"NetworkSecurityGroupFlowEvents\",\n"
    "      \"properties\": {\n"
    "        \"Version\": 1,\n"
    "        \"flows\": [\n"
    "          {\n"
    "            \"rule\": \"DefaultRule_DenyAllInBound\",\n"
    "            \"flows\": [\n"
    "              {\n"
    "                \"mac\": \"000D3AF87856\",\n"
    "                \"flowTuples\": [\n"
    "                  \"1709460000,203.0.113.5,192.0.2.9,44321,22,T,I,D\",\n"
    "                  \"1709460001,203.0.113.5,192.0.2.9,44322,23,T,I,D\",\n"
    "                  \"1709460002,203.0.113.5,192.0.2.9,44323,53,U,I,D\"\n"
    "                ]\n"
    "              }\n"
    "            ]\n"
    "          },\n"
    "          {\n"
    "            \"rule\": \"UserRule_AllowOut\",\n"
    "            \"flows\": [\n"
    "              {\n"
    "                \"mac\": \"000D3AF87856\",\n"
    "                \"flowTuples\": [\n"
    "                  \"1709460003,192.0.2.9,198.51.100.7,50000,443,T,O,A\"\n"
    "                ]\n"
    "              }\n"
    "            ]\n"
    "          }\n"
    "        ]\n"
    "      }\n"
    "    }\n"
    "  ]\n"
    "}\n";

static void
test_pretty_v1(void **unused)
{
	struct feed f;

	feed_open(&f);
	feed_text(&f, doc_v1);
	assert_int_equal(f.nout, 5);
	assert_tuple(&f.out[0], T0, "203.0.113.5", "192.0.2.9", 44321, 22,
	    PROTO_TCP, "D", "WEB-NSG");
	assert_int_equal(f.out[0].line, 18);
	assert_tuple(&f.out[1], T0 + 1, "203.0.113.5", "192.0.2.9", 44322, 23,
	    PROTO_TCP, "D", "WEB-NSG");
	assert_int_equal(f.out[1].line, 19);
	assert_tuple(&f.out[2], T0 + 2, "203.0.113.5", "192.0.2.9", 44323, 53,
	    PROTO_UDP, "D", "WEB-NSG");
	assert_tuple(&f.out[3], T0 + 3, "192.0.2.9", "198.51.100.7", 50000,
	    443, PROTO_TCP, "A", "WEB-NSG");
	assert_int_equal(f.out[3].line, 31);
	assert_skip(&f.out[4], "end of JSON document");
	assert_int_equal(f.out[4].line, 40);
	assert_int_equal(format_nsgflow.finish(&f.ctx), PARSE_SKIP);
	feed_close(&f);
}

/* Version 2 on one line, as the blob is written: B counts, C and E are
 * skipped, several tuples on one line each give an event. */
static void
test_one_line_v2(void **unused)
{
	struct feed f;

	feed_open(&f);
	feed_text(&f, "{\"records\":[{\"time\":\"2024-03-03T10:01:00Z\","
	    "\"resourceId\":\"/x/NETWORKSECURITYGROUPS/EDGE-NSG\","
	    "\"properties\":{\"Version\":2,\"flows\":[{\"rule\":\"r1\","
	    "\"flows\":[{\"mac\":\"000D3AF87856\",\"flowTuples\":["
	    "\"1709460000,203.0.113.5,192.0.2.9,44321,22,T,I,D,B,,,,\","
	    "\"1709460030,198.51.100.7,192.0.2.9,50000,443,T,I,A,C,3,300,2,"
	    "200\","
	    "\"1709460001,203.0.113.5,192.0.2.9,44322,3389,T,I,D,B,,,,\","
	    "\"1709460059,198.51.100.7,192.0.2.9,50000,443,T,I,A,E,1,60,1,60\""
	    "]}]}]}}\n"
	    ",{\"time\":\"2024-03-03T10:02:00Z\",\"resourceId\":"
	    "\"/x/NETWORKSECURITYGROUPS/DB-NSG\",\"properties\":{\"Version\":"
	    "2,\"flows\":[{\"rule\":\"r2\",\"flows\":[{\"mac\":\"m\","
	    "\"flowTuples\":[\"1709460100,2001:db8::5,2001:db8:1::9,1234,3306,"
	    "T,I,D,B,,,,\"]}]}]}}\n"
	    "]}\n");
	assert_int_equal(f.nout, 6);
	assert_tuple(&f.out[0], T0, "203.0.113.5", "192.0.2.9", 44321, 22,
	    PROTO_TCP, "D", "EDGE-NSG");
	assert_skip(&f.out[1], "flow continued or ended");
	assert_tuple(&f.out[2], T0 + 1, "203.0.113.5", "192.0.2.9", 44322,
	    3389, PROTO_TCP, "D", "EDGE-NSG");
	assert_skip(&f.out[3], "flow continued or ended");
	assert_tuple(&f.out[4], T0 + 100, "2001:db8::5", "2001:db8:1::9", 1234,
	    3306, PROTO_TCP, "D", "DB-NSG");
	assert_int_equal(f.out[4].line, 2);
	assert_skip(&f.out[5], "end of JSON document");
	feed_close(&f);
}

/* Records one per line, without the "records" wrapper; a record without a
 * resourceId has no device; an empty record list has no tuples. */
static void
test_record_lines(void **unused)
{
	struct feed f;

	feed_open(&f);
	feed_text(&f, "{\"properties\":{\"flows\":[{\"flows\":[{\"flowTuples\":"
	    "[\"1709460000,203.0.113.5,192.0.2.9,1,22,T,I,D\"]}]}]}}\n"
	    "\n"
	    "{\"records\":[]}\n"
	    "[{\"resourceId\":\"NSG-A\",\"properties\":{\"flows\":[{\"flows\":"
	    "[{\"flowTuples\":[\"1709460005,203.0.113.6,192.0.2.9,2,23,U,I,D"
	    "\"]}]}]}}]\n");
	assert_int_equal(f.nout, 4);
	assert_tuple(&f.out[0], T0, "203.0.113.5", "192.0.2.9", 1, 22,
	    PROTO_TCP, "D", "");
	assert_skip(&f.out[1], "empty line");
	assert_skip(&f.out[2], "JSON document without flow tuples");
	assert_tuple(&f.out[3], T0 + 5, "203.0.113.6", "192.0.2.9", 2, 23,
	    PROTO_UDP, "D", "NSG-A");
	feed_close(&f);
}

/* Strings elsewhere that look like tuples are not tuples; escapes in a
 * tuple are undone; keys are matched in any case. */
static void
test_structure(void **unused)
{
	struct feed f;

	feed_open(&f);
	feed_text(&f, "{\"records\":[{\"note\":[\"1709460000,203.0.113.5,"
	    "192.0.2.9,1,22,T,I,D\"],\"RESOURCEID\":\"a\\/B-NSG\","
	    "\"properties\":{\"flows\":[{\"rule\":\"x\",\"flows\":[{"
	    "\"FLOWTUPLES\":[\"1709460000,203.0.113.5,192.0.2.9,1,\\u0032"
	    "2,T,I,D\"],\"other\":{\"flowTuples\":[\"not a tuple\"]}}]}]}}]}"
	    "\n");
	assert_int_equal(f.nout, 1);
	assert_tuple(&f.out[0], T0, "203.0.113.5", "192.0.2.9", 1, 22,
	    PROTO_TCP, "D", "B-NSG");
	feed_close(&f);
}

/* Tuples that cannot be read are malformed; reading goes on. */
static void
test_bad_tuples(void **unused)
{
	static const struct {
		const char *tuple, *reason;
	} cases[] = {
		{ "1709460000,203.0.113.5,192.0.2.9,1,22,T,I",
		  "bad flow tuple" },
		{ "1709460000,203.0.113.5,192.0.2.9,1,22,T,I,D,B,,,,,",
		  "bad flow tuple" },
		{ "17094600x0,203.0.113.5,192.0.2.9,1,22,T,I,D",
		  "bad flow tuple time" },
		{ ",203.0.113.5,192.0.2.9,1,22,T,I,D", "bad flow tuple time" },
		{ "1709460000,203.0.113.500,192.0.2.9,1,22,T,I,D",
		  "bad source address" },
		{ "1709460000,203.0.113.5,,1,22,T,I,D",
		  "bad destination address" },
		{ "1709460000,203.0.113.5,192.0.2.9,65536,22,T,I,D",
		  "bad source port" },
		{ "1709460000,203.0.113.5,192.0.2.9,1,,T,I,D",
		  "bad destination port" },
		{ "1709460000,203.0.113.5,192.0.2.9,1,22,300,I,D",
		  "bad protocol" },
		{ "1709460000,203.0.113.5,192.0.2.9,1,22,T,X,D",
		  "bad flow direction" },
		{ "1709460000,203.0.113.5,192.0.2.9,1,22,T,I,d",
		  "bad flow decision" },
		{ "1709460000,203.0.113.5,192.0.2.9,1,22,T,I,D,X,,,,",
		  "bad flow state" },
	};
	char line[256];
	struct feed f;

	feed_open(&f);
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		snprintf(line, sizeof(line), "{\"properties\":{\"flows\":[{"
		    "\"flows\":[{\"flowTuples\":[\"%s\"]}]}]}}",
		    cases[i].tuple);
		f.nout = 0;
		feed_line(&f, line, strlen(line));
		assert_int_equal(f.nout, 1);
		assert_malformed(&f.out[0], cases[i].reason);
	}

	/* a protocol other than T and U: a number is kept, a name not
	 * listed is absent */
	f.nout = 0;
	feed_text(&f, "{\"properties\":{\"flows\":[{\"flows\":[{\"flowTuples\":"
	    "[\"1709460000,203.0.113.5,192.0.2.9,0,0,1,I,D\","
	    "\"1709460000,203.0.113.5,192.0.2.9,0,0,Q,I,D\"]}]}]}}\n");
	assert_int_equal(f.nout, 2);
	assert_int_equal(f.out[0].ev.proto, PROTO_ICMP);
	assert_int_equal(f.out[1].ev.proto, -1);
	feed_close(&f);
}

/* Invalid JSON: one malformed result, the rest of the document skipped,
 * reading resumes at the next line that opens a document. */
static void
test_invalid_json(void **unused)
{
	struct feed f;

	feed_open(&f);
	feed_text(&f, "{\n"
	    "  \"records\": [\n"
	    "    {\"properties\": {\"flows\": [}\n"
	    "    \"flowTuples\": [\"1709460000,203.0.113.5,192.0.2.9,1,22,T,"
	    "I,D\"]\n"
	    "  ]\n"
	    "}\n"
	    "{\"flowTuples\":[\"1709460000,203.0.113.5,192.0.2.9,1,22,T,I,"
	    "D\"],\"properties\":{\"flows\":[{\"flows\":[{\"flowTuples\":["
	    "\"1709460009,203.0.113.5,192.0.2.9,1,25,T,I,D\"]}]}]}}\n"
	    "\"text\"\n"
	    "{\"a\": \"string cut\n"
	    "{\"a\": tru}\n"
	    "{\"a\": 01}\n"
	    "{\"a\" 1}\n"
	    "{\"a\": \"\x01\"}\n");
	assert_int_equal(f.nout, 11);
	assert_malformed(&f.out[0], "invalid JSON");
	assert_int_equal(f.out[0].line, 3);
	assert_skip(&f.out[1], "rest of invalid JSON");
	assert_skip(&f.out[2], "rest of invalid JSON");
	assert_skip(&f.out[3], "rest of invalid JSON");
	assert_tuple(&f.out[4], T0 + 9, "203.0.113.5", "192.0.2.9", 1, 25,
	    PROTO_TCP, "D", "");
	assert_int_equal(f.out[4].line, 7);
	for (size_t i = 5; i < 11; i++)
		assert_malformed(&f.out[i], "invalid JSON");
	feed_close(&f);
}

/* A document still open at the end of the input, and nesting too deep. */
static void
test_cut_and_deep(void **unused)
{
	char deep[200];
	struct feed f;

	feed_open(&f);
	feed_text(&f, "{\"records\":[\n{\"properties\":{\"flows\":[{\"flows\":["
	    "{\"flowTuples\":[\"1709460000,203.0.113.5,192.0.2.9,1,22,T,I,"
	    "D\",\n");
	assert_int_equal(f.nok, 1);
	f.ctx.record_line = 99;
	assert_int_equal(format_nsgflow.finish(&f.ctx), PARSE_MALFORMED);
	assert_string_equal(f.ctx.reason, "record cut short at end of input");
	assert_int_equal(f.ctx.record_line, 1);
	feed_close(&f);

	memset(deep, '[', 70);
	deep[70] = '\0';
	feed_open(&f);
	feed_text(&f, deep);
	assert_int_equal(f.nout, 1);
	assert_malformed(&f.out[0], "JSON nested too deeply");
	feed_close(&f);
}

/* A line holding a NUL byte inside a string is invalid JSON. */
static void
test_nul(void **unused)
{
	static const char line[] = "{\"flowTuples\":\"a\0b\"}";
	struct feed f;

	feed_open(&f);
	feed_line(&f, line, sizeof(line) - 1);
	assert_int_equal(f.nout, 1);
	assert_malformed(&f.out[0], "invalid JSON");
	feed_close(&f);
}

static void
test_sniff(void **unused)
{
	static const char blob[] = "{\"records\":[{\"time\":\"2018-11-13T12:00:"
	    "35.3899262Z\",\"category\":\"NetworkSecurityGroupFlowEvent\"";
	static const char pretty[] = "{\n  \"records\": [\n    {\n"
	    "      \"properties\": {\n        \"flows\": [ { \"flows\": [ {"
	    "\"flowTuples\": [\n";
	static const char csl[] = "[\n  {\n    \"TimeGenerated\": \"x\",\n"
	    "    \"DeviceVendor\": \"X\",\n    \"SourceIP\": \"203.0.113.5\"";
	static const char gcp[] = "{\"insertId\":\"x\",\"jsonPayload\":{"
	    "\"connection\":{},\"disposition\":\"DENIED\","
	    "\"rule_details\":{}}}";
	static const char vpc[] = "2 1 eni-1 - - - - - - - 1 2 - NODATA\n";

	assert_int_equal(format_nsgflow.sniff(blob, sizeof(blob) - 1), 95);
	assert_int_equal(format_nsgflow.sniff(pretty, sizeof(pretty) - 1),
	    95);
	assert_int_equal(format_nsgflow.sniff(csl, sizeof(csl) - 1), 0);
	assert_int_equal(format_nsgflow.sniff(gcp, sizeof(gcp) - 1), 0);
	assert_int_equal(format_nsgflow.sniff(vpc, sizeof(vpc) - 1), 0);
	assert_int_equal(format_csl.sniff(blob, sizeof(blob) - 1), 0);
	assert_int_equal(format_gcpfw.sniff(blob, sizeof(blob) - 1), 0);
	assert_false(format_nsgflow.line_based);
	assert_string_equal(format_nsgflow.name, "nsgflow");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_corpus),
		cmocka_unit_test(test_pretty_v1),
		cmocka_unit_test(test_one_line_v2),
		cmocka_unit_test(test_record_lines),
		cmocka_unit_test(test_structure),
		cmocka_unit_test(test_bad_tuples),
		cmocka_unit_test(test_invalid_json),
		cmocka_unit_test(test_cut_and_deep),
		cmocka_unit_test(test_nul),
		cmocka_unit_test(test_sniff),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
