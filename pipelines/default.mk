# The default pipeline: `make` (or `make pipeline IN=DIR`) turns every
# .txt .md .html .pdf document of $(IN) into tagged records and the reports:
#   DOC --ipm-norm--> txt/ID.txt --ipm-extract--> blocks/ID.jsonl
#   (a PDF's txt/ID.txt is its page geometry, `mutool trace` XML: glyph boxes
#   and the rules of its tables, which ipm-extract reads as layout pdfgeom)
#       --ipm-rows--> rows/ID.jsonl --ipm-tag--> tagged/ID.jsonl
#   all tagged --ipm-dedup--> events.jsonl (event_id), --collapse--> collapsed.jsonl
#   events --ipm-agg--> agg/*.csv       collapsed --ipm-report--> report/
# ID is the file name up to the first '_' or '.', e.g. 000 for 000_09c5....txt.
# Every file is written to FILE.tmp and renamed; a stage or a tool that
# changed rebuilds what depends on it, and so does a data file the stage
# reads (columns.tsv: extract; gazetteer.tsv: rows; the dictionaries: tag;
# sentences.tsv, tiles.tsv: report); safe under make -j. pipelines/nightly
# (ipm-nightly(1)) is the driver for unattended runs over a changing folder. A stage whose tool
# is not in tools/ yet is named, and what can be built without it is built.

