/*
 * main.c - scanspot: find inbound active scanning (MITRE ATT&CK T1595) in
 * the logs perimeter devices write.  Dispatches to the subcommands.
 */
#include <malloc.h>
#include <stdio.h>
#include <string.h>

#include "cli/commands.h"
#include "cli/options.h"

#define SCANSPOT_VERSION "0.1.0"

static void
usage(FILE *fp)
{
	fputs("usage: scanspot detect [options] [FILE|DIR|-]...\n"
	    "       scanspot events [options] [FILE|DIR|-]...\n"
	    "       scanspot --version\n\n"
	    "  detect   report the scans in the logs (the reference "
	    "detection)\n"
	    "  events   print the normalized event of every record\n\n"
	    "'scanspot COMMAND --help' lists the options; see scanspot(1).\n",
	    fp);
}

int
main(int argc, char **argv)
{
	/*
	 * Group tables are large and freed when bins close or the memory cap
	 * evicts.  glibc raises its mmap threshold after such frees and then
	 * serves the next tables from the heap, where freed memory is not
	 * returned; a fixed threshold keeps them mapped, so --max-memory
	 * holds for the process, not just for the engine's count.
	 */
	mallopt(M_MMAP_THRESHOLD, 1 << 20);

	if (argc < 2) {
		usage(stderr);
		return EXIT_USAGE;
	}
	if (strcmp(argv[1], "detect") == 0)
		return cmd_detect(argc - 1, argv + 1);
	if (strcmp(argv[1], "events") == 0)
		return cmd_events(argc - 1, argv + 1);
	if (strcmp(argv[1], "--version") == 0 || strcmp(argv[1], "-V") == 0) {
		printf("scanspot %s\n", SCANSPOT_VERSION);
		return 0;
	}
	if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0) {
		usage(stdout);
		return 0;
	}
	fprintf(stderr, "scanspot: unknown command '%s'\n", argv[1]);
	usage(stderr);
	return EXIT_USAGE;
}
