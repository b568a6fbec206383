/*
 * test_action.c - the verdict vocabulary (docs/formats.md, "Vocabulary"),
 * the reference rule's deny test and the reading of verdicts out of
 * netfilter prefixes and other free text.
 */
#include "testutil.h"

#include <stdio.h>

#include "core/action.h"

static enum action_class
classify(const char *w)
{
	return action_classify(w, strlen(w));
}

static bool
reference_deny(const char *w)
{
	return action_is_reference_deny(w, strlen(w));
}

/* Asserts that free text yields the given word (NULL: none). */
static void
assert_find(const char *text, bool allow_other, const char *want)
{
	const char *w = NULL;
	size_t wn = 0;
	bool found;

	found = action_find_word(text, strlen(text), allow_other, &w, &wn);
	if (want == NULL) {
		if (found) {
			print_error("\"%s\": found \"%.*s\", want none\n",
			    text, (int)wn, w);
			fail();
		}
		return;
	}
	if (!found || wn != strlen(want) || memcmp(w, want, wn) != 0) {
		print_error("\"%s\": found \"%.*s\", want \"%s\"\n", text,
		    found ? (int)wn : 0, found ? w : "", want);
		fail();
	}
}

static int
setup(void **state)
{
	(void)state;
	action_vocab_reset();
	return 0;
}

static void
test_class_names(void **state)
{
	(void)state;
	assert_string_equal(action_class_name(ACTION_NONE), "none");
	assert_string_equal(action_class_name(ACTION_DENY), "deny");
	assert_string_equal(action_class_name(ACTION_ALLOW), "allow");
	assert_string_equal(action_class_name(ACTION_OTHER), "other");
	assert_string_equal(action_class_name(ACTION_UNKNOWN), "unknown");
}

static void
test_deny_words(void **state)
{
	static const char *const words[] = {
		"deny", "denied", "drop", "dropped", "reject", "rejected",
		"block", "blocked", "refuse", "refused", "discard",
		"discarded", "reset", "reset-client", "reset-server",
		"reset-both", "DENY", "Dropped", "ReJeCt", "RESET-CLIENT",
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(words) / sizeof(words[0]); i++) {
		if (classify(words[i]) != ACTION_DENY) {
			print_error("\"%s\" is not deny\n", words[i]);
			fail();
		}
	}
}

static void
test_allow_words(void **state)
{
	static const char *const words[] = {
		"accept", "accepted", "allow", "allowed", "permit",
		"permitted", "pass", "passed", "ACCEPT", "Allow", "PERMITTED",
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(words) / sizeof(words[0]); i++) {
		if (classify(words[i]) != ACTION_ALLOW) {
			print_error("\"%s\" is not allow\n", words[i]);
			fail();
		}
	}
}

static void
test_other_words(void **state)
{
	static const char *const words[] = {
		"audit", "log", "alert", "detect", "detected", "monitor",
		"info", "AUDIT", "Alert", "LOG",
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(words) / sizeof(words[0]); i++) {
		if (classify(words[i]) != ACTION_OTHER) {
			print_error("\"%s\" is not other\n", words[i]);
			fail();
		}
	}
}

static void
test_unknown_words(void **state)
{
	(void)state;
	assert_int_equal(action_classify("", 0), ACTION_NONE);
	assert_int_equal(action_classify("drop", 0), ACTION_NONE);
	assert_int_equal(classify("quarantine"), ACTION_UNKNOWN);
	assert_int_equal(classify("drops"), ACTION_UNKNOWN);
	assert_int_equal(classify("dro"), ACTION_UNKNOWN);
	assert_int_equal(classify(" drop"), ACTION_UNKNOWN);
	assert_int_equal(classify("drop "), ACTION_UNKNOWN);
	assert_int_equal(classify("FW-DROP"), ACTION_UNKNOWN);
	assert_int_equal(classify("reset-"), ACTION_UNKNOWN);
	assert_int_equal(classify("d"), ACTION_UNKNOWN);
	assert_int_equal(classify("a"), ACTION_UNKNOWN);
	assert_int_equal(classify("r"), ACTION_UNKNOWN);
	assert_int_equal(classify(
	    "dropdropdropdropdropdropdropdrop"), ACTION_UNKNOWN);

	/* the length decides, not a terminating NUL */
	assert_int_equal(action_classify("dropped", 4), ACTION_DENY);
	assert_int_equal(action_classify("allowance", 5), ACTION_ALLOW);
}

