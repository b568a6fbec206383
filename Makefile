# scanspot - find inbound active scanning in perimeter logs.
#
#   make          build ./scanspot
#   make demo     install what is missing, build, run on examples/
#   make check    install what is missing, build, run every test, then
#                 again under ASan+UBSan (in build-asan/), a subset under
#                 valgrind, and every fuzz target briefly
#   make fuzz     build the fuzz targets, run each for FUZZ_SECONDS
#
# Sources are found by wildcard: a new parser or output is a new file in
# its folder and needs no change here.  Each tests/unit/test_NAME.c becomes
# one cmocka program linked with every object but main.

CC	?= cc
CFLAGS	?= -O2 -g
# Flags the code needs, kept apart so that `make CFLAGS=...` keeps them.
SS_CFLAGS := -std=c11 -D_GNU_SOURCE -Wall -Wextra -Wshadow -Wpointer-arith \
	   -Wstrict-prototypes -Wmissing-prototypes -Wno-unused-parameter \
	   -fno-strict-aliasing
# gcc's generic x86-64 tuning zeroes a fixed-size block of a few hundred
# bytes with `rep stos`, whose start-up costs more than the parsers' per-
# line work around it: vector stores instead, the C library's memset for
# large blocks; fixed-size copies (struct assignments) the same way.  Other
# compilers and machines build without it; `make TUNE_CFLAGS=` leaves it
# out.
STRATEGY := -mmemset-strategy=vector_loop:2048:noalign,libcall:-1:noalign \
	    -mmemcpy-strategy=vector_loop:2048:noalign,libcall:-1:noalign
TUNE_CFLAGS := $(shell $(CC) -dumpmachine 2>/dev/null | grep -q '^x86_64' && \
	   echo 'int x;' | $(CC) $(STRATEGY) -Werror -x c -c -o /dev/null - \
	   2>/dev/null && echo '$(STRATEGY)')
PKGS	:= jansson libzstd zlib inih
PKG_CFLAGS := $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
PKG_LIBS   := $(shell pkg-config --libs $(PKGS) 2>/dev/null)
LDLIBS	+= $(PKG_LIBS) -lpthread -lm
BUILD	?= build
# The program of the default build sits at the top; another build (BUILD=
# build-asan) keeps its own inside its folder.
BIN	:= $(if $(filter build,$(BUILD)),scanspot,$(BUILD)/scanspot)

SRC	:= $(sort $(wildcard src/*.c src/*/*.c))
OBJ	:= $(SRC:src/%.c=$(BUILD)/obj/%.o)
LIBOBJ	:= $(filter-out $(BUILD)/obj/main.o,$(OBJ))
UNIT_SRC := $(sort $(wildcard tests/unit/test_*.c))
UNIT_BIN := $(UNIT_SRC:tests/unit/%.c=$(BUILD)/tests/%)

.PHONY: all deps demo check unit clean bench-parsers install fuzz \
	fuzz-build
all: $(BIN)

$(BIN): $(OBJ)
	$(CC) $(SS_CFLAGS) $(TUNE_CFLAGS) $(CFLAGS) $(LDFLAGS) -o $@ $(OBJ) \
	    $(LDLIBS)

$(BUILD)/obj/%.o: src/%.c
	@mkdir -p $(dir $@)
	$(CC) $(SS_CFLAGS) $(TUNE_CFLAGS) $(CFLAGS) $(PKG_CFLAGS) -MMD -MP \
	    -c -o $@ $<

$(BUILD)/tests/%: tests/unit/%.c $(LIBOBJ) tests/unit/testutil.h
	@mkdir -p $(dir $@)
	$(CC) $(SS_CFLAGS) $(TUNE_CFLAGS) $(CFLAGS) $(PKG_CFLAGS) -Isrc \
	    -o $@ $< $(LIBOBJ) $(LDLIBS) $(shell pkg-config --libs cmocka)

$(BUILD)/bench/parse_bench: bench/parse_bench.c $(LIBOBJ)
	@mkdir -p $(dir $@)
	$(CC) $(SS_CFLAGS) $(TUNE_CFLAGS) $(CFLAGS) $(PKG_CFLAGS) -Isrc \
	    -o $@ $< $(LIBOBJ) $(LDLIBS)

