/*
 * fuzz_config.c - libFuzzer target for the config file.
 *
 * The input is a config file: options_load() reads it (every setting's
 * parser, the [actions] vocabulary), then options_finish() completes the
 * settings (zone, times, internal networks).  The vocabulary and the zone
 * are process-wide, so both are reset after each input.
 */
#include "fuzz.h"

#include "cli/options.h"
#include "core/action.h"

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	return 0;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct options o;
	char err[512], path[64];
	int fd;

	if ((fd = fuzz_memfile(data, size, path, sizeof(path))) < 0)
		return 0;
	options_init(&o);
	err[0] = '\0';
	if (options_load(&o, path, err, sizeof(err)) == 0) {
		err[0] = '\0';
		if (options_finish(&o, err, sizeof(err)) < 0)
			FUZZ_ASSERT(err[0] != '\0');
	} else {
		FUZZ_ASSERT(err[0] != '\0');
	}
	options_free(&o);
	action_vocab_reset();
	tz_select("UTC", NULL);
	close(fd);
	return 0;
}
