# Bangfu build. `make run` and `make test` do all the set-up on a fresh Debian 12 machine.
#
# Two builds share the sources: build/rel (optimised, for `make run` and `make bench`) and
# build/asan (AddressSanitizer + UBSan, for `make test`). Generated C (embedded schema and web
# assets) lives in build/gen and is rebuilt from schema/ and web/ on every change.

SHELL    := /bin/bash
CC       ?= gcc
# Debian installs every library's headers and .so in the default paths, so no pkg-config is
# needed (and none may be installed yet when this file is first read on a fresh machine).
# src/ is one folder per layer (docs/architecture.md); every folder is on the include path, so an
# include names the header alone and tests/layering.sh checks who may include whom.
SRCDIRS  := $(patsubst %/,%,$(sort $(dir $(wildcard src/*/*.c))))
INCLUDES := $(addprefix -I,$(filter-out src/tools,$(SRCDIRS))) -Ibuild/gen
CFLAGS_COMMON := -std=c11 -D_GNU_SOURCE -Wall -Wextra -Wno-unused-parameter -Wno-format-truncation $(INCLUDES)
LIBS     := -lmicrohttpd -lsqlite3 -lcmark -ljansson -lhpdf -lharfbuzz-subset -lharfbuzz -lcrypt -lxlsxwriter -lm -lpthread

DEBS     := build-essential pkg-config libmicrohttpd-dev libsqlite3-dev libcmark-dev libhpdf-dev \
            libcrypt-dev libjansson-dev libcmocka-dev libcurl4-openssl-dev libharfbuzz-dev libxlsxwriter-dev \
            fonts-wqy-zenhei fonts-arphic-uming fonts-arphic-ukai poppler-utils chromium wrk sqlite3 clang curl

SRC      := $(filter-out src/tools/%,$(wildcard src/*/*.c))
HEADERS  := $(wildcard src/*/*.h)
LIBSRC   := $(filter-out src/cli/main.c,$(SRC))
GEN      := build/gen/embedded_schema.c build/gen/embedded_assets.c
UNITSRC  := $(wildcard tests/unit/test_*.c)

REL_OBJ  := $(patsubst %.c,build/rel/%.o,$(LIBSRC) $(GEN))
ASAN_OBJ := $(patsubst %.c,build/asan/%.o,$(LIBSRC) $(GEN))
UNITBIN  := $(patsubst tests/unit/%.c,build/asan/unit/%,$(UNITSRC))

DB       ?= var/demo.db
LISTEN   ?= 127.0.0.1:8080

.PHONY: all deps run test test-later unit bench fuzz format clean demo guide-pictures
all: build/rel/bangfu

# ---- dependencies: install what is missing, once ----------------------------------------------
deps: build/.deps
build/.deps: Makefile
	@missing=""; \
	for p in $(DEBS); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	command -v npm >/dev/null 2>&1 || missing="$$missing nodejs npm"; \
	if [ -n "$$missing" ]; then \
	  echo "Installing missing packages:$$missing"; \
	  if [ "$$(id -u)" = 0 ]; then SUDO=""; else SUDO=sudo; fi; \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq $$missing; \
	fi
	@if [ ! -d tests/browser/node_modules/playwright-core ]; then \
	  (cd tests/browser && npm install --no-audit --no-fund --silent); fi
	@mkdir -p build && touch $@

# ---- generated sources ------------------------------------------------------------------------
build/embed: src/tools/embed.c | build/.deps
	@mkdir -p build
	$(CC) -O2 -o $@ $<

build/gen/embedded_schema.c: build/embed $(sort $(wildcard schema/*.sql))
	@mkdir -p build/gen
	build/embed schema $(sort $(wildcard schema/*.sql)) > $@

build/gen/embedded_assets.c: build/embed $(sort $(wildcard web/*))
	@mkdir -p build/gen
	build/embed assets $(sort $(wildcard web/*)) > $@

# ---- release build ----------------------------------------------------------------------------
build/rel/%.o: %.c $(HEADERS) | build/.deps
	@mkdir -p $(dir $@)
	@echo "cc $<"; $(CC) $(CFLAGS_COMMON) -O2 -g -c -o $@ $<

build/rel/libbangfu.a: $(REL_OBJ)
	@echo "ar $@"; ar rcs $@ $^

build/rel/bangfu: build/rel/src/cli/main.o build/rel/libbangfu.a
	$(CC) -o $@ $^ $(LIBS)

# ---- sanitizer build (tests) ------------------------------------------------------------------
ASAN := -O1 -g -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined

build/asan/%.o: %.c $(HEADERS) | build/.deps
	@mkdir -p $(dir $@)
	@echo "cc $<"; $(CC) $(CFLAGS_COMMON) $(ASAN) -c -o $@ $<

build/asan/libbangfu.a: $(ASAN_OBJ)
	@echo "ar $@"; ar rcs $@ $^

build/asan/bangfu: build/asan/src/cli/main.o build/asan/libbangfu.a
	$(CC) $(ASAN) -o $@ $^ $(LIBS)

build/asan/unit/%: tests/unit/%.c $(wildcard tests/unit/*.h) build/asan/libbangfu.a
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS_COMMON) $(ASAN) -o $@ $< build/asan/libbangfu.a $(LIBS) -lcmocka

# ---- the commands of the README ---------------------------------------------------------------
var/demo.db: | build/rel/bangfu
	@mkdir -p var
	build/rel/bangfu demo --db $@

run: build/rel/bangfu var/demo.db
	@echo ""
	@echo "Bangfu 帮富 — http://$(LISTEN)/"
	@build/rel/bangfu logins --db $(DB)
	@echo ""
	build/rel/bangfu serve --db $(DB) --listen $(LISTEN)

unit: $(UNITBIN)

test: build/asan/bangfu $(UNITBIN)
	@bash tests/run.sh

# The HTTP and browser suites again with "today" years ahead (the last day of a February without a
# 29th): proves that nothing depends on the date the suite happens to run. .ci/run calls it.
test-later: build/asan/bangfu
	@BANGFU_TEST_TODAY=2029-02-28 BANGFU_TEST_PARTS="http browser" bash tests/run.sh

# The small pictures of the user guide's table of documents (docs/pictures/*.png, not committed):
# the layout test prints every document from the demo and saves page 1 of each at 20 dpi.
guide-pictures: build/asan/bangfu
	@BANGFU_BIN=$(CURDIR)/build/asan/bangfu BANGFU_GUIDE_PICTURES=$(CURDIR)/docs/pictures \
		node --test --test-name-pattern='^the demo:' tests/http/documents_layout.test.mjs

bench: build/rel/bangfu
	@bash tests/bench/run.sh

fuzz: | build/.deps
	@bash tests/fuzz/run.sh 60

format:
	clang-format -i src/*/*.c src/*/*.h tests/unit/*.c

clean:
	rm -rf build
