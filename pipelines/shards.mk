# Sharded runs of the default pipeline (ipm-cluster(7)): the documents of
# $(IN) in shards of $(SHARD_DOCS), each per-document stage one process per
# shard, then one merge (dedup, aggregates, report) into $(SHARDS_OUT); the
# outputs are the same bytes as `make pipeline`.
#   make shards IN=DIR [SHARD_DOCS=500] [J=2]     here, J shards at a time
#   make shards-parallel IN=DIR [J=2] [SSH=4/node1,4/node2]   GNU parallel
#   make shards-slurm IN=DIR [SBATCH="--partition=P --account=A"]   a Slurm job array
SHARD_DOCS ?= 500
J ?= 1
SHARDS_OUT ?= build/shards/$(notdir $(abspath $(IN)))
.PHONY: shards shards-parallel shards-slurm
shards: tools
	@BIN=$(BIN) pipelines/shard local $(IN) $(SHARDS_OUT) $(SHARD_DOCS) $(J)
shards-parallel: tools
	@BIN=$(BIN) pipelines/parallel -j $(J) -n $(SHARD_DOCS) $(if $(SSH),-S $(SSH)) $(IN) $(SHARDS_OUT)
shards-slurm: tools
	@BIN=$(BIN) pipelines/slurm/submit -n $(SHARD_DOCS) $(IN) $(SHARDS_OUT) $(SBATCH)
