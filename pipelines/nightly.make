# The rules of ipm-nightly(1), run by pipelines/nightly (not by the top
# Makefile: the name does not end in .mk). GNU make, run in the work folder:
#   make -C OUT/work -f nightly.make BIN=DIR DBDIR=DIR docs|corpus
# The driver writes, before each run:
#   docs.mk        KEYS (one per distinct document content), DOCS (doc ids),
#                  K_<id> (its key), KIND_<key> (pdf or txt), LABEL_<key>
#   corpus.mk      OK_DOCS: the documents whose per-document stages succeeded
#   src/<key>      a copy of the document; <key> = sha256 prefix + -pdf/-txt
#   stamps/...     one file per tool, data file and script, holding its hash;
#                  rewritten only when the hash changes, so its mtime says
#                  "changed" to make (a touch or a reinstall of the same bytes
#                  rebuilds nothing)
# Per document (content-addressed, shared by every night):
#   src/K -> ipm-norm (a PDF: mutool trace, its page geometry) -> txt/K.txt -> ipm-extract -> blocks/K.jsonl
#   blocks/K.jsonl -> ipm-rows --doc ID -> rows/K_ID.jsonl -> ipm-tag -> tagged/K_ID.jsonl
# Corpus-wide (corpus/): events.jsonl, collapsed.jsonl, agg/*.csv, report/,
# ipm.sqlite, rebuilt when a tagged file, the document set or a tool changes.
# Every file is written as FILE.tmp and renamed; rejects (rej/...) are renamed
# before their output, so an output that exists is complete with its rejects.
# Each step prints "step STAGE LABEL ok|FAILED MSms" for the driver's log.

SHELL := /bin/sh
.SUFFIXES:
.DELETE_ON_ERROR:
BIN ?= bin
DBDIR ?= scripts/db
S := stamps
include docs.mk
-include corpus.mk

# $(call step,STAGE,LABEL,COMMAND): run COMMAND, time it, say how it went
# (a failed step removes its old output: what exists was made by the last run)
step = @t0=$$(date +%s%N); if $(3); then r=ok; else r=FAILED; rm -f $@; fi; \
	t1=$$(date +%s%N); echo "step $(1) $(2) $$r $$(( (t1 - t0) / 1000000 ))ms"; [ $$r = ok ]
RULES := $(S)/rules
# what each stage reads besides its input: its tool, its data files, these rules
NORM_DEPS := $(S)/bin/ipm-norm $(RULES)
PDF_DEPS := $(S)/bin/mutool
EXTRACT_DEPS := $(S)/bin/ipm-extract $(S)/data/columns.tsv $(RULES)
ROWS_DEPS := $(S)/bin/ipm-rows $(S)/data/gazetteer.tsv $(RULES)
TAG_DATA := gazetteer orgs companies sectors events plus docnum hosts
TAG_DEPS := $(S)/bin/ipm-tag $(TAG_DATA:%=$(S)/data/%.tsv) $(RULES)
DEDUP_DEPS := $(S)/bin/ipm-dedup $(RULES)
AGG_DEPS := $(S)/bin/ipm-agg $(RULES)
REPORT_DEPS := $(S)/bin/ipm-report $(S)/data/sentences.tsv $(S)/data/tiles.tsv $(RULES)
DB_DEPS := $(S)/bin/sqlite3 $(S)/db/load.sh $(S)/db/schema.sql $(S)/db/load.sql $(RULES)

.PHONY: docs corpus
# every file named here, so none is an "intermediate" make may skip or delete
docs: $(foreach k,$(KEYS),txt/$k.txt blocks/$k.jsonl) \
	$(foreach d,$(DOCS),rows/$(K_$d)_$d.jsonl tagged/$(K_$d)_$d.jsonl)

# --- per distinct content: text and blocks ---
txt/%-txt.txt: src/%-txt $(NORM_DEPS)
	@mkdir -p txt
	$(call step,norm,$(LABEL_$*-txt),'$(BIN)'/ipm-norm $< > $@.tmp && mv $@.tmp $@)
