# scanspot - find inbound active scanning in perimeter logs.
#
#   make          build ./scanspot
#   make demo     install what is missing, build, run on examples/
#   make check    install what is missing, build, run every test
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
PKGS	:= jansson libzstd zlib inih
PKG_CFLAGS := $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
PKG_LIBS   := $(shell pkg-config --libs $(PKGS) 2>/dev/null)
LDLIBS	+= $(PKG_LIBS) -lpthread -lm
BUILD	?= build

SRC	:= $(sort $(wildcard src/*.c src/*/*.c))
OBJ	:= $(SRC:src/%.c=$(BUILD)/obj/%.o)
LIBOBJ	:= $(filter-out $(BUILD)/obj/main.o,$(OBJ))
UNIT_SRC := $(sort $(wildcard tests/unit/test_*.c))
UNIT_BIN := $(UNIT_SRC:tests/unit/%.c=$(BUILD)/tests/%)

.PHONY: all deps demo check unit clean bench-parsers install
all: scanspot

scanspot: $(OBJ)
	$(CC) $(SS_CFLAGS) $(CFLAGS) $(LDFLAGS) -o $@ $(OBJ) $(LDLIBS)

$(BUILD)/obj/%.o: src/%.c
	@mkdir -p $(dir $@)
	$(CC) $(SS_CFLAGS) $(CFLAGS) $(PKG_CFLAGS) -MMD -MP -c -o $@ $<

$(BUILD)/tests/%: tests/unit/%.c $(LIBOBJ) tests/unit/testutil.h
	@mkdir -p $(dir $@)
	$(CC) $(SS_CFLAGS) $(CFLAGS) $(PKG_CFLAGS) -Isrc -o $@ $< $(LIBOBJ) \
	    $(LDLIBS) $(shell pkg-config --libs cmocka)

$(BUILD)/bench/parse_bench: bench/parse_bench.c $(LIBOBJ)
	@mkdir -p $(dir $@)
	$(CC) $(SS_CFLAGS) $(CFLAGS) $(PKG_CFLAGS) -Isrc -o $@ $< $(LIBOBJ) $(LDLIBS)

bench-parsers: $(BUILD)/bench/parse_bench
	bench/parsers.sh

deps:
	@scripts/deps.sh

demo: deps
	@$(MAKE) --no-print-directory scanspot
	@# exit status 1 means findings were reported, which is the point
	./scanspot detect --output table examples/ || [ $$? -eq 1 ]

unit: $(UNIT_BIN)

check: deps
	@$(MAKE) --no-print-directory scanspot unit
	@tests/run.sh

clean:
	rm -rf $(BUILD) scanspot

# make install [PREFIX=/usr/local] [DESTDIR=/staging/root]
PREFIX	?= /usr/local
BINDIR	:= $(PREFIX)/bin
MAN1DIR	:= $(PREFIX)/share/man/man1

install: scanspot
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(MAN1DIR)
	install -m 755 scanspot $(DESTDIR)$(BINDIR)/scanspot
	install -m 644 man/scanspot.1 $(DESTDIR)$(MAN1DIR)/scanspot.1

-include $(OBJ:.o=.d)
