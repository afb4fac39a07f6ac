# The default pipeline (grows with the stages). `make` runs it on $(IN).
IN ?= testdata/corpus
pipeline: tools
	@echo "ipm: tools are in bin/ (bin/ipm-* --help)"