IN ?= testdata/corpus
PIPE ?= build/pipeline/$(notdir $(abspath $(IN)))
P := $(PIPE)
PIPE_DOCS := $(sort $(wildcard $(IN)/*.txt $(IN)/*.md $(IN)/*.html $(IN)/*.pdf))
PIPE_STEMS := $(basename $(notdir $(PIPE_DOCS)))
PIPE_STAGES := norm extract rows tag dedup agg report
pipe_have = $(or $(wildcard tools/ipm-$(1).c),$(wildcard $(BIN)/ipm-$(1)))
PIPE_MISSING := $(strip $(foreach s,$(PIPE_STAGES),$(if $(call pipe_have,$s),,$s)))
# the data files each stage reads (the tools' lookup: $IPM_DATA, else lib/data)
PIPE_DATADIR := $(or $(IPM_DATA),lib/data)
pipe_data = $(wildcard $(patsubst %,$(PIPE_DATADIR)/%.tsv,$(1)))
PIPE_DATA_EXTRACT := $(call pipe_data,columns)
PIPE_DATA_ROWS := $(call pipe_data,gazetteer)
PIPE_DATA_TAG := $(call pipe_data,gazetteer orgs companies sectors events plus docnum hosts)
PIPE_DATA_REPORT := $(call pipe_data,sentences tiles)
pipe_id = $(firstword $(subst _, ,$(1)))
pipe_mv = mv $@.tmp $@
# quiet recipes: one line per step (make V=1 shows the commands)
ifeq ($(V),1)
PQ :=
pipe_say =
else
PQ := @
pipe_say = @echo "  $(1)	$@"
endif

PIPE_TXT := $(PIPE_STEMS:%=$(P)/txt/%.txt)
PIPE_TAGGED := $(PIPE_STEMS:%=$(P)/tagged/%.jsonl)
# keep every stage's output (they are inputs to look at, and to not rebuild)
.SECONDARY: $(PIPE_TXT) $(PIPE_STEMS:%=$(P)/blocks/%.jsonl) $(PIPE_STEMS:%=$(P)/rows/%.jsonl)
PIPE_AGG := $(P)/agg/sections.csv $(P)/agg/province_sector.csv $(P)/agg/months.csv
PIPE_REPORT := $(P)/report/index.html

# --- text: ipm-norm (any encoding to UTF-8); a PDF's page geometry (mutool) ---
ifneq ($(call pipe_have,norm),)
PIPE_NORM_DEP := $(BIN)/ipm-norm
pipe_norm = $(BIN)/ipm-norm $(1) > $@.tmp
else
pipe_norm = cp $(1) $@.tmp
endif
$(P)/txt/%.txt: $(IN)/%.txt $(PIPE_NORM_DEP)
	@mkdir -p $(@D)
	$(call pipe_say,norm)
	$(PQ)$(call pipe_norm,$<) && $(pipe_mv)
$(P)/txt/%.txt: $(IN)/%.md $(PIPE_NORM_DEP)
	@mkdir -p $(@D)
	$(call pipe_say,norm)
	$(PQ)$(call pipe_norm,$<) && $(pipe_mv)
$(P)/txt/%.txt: $(IN)/%.html $(PIPE_NORM_DEP)
	@mkdir -p $(@D)
	$(call pipe_say,norm)
	$(PQ)$(call pipe_norm,$<) && $(pipe_mv)
# (MuPDF repairs a damaged PDF and says "error:": that fails the step)
$(P)/txt/%.txt: $(IN)/%.pdf
	@mkdir -p $(@D)
	$(call pipe_say,trace)
	$(PQ)if mutool trace $< > $@.tmp 2> $@.err && ! grep -q '^error:' $@.err; then \
		rm -f $@.err && $(pipe_mv); \
	else echo "mutool: $<: not a readable PDF: $$(grep -m1 '^error:' $@.err)" >&2; rm -f $@.tmp $@.err; exit 1; fi

# --- per document: extract, rows, tag ---
$(P)/blocks/%.jsonl: $(P)/txt/%.txt $(BIN)/ipm-extract $(PIPE_DATA_EXTRACT)
	@mkdir -p $(@D)
	$(call pipe_say,extract)
	$(PQ)$(BIN)/ipm-extract --rejects $(@:.jsonl=.rej).tmp $< > $@.tmp && \
		mv $(@:.jsonl=.rej).tmp $(@:.jsonl=.rej) && $(pipe_mv)
$(P)/rows/%.jsonl: $(P)/blocks/%.jsonl $(BIN)/ipm-rows $(PIPE_DATA_ROWS)
	@mkdir -p $(@D)
	$(call pipe_say,rows)
	$(PQ)$(BIN)/ipm-rows --doc $(call pipe_id,$*) --rejects $(@:.jsonl=.rej).tmp $< > $@.tmp && \
		mv $(@:.jsonl=.rej).tmp $(@:.jsonl=.rej) && $(pipe_mv)
$(P)/tagged/%.jsonl: $(P)/rows/%.jsonl $(BIN)/ipm-tag $(PIPE_DATA_TAG)
	@mkdir -p $(@D)
	$(call pipe_say,tag)
	$(PQ)$(BIN)/ipm-tag $< > $@.tmp && $(pipe_mv)

# --- all documents: dedup (or plain concatenation without ipm-dedup) ---
ifneq ($(call pipe_have,dedup),)
$(P)/events.jsonl: $(PIPE_TAGGED) $(BIN)/ipm-dedup
	$(call pipe_say,dedup)
	$(PQ)$(BIN)/ipm-dedup $(PIPE_TAGGED) > $@.tmp && $(pipe_mv)
$(P)/collapsed.jsonl: $(P)/events.jsonl $(BIN)/ipm-dedup
	$(call pipe_say,collapse)
	$(PQ)$(BIN)/ipm-dedup --collapse $< > $@.tmp && $(pipe_mv)
else
$(P)/events.jsonl: $(PIPE_TAGGED) $(BIN)/ipm-cat
	$(call pipe_say,cat)
	$(PQ)$(BIN)/ipm-cat $(PIPE_TAGGED) > $@.tmp && $(pipe_mv)
$(P)/collapsed.jsonl: $(P)/events.jsonl
	$(call pipe_say,copy)
	$(PQ)cp $< $@.tmp && $(pipe_mv)
endif

# --- tidy tables (CSV) ---
$(P)/agg/sections.csv: $(P)/events.jsonl $(BIN)/ipm-agg
	@mkdir -p $(@D)
	$(call pipe_say,agg)
	$(PQ)$(BIN)/ipm-agg --ocsv -g doc,section count $< > $@.tmp && $(pipe_mv)
$(P)/agg/province_sector.csv: $(P)/events.jsonl $(BIN)/ipm-agg
	@mkdir -p $(@D)
	$(call pipe_say,agg)
	$(PQ)$(BIN)/ipm-agg --ocsv -g province,sectors count $< > $@.tmp && $(pipe_mv)
$(P)/agg/months.csv: $(P)/events.jsonl $(BIN)/ipm-agg
	@mkdir -p $(@D)
	$(call pipe_say,agg)
	$(PQ)$(BIN)/ipm-agg --ocsv --by-month -g section count $< > $@.tmp && $(pipe_mv)

# --- reports: one per period, and the index (the directory is swapped whole) ---
# the report's provenance: each document's file, SHA-256 and the lines that
# extract and rows did not turn into records (their --rejects files)
$(P)/sources.tsv: $(PIPE_TAGGED)
	$(call pipe_say,sources)
	$(PQ){ printf 'doc\tfile\tsha256\trejects\n'; for f in $(PIPE_DOCS); do \
		b=$${f##*/}; id=$${b%%_*}; id=$${id%%.*}; \
		printf '%s\t%s\t%s\t%s\n' "$$id" "$$b" "$$(sha256sum < "$$f" | cut -c1-64)" \
			"$$(cat $(P)/blocks/$${b%.*}.rej $(P)/rows/$${b%.*}.rej 2>/dev/null | wc -l)"; \
	done; } > $@.tmp && $(pipe_mv)
