#!/usr/bin/env bash
# Runs each case with our library and with the PyTorch peer (Debian's python3-torch) on the same
# data, architecture, batch size, optimizer and thread count, each run in a fresh process,
# alternating ours and the peer over several rounds (medians: this machine is shared and noisy),
# and prints one line per case:
#   <case> ours <value> pytorch <value> ratio <x.xx>       (ratio above 1: we are better)
#   <case> ours <value> onnxruntime <value> ratio <x.xx>   (ONNX Runtime running the saved graph itself)
# at the machine's thread count (legacy names) and again at one thread (names ending in -1thread).
# Usage: bench/run.sh [rounds]   (default 5)
set -euo pipefail
cd "$(dirname "$0")"
rounds=${1:-5}
cores=$(nproc)
dotnet build Ours -c Release -v quiet -nologo >/dev/null
dotnet build Parity -c Release -v quiet -nologo >/dev/null
ours() { dotnet Ours/bin/Release/net10.0/Ours.dll "$@"; }

value() { awk -v key="$1" '$1 == key { print $2 }'; }

median() { sort -g | awk 'NF { v[++n] = $1 } END { print v[int((n + 1) / 2)] }'; }

suffix() { [ "$1" = "$cores" ] && echo "" || echo "-${1}thread"; }

# line <name> <ours> <peer name> <peer> <higher|lower is better>
line() {
  awk -v c="$1" -v o="$2" -v n="$3" -v p="$4" -v b="$5" \
    'BEGIN { printf "%s ours %.4g %s %.4g ratio %.2f\n", c, o, n, p, (b == "higher" ? o / p : p / o) }'
}