txt/%-pdf.txt: src/%-pdf $(NORM_DEPS) $(PDF_DEPS)
	@mkdir -p txt
	$(call step,norm,$(LABEL_$*-pdf),mutool trace $< > $@.tmp 2> $@.err && ! grep '^error:' $@.err && \
		rm -f $@.err && mv $@.tmp $@)
blocks/%.jsonl: txt/%.txt $(EXTRACT_DEPS)
	@mkdir -p blocks rej/extract
	$(call step,extract,$(LABEL_$*),'$(BIN)'/ipm-extract --rejects rej/extract/$*.jsonl.tmp $< > $@.tmp && \
		mv rej/extract/$*.jsonl.tmp rej/extract/$*.jsonl && mv $@.tmp $@)

# --- per document (content and id): records and tags ---
define doc_rules
rows/$(K_$1)_$1.jsonl: blocks/$(K_$1).jsonl $(ROWS_DEPS)
	@mkdir -p rows rej/rows
	$$(call step,rows,$1,'$(BIN)'/ipm-rows --doc $1 --rejects rej/rows/$(K_$1)_$1.jsonl.tmp $$< > $$@.tmp && \
		mv rej/rows/$(K_$1)_$1.jsonl.tmp rej/rows/$(K_$1)_$1.jsonl && mv $$@.tmp $$@)
tagged/$(K_$1)_$1.jsonl: rows/$(K_$1)_$1.jsonl $(TAG_DEPS)
	@mkdir -p tagged rej/tag
	$$(call step,tag,$1,'$(BIN)'/ipm-tag --rejects rej/tag/$(K_$1)_$1.jsonl.tmp $$< > $$@.tmp && \
		mv rej/tag/$(K_$1)_$1.jsonl.tmp rej/tag/$(K_$1)_$1.jsonl && mv $$@.tmp $$@)
endef
$(foreach d,$(DOCS),$(eval $(call doc_rules,$d)))

# --- corpus-wide: the documents of OK_DOCS, in file name order ---
C := corpus
TAGGED := $(foreach d,$(OK_DOCS),tagged/$(K_$d)_$d.jsonl)
AGG := $(C)/agg/sections.csv $(C)/agg/province_sector.csv $(C)/agg/months.csv
corpus: $(C)/events.jsonl $(C)/collapsed.jsonl $(AGG) $(C)/report/index.html $(C)/ipm.sqlite

# $(S)/docset lists the documents: a removed one changes it
$(C)/events.jsonl: $(TAGGED) $(S)/docset $(DEDUP_DEPS)
	@mkdir -p $(C)
	$(call step,dedup,events,'$(BIN)'/ipm-dedup $(TAGGED) > $@.tmp && mv $@.tmp $@)
$(C)/collapsed.jsonl: $(C)/events.jsonl $(DEDUP_DEPS)
	$(call step,collapse,collapsed,'$(BIN)'/ipm-dedup --collapse $< > $@.tmp && mv $@.tmp $@)
AGG_sections := -g doc,section count
AGG_province_sector := -g province,sectors count
AGG_months := --by-month -g section count
$(C)/agg/%.csv: $(C)/events.jsonl $(AGG_DEPS)
	@mkdir -p $(C)/agg
	$(call step,agg,$*,'$(BIN)'/ipm-agg $(AGG_$*) $< > $@.tmp && mv $@.tmp $@)
# the report directory is swapped whole
$(C)/report/index.html: $(C)/collapsed.jsonl $(REPORT_DEPS)
	@rm -rf $(C)/report.tmp && mkdir -p $(C)/report.tmp
	$(call step,report,report,'$(BIN)'/ipm-report -o $(C)/report.tmp $<)
	@rm -rf $(C)/report.old; if [ -d $(C)/report ]; then mv $(C)/report $(C)/report.old; fi; \
		mv $(C)/report.tmp $(C)/report && rm -rf $(C)/report.old
$(C)/ipm.sqlite: $(C)/events.jsonl $(AGG) $(DB_DEPS)
	$(call step,db,ipm.sqlite,sh '$(DBDIR)'/load.sh $@.tmp $(C) >/dev/null && mv $@.tmp $@)