bench-parsers: $(BUILD)/bench/parse_bench
	bench/parsers.sh

deps:
	@scripts/deps.sh

demo: deps
	@$(MAKE) --no-print-directory scanspot
	@# exit status 1 means findings were reported, which is the point
	./scanspot detect --output table examples/ || [ $$? -eq 1 ]

unit: $(UNIT_BIN)

# The sanitized build: every check aborts at its first report.
ASAN_BUILD := build-asan
SAN_FLAGS := -fsanitize=address,undefined -fno-sanitize-recover=all \
	-fno-omit-frame-pointer

check: deps
	@$(MAKE) --no-print-directory scanspot unit fuzz-build
	@$(MAKE) --no-print-directory BUILD=$(ASAN_BUILD) \
	    CFLAGS="-O1 -g $(SAN_FLAGS)" all unit
	@ASAN_BUILD=$(ASAN_BUILD) FUZZ_DIR=$(FUZZ) \
	    FUZZ_TARGETS="$(notdir $(FUZZ_BIN))" tests/check.sh

# Fuzzing: libFuzzer targets built with clang into $(BUILD)/fuzz, one per
# format (the driver fuzz/fuzz_parse.c with the format's name compiled
# in), the format detector, the config file and the time and network
# arguments.  See fuzz/README.md.
FUZZ_CC	?= clang
FUZZ_SECONDS ?= 60
FUZZ	:= $(BUILD)/fuzz
FUZZ_FLAGS := -O1 -g $(SAN_FLAGS)
FUZZ_FORMATS := $(shell sed -n 's/^\t\.name = "\(.*\)",$$/\1/p' src/parse/*.c)
FUZZ_OBJ := $(filter-out $(FUZZ)/obj/main.o,$(SRC:src/%.c=$(FUZZ)/obj/%.o))
FUZZ_BIN := $(foreach f,$(FUZZ_FORMATS),$(FUZZ)/parse_$(subst -,_,$(f))) \
	$(FUZZ)/detect $(FUZZ)/config $(FUZZ)/args

$(FUZZ)/obj/%.o: src/%.c
	@mkdir -p $(dir $@)
	$(FUZZ_CC) $(SS_CFLAGS) $(FUZZ_FLAGS) -fsanitize=fuzzer-no-link \
	    $(PKG_CFLAGS) -MMD -MP -c -o $@ $<

# A format name's '-' is '_' in its target's name.
$(FUZZ)/parse_%: fuzz/fuzz_parse.c fuzz/fuzz.h $(FUZZ_OBJ)
	$(FUZZ_CC) $(SS_CFLAGS) $(FUZZ_FLAGS) -fsanitize=fuzzer -Isrc \
	    -DFUZZ_FORMAT='"$(subst _,-,$*)"' -o $@ $< $(FUZZ_OBJ) $(LDLIBS)

$(FUZZ)/%: fuzz/fuzz_%.c fuzz/fuzz.h $(FUZZ_OBJ)
	$(FUZZ_CC) $(SS_CFLAGS) $(FUZZ_FLAGS) -fsanitize=fuzzer -Isrc \
	    -o $@ $< $(FUZZ_OBJ) $(LDLIBS)

# Objects reached only through pattern rules would be deleted as
# intermediate files.
.SECONDARY: $(FUZZ_OBJ)

fuzz-build: $(FUZZ_BIN)

fuzz: deps fuzz-build
	@FUZZ_DIR=$(FUZZ) fuzz/run.sh run $(FUZZ_SECONDS) $(notdir $(FUZZ_BIN))

clean:
	rm -rf $(BUILD) $(ASAN_BUILD) scanspot

# make install [PREFIX=/usr/local] [DESTDIR=/staging/root]
PREFIX	?= /usr/local
BINDIR	:= $(PREFIX)/bin
MAN1DIR	:= $(PREFIX)/share/man/man1

install: scanspot
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(MAN1DIR)
	install -m 755 scanspot $(DESTDIR)$(BINDIR)/scanspot
	install -m 644 man/scanspot.1 $(DESTDIR)$(MAN1DIR)/scanspot.1

-include $(OBJ:.o=.d) $(FUZZ_OBJ:.o=.d)