$(PIPE_REPORT): $(P)/collapsed.jsonl $(P)/sources.tsv $(BIN)/ipm-report $(PIPE_DATA_REPORT)
	$(call pipe_say,report)
	$(PQ)rm -rf $(P)/report.tmp && mkdir -p $(P)/report.tmp
	$(PQ)$(BIN)/ipm-report --sources $(P)/sources.tsv -o $(P)/report.tmp $<
	$(PQ)rm -rf $(P)/report && mv $(P)/report.tmp $(P)/report

# What can be built with the stages present (nothing without documents:
# the tools would read stdin).
ifeq ($(PIPE_DOCS),)
PIPE_GOAL :=
else ifeq ($(filter extract rows tag,$(PIPE_MISSING)),)
PIPE_GOAL := $(PIPE_REPORT) $(if $(filter agg,$(PIPE_MISSING)),,$(PIPE_AGG))
else
PIPE_GOAL := $(PIPE_TXT)
endif

.PHONY: pipeline-run
pipeline: tools
	@$(MAKE) --no-print-directory pipeline-run
pipeline-run: $(PIPE_GOAL)
	@[ -n "$(PIPE_DOCS)" ] || echo "ipm: no .txt .md .html .pdf documents in $(IN)"
	@[ -z "$(PIPE_MISSING)" ] || echo "ipm: pipeline: stages not built yet (no tools/ipm-STAGE.c): $(PIPE_MISSING)"
	@if [ -f $(PIPE_REPORT) ]; then \
		echo "ipm: $(words $(PIPE_DOCS)) documents from $(IN); report: $(PIPE_REPORT) (and $(P)/report/index.md)"; \
	elif [ -n "$(PIPE_DOCS)" ]; then \
		echo "ipm: $(words $(PIPE_DOCS)) documents from $(IN) normalized into $(P)/txt/; no report without ipm-extract, ipm-rows and ipm-tag"; \
	fi

# --- make db: records, tags and tidy tables in SQLite ---
DB ?= build/ipm.sqlite
db: pipeline
ifeq ($(filter extract rows tag,$(PIPE_MISSING)),)
	@$(MAKE) --no-print-directory $(DB)
else
	@echo "ipm: make db needs ipm-extract, ipm-rows and ipm-tag (missing: $(PIPE_MISSING))"; exit 1
endif
$(DB): $(P)/events.jsonl $(wildcard $(PIPE_AGG)) scripts/db/schema.sql scripts/db/load.sh
	$(call pipe_say,db)
	$(PQ)sh scripts/db/load.sh $@.tmp $(P) && $(pipe_mv)
	@echo "ipm: database: $(DB) (sqlite3 $(DB) 'select * from v_sections')"
