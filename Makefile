# ipm — Internet Plus Monitor. `make` builds and runs the default pipeline;
# `make check` runs every test, then again under ASan+UBSan. See README.md and tools/man/ipm.7.

PREFIX ?= /usr/local
DESTDIR ?=
CC ?= cc
CFLAGS ?= -O2 -g
IPM_CFLAGS = -std=c11 -D_POSIX_C_SOURCE=200809L -Wall -Wextra -Werror -Ilib
LDLIBS = -lyajl -lcsv -lexpat -lm -pthread
BUILD ?= build/rel
BIN ?= bin
SAN_FLAGS = -O1 -g -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined

# lib/<stage>/: a folder per stage over lib/core (records, cli, data files)
# and lib/text (Chinese text, dates, URLs); test_*.c and fuzz_*.c sit beside
# the module they test.
LIB_SRC := $(sort $(filter-out $(wildcard lib/*/test_*.c lib/*/fuzz_*.c),$(wildcard lib/*/*.c)))
LIB_HDR := $(wildcard lib/*/*.h)
LIB_OBJ := $(patsubst lib/%.c,$(BUILD)/lib/%.o,$(LIB_SRC))
LIBA := $(BUILD)/libipm.a
TOOL_SRC := $(sort $(wildcard tools/ipm-*.c))
TOOLS := $(patsubst tools/%.c,$(BIN)/%,$(TOOL_SRC))
UNIT_SRC := $(sort $(wildcard lib/*/test_*.c))
UNITS := $(patsubst %.c,$(BUILD)/t/%,$(notdir $(UNIT_SRC)))
FUZZ_SRC := $(sort $(wildcard lib/*/fuzz_*.c))
FUZZERS := $(patsubst %.c,build/fuzz/%,$(notdir $(FUZZ_SRC)))
vpath test_%.c $(sort $(dir $(UNIT_SRC)))
vpath fuzz_%.c $(sort $(dir $(FUZZ_SRC)))

.PHONY: all deps tools units check check-rel check-asan asan fuzz fuzz-run bench install uninstall clean pipeline db slurm-check
.DELETE_ON_ERROR:

all: deps
	@$(MAKE) --no-print-directory tools
	@$(MAKE) --no-print-directory pipeline

deps:
	@sh scripts/deps.sh

tools: $(TOOLS)
units: $(UNITS)

$(BUILD)/lib/%.o: lib/%.c $(LIB_HDR)
	@mkdir -p $(@D)
	$(CC) $(IPM_CFLAGS) $(CFLAGS) -c -o $@ $<

$(LIBA): $(LIB_OBJ)
	@rm -f $@
	$(AR) rcs $@ $^

$(BIN)/%: tools/%.c $(LIBA) $(LIB_HDR)
	@mkdir -p $(@D)
	$(CC) $(IPM_CFLAGS) $(CFLAGS) $(LDFLAGS) -o $@ $< $(LIBA) $(LDLIBS)

$(BUILD)/t/%: %.c $(LIBA) $(LIB_HDR)
	@mkdir -p $(@D)
	$(CC) $(IPM_CFLAGS) $(CFLAGS) $(LDFLAGS) -o $@ $< $(LIBA) $(LDLIBS)

# The same tools and unit tests built with AddressSanitizer + UBSan.
asan:
	@$(MAKE) --no-print-directory BUILD=build/asan BIN=build/asan/bin \
		CFLAGS="$(SAN_FLAGS)" LDFLAGS="-fsanitize=address,undefined" tools units

check: deps
	@$(MAKE) --no-print-directory tools units
	@$(MAKE) --no-print-directory asan
	@sh scripts/check.sh bin:build/rel build/asan/bin:build/asan

# One libFuzzer target per parser (clang). `make fuzz-run SECONDS=600` runs each.
fuzz: $(FUZZERS)
build/fuzz/%: %.c $(LIB_SRC) $(LIB_HDR)
	@mkdir -p $(@D)
	clang $(IPM_CFLAGS) -Wno-unused-parameter -g -O1 -fsanitize=fuzzer,address,undefined \
		-o $@ $< $(LIB_SRC) $(LDLIBS)
SECONDS ?= 60
fuzz-run: fuzz
	@sh scripts/fuzz.sh $(SECONDS) $(FUZZERS)

bench: deps tools
	@sh scripts/bench.sh $(ONLY)

# A throw-away single-node Slurm cluster (root; slurm-wlm, munge): the seeds and a
# generated corpus through the job array of pipelines/slurm, against make pipeline.
slurm-check: tools
	@IPM_BIN=$(abspath $(BIN)) sh scripts/slurm-check.sh

# Tools find their dictionaries in ../share/ipm beside their directory (or $IPM_DATA).
# The nightly driver (pipelines/nightly) becomes bin/ipm-nightly, with its rules,
# the database scripts, the cron line and the systemd units in share/ipm.
# The manuals (tools/man) go to share/man/man1, man5 and man7; the bash
# completion to share/bash-completion/completions (as ipm, linked per tool).
# `make uninstall` removes exactly what `make install` puts there.
MANDIR ?= $(PREFIX)/share/man
COMPDIR ?= $(PREFIX)/share/bash-completion/completions
DATA_FILES := $(notdir $(wildcard lib/data/*.tsv))
MAN_FILES := $(notdir $(wildcard tools/man/*.[157]))
install: tools
	mkdir -p $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/share/ipm/db
	cp $(TOOLS) $(DESTDIR)$(PREFIX)/bin/
	cp lib/data/*.tsv $(DESTDIR)$(PREFIX)/share/ipm/
	cp pipelines/nightly $(DESTDIR)$(PREFIX)/bin/ipm-nightly
	cp pipelines/nightly.make pipelines/ipm-nightly.cron pipelines/ipm-nightly.service \
		pipelines/ipm-nightly.timer $(DESTDIR)$(PREFIX)/share/ipm/
	cp scripts/db/load.sh scripts/db/schema.sql scripts/db/load.sql $(DESTDIR)$(PREFIX)/share/ipm/db/
	mkdir -p $(DESTDIR)$(MANDIR)/man1 $(DESTDIR)$(MANDIR)/man5 $(DESTDIR)$(MANDIR)/man7
	cp tools/man/*.1 $(DESTDIR)$(MANDIR)/man1/
	cp tools/man/*.5 $(DESTDIR)$(MANDIR)/man5/
	cp tools/man/*.7 $(DESTDIR)$(MANDIR)/man7/
	mkdir -p $(DESTDIR)$(COMPDIR)
	sed 's|@DATADIR@|$(PREFIX)/share/ipm|' scripts/ipm.bash-completion > $(DESTDIR)$(COMPDIR)/ipm
	for t in $(notdir $(TOOLS)); do ln -sf ipm $(DESTDIR)$(COMPDIR)/$$t; done

uninstall:
	rm -f $(addprefix $(DESTDIR)$(PREFIX)/bin/,$(notdir $(TOOLS)) ipm-nightly)
	rm -f $(addprefix $(DESTDIR)$(PREFIX)/share/ipm/,$(DATA_FILES) nightly.make ipm-nightly.cron \
		ipm-nightly.service ipm-nightly.timer)
	rm -f $(addprefix $(DESTDIR)$(PREFIX)/share/ipm/db/,load.sh schema.sql load.sql)
	-rmdir $(DESTDIR)$(PREFIX)/share/ipm/db $(DESTDIR)$(PREFIX)/share/ipm 2>/dev/null
	for m in $(MAN_FILES); do rm -f $(DESTDIR)$(MANDIR)/man$${m##*.}/$$m; done
	rm -f $(DESTDIR)$(COMPDIR)/ipm $(addprefix $(DESTDIR)$(COMPDIR)/,$(notdir $(TOOLS)))

clean:
	rm -rf bin build

-include pipelines/*.mk