static void
test_vocab_set(void **state)
{
	(void)state;
	assert_int_equal(action_vocab_set("Quarantine", 10, ACTION_DENY), 0);
	assert_int_equal(classify("quarantine"), ACTION_DENY);
	assert_int_equal(classify("QUARANTINE"), ACTION_DENY);

	/* overriding a built-in word */
	assert_int_equal(action_vocab_set("LOG", 3, ACTION_DENY), 0);
	assert_int_equal(classify("log"), ACTION_DENY);
	assert_int_equal(action_vocab_set("pass", 4, ACTION_OTHER), 0);
	assert_int_equal(classify("Pass"), ACTION_OTHER);

	/* 31 bytes is the longest word */
	assert_int_equal(action_vocab_set(
	    "abcdefghijklmnopqrstuvwxyz01234", 31, ACTION_ALLOW), 0);
	assert_int_equal(classify("ABCDEFGHIJKLMNOPQRSTUVWXYZ01234"),
	    ACTION_ALLOW);
	assert_int_equal(action_vocab_set(
	    "abcdefghijklmnopqrstuvwxyz012345", 32, ACTION_ALLOW), -1);
	assert_int_equal(action_vocab_set("x", 1, ACTION_NONE), -1);
	assert_int_equal(action_vocab_set("", 0, ACTION_DENY), -1);
	assert_int_equal(classify("x"), ACTION_UNKNOWN);

	/* a word added is found in free text too */
	assert_find("net2fw QUARANTINE", false, "QUARANTINE");

	/* a digit first; "wzip" starts with the same five low bits as
	 * "7zip" and is still not a word */
	assert_int_equal(action_vocab_set("7zip", 4, ACTION_DENY), 0);
	assert_int_equal(classify("7ZIP"), ACTION_DENY);
	assert_int_equal(classify("wzip"), ACTION_UNKNOWN);
	assert_int_equal(classify("7zap"), ACTION_UNKNOWN);

	action_vocab_reset();
	assert_int_equal(classify("quarantine"), ACTION_UNKNOWN);
	assert_int_equal(classify("7zip"), ACTION_UNKNOWN);
	assert_int_equal(classify("log"), ACTION_OTHER);
	assert_int_equal(classify("pass"), ACTION_ALLOW);
	assert_int_equal(classify("drop"), ACTION_DENY);
	assert_find("net2fw QUARANTINE", false, NULL);
}

/* Many added words: the table keeps working until it is full. */
static void
test_vocab_many(void **state)
{
	char w[8];
	int i, rc, added = 0;

	(void)state;
	for (i = 0; i < 300; i++) {
		w[0] = 'w';
		w[1] = (char)('a' + i / 26 % 26);
		w[2] = (char)('a' + i % 26);
		w[3] = (char)('0' + i / 676);
		rc = action_vocab_set(w, 4, ACTION_DENY);
		if (rc == 0)
			added++;
	}
	assert_true(added >= 100);
	assert_true(added < 300);
	assert_int_equal(action_classify("waa0", 4), ACTION_DENY);
	assert_int_equal(classify("drop"), ACTION_DENY);
	assert_int_equal(classify("accept"), ACTION_ALLOW);
	assert_int_equal(classify("nothing"), ACTION_UNKNOWN);
	action_vocab_reset();
	assert_int_equal(action_classify("waa0", 4), ACTION_UNKNOWN);
	assert_int_equal(action_vocab_set("later", 5, ACTION_DENY), 0);
}

static void
test_reference_deny(void **state)
{
	(void)state;
	assert_true(reference_deny("Deny"));
	assert_true(reference_deny("DROP"));
	assert_true(reference_deny("block"));
	assert_true(reference_deny("ReJeCt"));
	assert_false(reference_deny("denied"));
	assert_false(reference_deny("dropped"));
	assert_false(reference_deny("blocked"));
	assert_false(reference_deny("reset"));
	assert_false(reference_deny("discard"));
	assert_false(reference_deny("Deny "));
	assert_false(reference_deny(" Drop"));
	assert_false(reference_deny("FW-DROP"));
	assert_false(reference_deny("accept"));
	assert_false(reference_deny(""));
	assert_true(action_is_reference_deny("Dropped", 4));

	/* the reference rule ignores the configured vocabulary */
	assert_int_equal(action_vocab_set("quarantine", 10, ACTION_DENY), 0);
	assert_false(reference_deny("quarantine"));
	assert_int_equal(action_vocab_set("drop", 4, ACTION_ALLOW), 0);
	assert_true(reference_deny("drop"));
}