# compare <case> <key[,key...]> <higher|lower is better> <threads> <runs>: one line per key, from the same runs
compare() {
  local case=$1 keys=$2 better=$3 threads=$4 runs=$5 i key ours_out peer_out
  local -A ours_values=() peer_values=()
  for ((i = 0; i < runs; i++)); do
    ours_out=$(ours "$case" "$threads")
    peer_out=$(/usr/bin/python3 peer.py "$case" "$threads")
    for key in ${keys//,/ }; do
      ours_values[$key]+="$(value "$key" <<<"$ours_out")"$'\n'
      peer_values[$key]+="$(value "$key" <<<"$peer_out")"$'\n'
    done
  done
  for key in ${keys//,/ }; do
    line "$case-$key$(suffix "$threads")" "$(median <<<"${ours_values[$key]}")" pytorch "$(median <<<"${peer_values[$key]}")" "$better"
  done
}

# compare_scoring <case> <key> <higher|lower is better> <threads> <runs>
# One run of ours prints <key> (through ML.NET) and onnxruntime_<key> (the graph the saved model
# holds, run by ONNX Runtime itself); the peer runs PyTorch. Two lines: against each.
compare_scoring() {
  local case=$1 key=$2 better=$3 threads=$4 runs=$5 i out ours_values="" onnx_values="" exported_values="" peer_values=""
  for ((i = 0; i < runs; i++)); do
    out=$(ours "$case" "$threads")
    ours_values+="$(value "$key" <<<"$out")"$'\n'
    onnx_values+="$(value "onnxruntime_$key" <<<"$out")"$'\n'
    exported_values+="$(value "exported_$key" <<<"$out")"$'\n'
    peer_values+="$(/usr/bin/python3 peer.py "${case#loaded-}" "$threads" | value "$key")"$'\n'
  done
  line "$case-$key$(suffix "$threads")" "$(median <<<"$ours_values")" pytorch "$(median <<<"$peer_values")" "$better"
  line "onnx-$case-$key$(suffix "$threads")" "$(median <<<"$ours_values")" onnxruntime "$(median <<<"$onnx_values")" "$better"
  # In-process bulk scoring also prints the whole pipeline exported by ConvertPipelineToOnnx, all rows in one call.
  if [ -n "$(tr -d '\n' <<<"$exported_values")" ]; then
    line "exported-$case-$key$(suffix "$threads")" "$(median <<<"$exported_values")" pytorch "$(median <<<"$peer_values")" "$better"
  fi
}

echo "machine: $cores cores, $(awk '/MemTotal/ { printf "%.0f GiB", $2 / 1048576 }' /proc/meminfo), $(/usr/bin/python3 -c 'import torch; print("torch", torch.__version__)'), $rounds rounds"
for threads in "$cores" 1; do
  compare train-dense-b256 rows_per_s higher "$threads" "$rounds"
  compare train-dense-b32 rows_per_s higher "$threads" "$rounds"
  compare train-conv-b128 rows_per_s higher "$threads" "$rounds"
  compare train-vae-b128 rows_per_s higher "$threads" "$rounds"
  compare train-dense-b256-peak fraction_of_peak higher "$threads" 3
  # Where a dense b256 step's time goes: the step, its matrix products alone, the rest (ms).
  compare train-dense-b256-profile step_ms,gemm_ms,other_ms lower "$threads" 3
  # In-process scoring runs on TorchSharp; "loaded-" scores after mlContext.Model.Load, where
  # ML.NET's OnnxTransformer runs the saved graph on ONNX Runtime one row per call.
  compare_scoring score-bulk-10k rows_per_s higher "$threads" "$rounds"
  compare_scoring loaded-score-bulk-10k rows_per_s higher "$threads" "$rounds"
done
# Latency is measured at one thread on both sides: a single row gains nothing from a second.
compare_scoring single-row-latency p50_us lower 1 "$rounds"
compare_scoring single-row-latency p99_us lower 1 "$rounds"
compare_scoring loaded-single-row-latency p50_us lower 1 "$rounds"
compare_scoring loaded-single-row-latency p99_us lower 1 "$rounds"

# Data-parallel training over MPI: two ranks (Open MPI's mpirun on this machine, one thread each)
# with batches of 128, which step like one process with batches of 256, against one process of the
# same dense case with one thread (scaling: ideal 2) and with two (what the ranks' cores would give
# one process). rows/s of all ranks together; medians.
ranks_values="" one_1_values="" one_2_values=""
for ((i = 0; i < rounds; i++)); do
  ranks_values+="$(AUTOENCODERS_NUM_THREADS=1 TERM=dumb mpirun.openmpi --allow-run-as-root --oversubscribe -np 2 \
    dotnet Ours/bin/Release/net10.0/Ours.dll train-dense-b256-ranks 1 | value rows_per_s)"$'\n'
  one_1_values+="$(ours train-dense-b256 1 | value rows_per_s)"$'\n'
  one_2_values+="$(ours train-dense-b256 2 | value rows_per_s)"$'\n'
done
line train-dense-b256-2ranks-vs-1process-1thread "$(median <<<"$ranks_values")" one-process "$(median <<<"$one_1_values")" higher
line train-dense-b256-2ranks-vs-1process-2thread "$(median <<<"$ranks_values")" one-process "$(median <<<"$one_2_values")" higher

# Streaming: one training epoch and one scoring pass of a dense 32-16-8 embedding over rows of 32
# features that ML.NET reads lazily from a file (its binary format; CSV through LoadFromTextFile),
# against the same rows held in ML.NET's cache, each in a fresh process. rss-growth = peak RSS at
# 10M rows / at 1M (flat memory: near 1); throughput-vs-memory = rows/s from the file / rows/s from
# memory (medians of 3). The files are written once to /tmp (1M rows: 115 MB binary, 340 MB CSV; 10M: 1.15 GB).
ours streamed-file "$cores" 1000000 binary
ours streamed-file "$cores" 1000000 csv
ours streamed-file "$cores" 10000000 binary
for kind in train score; do
  small=$(ours "streamed-$kind" "$cores" 1000000 binary | value peak_rss_mb)
  large=$(ours "streamed-$kind" "$cores" 10000000 binary | value peak_rss_mb)
  awk -v k="$kind" -v s="$small" -v l="$large" 'BEGIN { printf "streamed-%s-rss-growth %.2f (peak %.0f MB at 10M rows, %.0f MB at 1M)\n", k, l / s, l, s }'
  for source in binary csv memory; do
    rates=""
    for ((i = 0; i < 3; i++)); do
      rates+="$(ours "streamed-$kind" "$cores" 1000000 "$source" | value rows_per_s)"$'\n'
    done
    declare "rate_$source=$(median <<<"$rates")"
  done
  awk -v k="$kind" -v f="$rate_binary" -v c="$rate_csv" -v m="$rate_memory" 'BEGIN {
    printf "streamed-%s-throughput-vs-memory %.2f (%.4g rows/s from the binary file, %.4g from memory)\n", k, f / m, f, m
    printf "streamed-%s-csv-throughput-vs-memory %.2f (%.4g rows/s from CSV)\n", k, c / m, c }'
done

# Lifetime: 2,000 fit / score / dispose cycles of a pipeline (ML.NET's normalizer, embedding,
# detector) in one process; resident memory at the end / after 200 cycles, and at the end / after
# 1,000 (the growth over the last 1,000 cycles; no leak: near 1). Then the same without ML.NET's
# normalizer, whose fits each leave a record in the MLContext.
ours fit-dispose-cycles "$cores" 2000 | awk '{ v[$1] = $2 } END {
  printf "fit-dispose-2000-rss-growth %.2f (%.0f MB after 200 cycles, %.0f MB after 2,000)\n", v["rss_growth"], v["rss_mb_at_tenth"], v["rss_mb_at_end"]
  printf "fit-dispose-last-1000-rss-growth %.3f (%.0f MB after 1,000 cycles, %.0f MB after 2,000)\n", v["rss_growth_last_half"], v["rss_mb_at_half"], v["rss_mb_at_end"] }'
ours fit-dispose-cycles-ours-only "$cores" 2000 | awk '{ v[$1] = $2 } END {
  printf "fit-dispose-ours-only-last-1000-rss-growth %.3f (%.0f MB after 1,000 cycles, %.0f MB after 2,000)\n", v["rss_growth_last_half"], v["rss_mb_at_half"], v["rss_mb_at_end"] }'

# Final training loss with the same architecture, data, epochs, batch size, learning rate and seed:
# ratio = ours / pytorch; parity means within 3% either way.
cd .. && bench/parity.sh | sed 's/^\([^ ]*\) /\1-final-loss /'

# The tabular anomaly suite: our detector as the anomaly sample's CSV mode runs it, against
# scikit-learn's Isolation Forest and PCA reconstruction error (AUROC, one line per set).
bench/tabular/run.sh