/* Prefixes of real netfilter rule sets and other free text. */
static void
test_find_word(void **state)
{
	(void)state;
	assert_find("filter_IN_public_REJECT", false, "REJECT");
	assert_find("[UFW BLOCK]", false, "BLOCK");
	assert_find("[UFW ALLOW]", false, "ALLOW");
	assert_find("Shorewall:net2fw:DROP:", false, "DROP");
	assert_find("DROP_INPUT", false, "DROP");
	assert_find("FW-DROP", false, "DROP");
	assert_find("0 6 PVEFW-HOST-IN 03/Mar/2024:11:00:03 +0100 "
	    "policy DROP:", false, "DROP");
	assert_find("RULE 24 -- DENY", false, "DENY");
	assert_find("iptables denied: ", false, "denied");
	assert_find("EXAMPLE inbound probe blocked", false, "blocked");
	assert_find("ACCEPT then DROP", false, "ACCEPT");

	/* other words count only when asked for */
	assert_find("[UFW AUDIT]", false, NULL);
	assert_find("[UFW AUDIT]", true, "AUDIT");
	assert_find("LOG then DROP", false, "DROP");
	assert_find("LOG then DROP", true, "LOG");

	/* hyphenated words are whole values, never tokens */
	assert_find("reset-client", false, "reset");
	assert_find("xreset-client", false, NULL);

	assert_find("", false, NULL);
	assert_find("   ", true, NULL);
	assert_find("INPUT_packets", true, NULL);
	assert_find("drops DROPPEDX", false, NULL);
	assert_find("[UFW LIMIT BLOCK]", false, "BLOCK");
}

/* EdgeOS and VyOS rule names: "[NAME-D]", "[NAME-R]", "[NAME-A]". */
static void
test_find_edgeos(void **state)
{
	(void)state;
	assert_find("[WAN_IN-default-D]", false, "drop");
	assert_find("[WAN_LOCAL-20-R]", false, "reject");
	assert_find("[WAN_LOCAL-10-A]", false, "accept");
	assert_find("  [WAN_IN-default-D]", false, "drop");

	/* the letter decides even when the name holds a verdict word */
	assert_find("[BLOCK_ALL-20-A]", false, "accept");
	assert_find("[ALLOW_SSH-30-D]", false, "drop");

	/* not the convention: other letters, no name, lower case */
	assert_find("[WAN_IN-default-X]", false, NULL);
	assert_find("[-D]", false, NULL);
	assert_find("[WAN_IN-d]", false, NULL);
	assert_find("[WAN_IN-D", false, NULL);
	assert_find("WAN_IN-D]", false, NULL);
	assert_find("[WAN_IN D]", false, NULL);
	assert_find("[UFW BLOCK-A]x", false, "accept");
}

/*
 * The same texts again and again, more of them than a thread remembers:
 * each answer is the word of the text passed, at its place in that text.
 */
static void
test_find_repeated(void **state)
{
	char a[] = "Shorewall:net2fw:DROP:", b[] = "Shorewall:net2fw:DROP:";
	char text[32], want[8];
	const char *w;
	size_t wn;

	(void)state;
	assert_true(action_find_word(a, strlen(a), false, &w, &wn));
	assert_ptr_equal(w, a + 17);
	assert_true(action_find_word(b, strlen(b), false, &w, &wn));
	assert_ptr_equal(w, b + 17);
	assert_int_equal(wn, 4);

	/* other words count only when asked for */
	assert_find("rule set log only", false, NULL);
	assert_find("rule set log only", true, "log");
	assert_find("rule set log only", false, NULL);

	assert_find("[WAN_IN-D] blocked", false, "drop");
	assert_find("[WAN_IN-D] blocked", false, "drop");

	for (int round = 0; round < 5; round++) {
		for (int i = 0; i < 40; i++) {
			snprintf(text, sizeof(text), "rule%02d %s", i,
			    i % 3 == 0 ? "PASS" : i % 3 == 1 ? "Drop" : "none");
			snprintf(want, sizeof(want), "%s",
			    i % 3 == 0 ? "PASS" : "Drop");
			assert_find(text, false, i % 3 == 2 ? NULL : want);
		}
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_class_names),
		cmocka_unit_test_setup(test_deny_words, setup),
		cmocka_unit_test_setup(test_allow_words, setup),
		cmocka_unit_test_setup(test_other_words, setup),
		cmocka_unit_test_setup(test_unknown_words, setup),
		cmocka_unit_test_setup(test_vocab_set, setup),
		cmocka_unit_test_setup(test_vocab_many, setup),
		cmocka_unit_test_setup(test_reference_deny, setup),
		cmocka_unit_test_setup(test_find_word, setup),
		cmocka_unit_test_setup(test_find_edgeos, setup),
		cmocka_unit_test_setup(test_find_repeated, setup),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
