#!/usr/bin/env bash
# Runs each case with our library and with the PyTorch peer (Debian's python3-torch, the same
# libtorch) on the same data, thread count, architecture and batch size, each in a fresh process,
# and prints one line per case:
#   <case> ours <value> pytorch <value> ratio <x.xx>     (ratio above 1: we are better)
# Usage: bench/run.sh   (bench/tabular/run.sh runs the tabular anomaly suite alone)
set -euo pipefail
cd "$(dirname "$0")"
threads=${AUTOENCODERS_NUM_THREADS:-$(nproc)}
dotnet build Ours -c Release -v quiet -nologo >/dev/null
dotnet build Parity -c Release -v quiet -nologo >/dev/null
ours=Ours/bin/Release/net10.0/Ours

value() { awk -v key="$1" '$1 == key { print $2 }'; }

median() { sort -g | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }

# compare <case> <key> <higher|lower is better> <threads> <runs> [extra argument]
# Runs each side <runs> times, alternating, and compares the medians: on a shared machine single
# runs of the same case vary by 20% or more.
compare() {
  local case=$1 key=$2 better=$3 case_threads=$4 runs=$5 extra=${6:-}
  local o p i ours_values="" peer_values=""
  for ((i = 0; i < runs; i++)); do
    ours_values+="$("$ours" "${case%%@*}" "$case_threads" $extra | value "$key")"$'\n'
    peer_values+="$(/usr/bin/python3 ../../bench/peer.py "${case%%@*}" "$case_threads" $extra | value "$key")"$'\n'
  done
  o=$(printf '%s' "$ours_values" | median)
  p=$(printf '%s' "$peer_values" | median)
  awk -v c="$case-$key" -v o="$o" -v p="$p" -v b="$better" \
    'BEGIN { printf "%s ours %.4g pytorch %.4g ratio %.2f\n", c, o, p, (b == "higher" ? o / p : p / o) }'
}

# compare_onnx <case> <key> <higher|lower is better> <threads> <runs>
# The ONNX Runtime peer: one run of Ours prints ours_<key> and onnxruntime_<key> (the exported
# model in ONNX Runtime through its C API); medians over <runs> runs.
compare_onnx() {
  local case=$1 key=$2 better=$3 case_threads=$4 runs=$5
  local i out ours_values="" peer_values=""
  for ((i = 0; i < runs; i++)); do
    out=$("$ours" "$case" "$case_threads")
    ours_values+="$(printf '%s\n' "$out" | value "ours_$key")"$'\n'
    peer_values+="$(printf '%s\n' "$out" | value "onnxruntime_$key")"$'\n'
  done
  awk -v c="$case-$key" -v o="$(printf '%s' "$ours_values" | median)" -v p="$(printf '%s' "$peer_values" | median)" -v b="$better" \
    'BEGIN { printf "%s ours %.4g onnxruntime %.4g ratio %.2f\n", c, o, p, (b == "higher" ? o / p : p / o) }'
}

echo "machine: $(nproc) cores, $(awk '/MemTotal/ { printf "%.0f GiB", $2 / 1048576 }' /proc/meminfo), $threads threads, $(/usr/bin/python3 -c 'import torch; print("torch", torch.__version__)')"
compare train-dense-b256 rows_per_s higher "$threads" 5
compare train-dense-b32 rows_per_s higher "$threads" 5
compare train-conv-b128 rows_per_s higher "$threads" 5
compare train-vae-b128 rows_per_s higher "$threads" 5
compare score-bulk-10k rows_per_s higher "$threads" 5
compare single-row-latency p50_us lower 1 1
compare single-row-latency p99_us lower 1 1
compare train-dense-b256-peak fraction_of_peak higher "$threads" 3
compare_onnx onnx-single-row-latency p50_us lower 1 5
compare_onnx onnx-single-row-latency p99_us lower 1 5
compare_onnx onnx-score-bulk-10k rows_per_s higher "$threads" 5
compare rss-train-dense-b256 peak_rss_mb lower "$threads" 1
# Visual inspection, streamed: 2,000 PNG files of 128 x 128 loaded, resized to 64 x 64, scored by
# the convolutional preset and mapped (PIL and torch on the peer's side).
"$ours" images-folder "$threads"
compare images-score-streamed images_per_s higher "$threads" 3

# Data-parallel training on c10d/Gloo over loopback: two ranks of one thread, batches of 128 each,
# against one process of two threads with batches of 256 (the same global batch), rows/s over the
# 60,000 images (median of 3). This measures the engine's overhead, not scaling: both use the same
# two cores. The all-reduce cost per step is a rank's step time minus one thread's step time on a
# batch of 128 alone (235 steps per rank and epoch).
two_ranks() {
  local port=$((29500 + RANDOM % 2000))
  RANK=1 WORLD_SIZE=2 MASTER_ADDR=127.0.0.1 MASTER_PORT=$port "$ours" train-dense-b128-rank 1 >/dev/null &
  local other=$!
  RANK=0 WORLD_SIZE=2 MASTER_ADDR=127.0.0.1 MASTER_PORT=$port "$ours" train-dense-b128-rank 1 | value rows_per_s
  wait "$other"
}
ranks_values="" alone_values="" thread_values=""
for ((i = 0; i < 3; i++)); do
  ranks_values+="$(two_ranks)"$'\n'
  alone_values+="$("$ours" train-dense-b256 2 | value rows_per_s)"$'\n'
  thread_values+="$("$ours" train-dense-b128 1 | value rows_per_s)"$'\n'
done
r=$(printf '%s' "$ranks_values" | median)
a=$(printf '%s' "$alone_values" | median)
t=$(printf '%s' "$thread_values" | median)
awk -v r="$r" -v a="$a" 'BEGIN { printf "train-dense-b256-two-ranks-rows_per_s two-ranks %.4g one-process %.4g ratio %.2f\n", r, a, r / a }'
awk -v r="$r" -v t="$t" 'BEGIN { printf "two-ranks-allreduce-ms-per-step %.3g\n", (60000 / r / 235 - 128 / t) * 1000 }'
compare rss-score-streamed peak_rss_mb lower "$threads" 1 100000
compare rss-score-streamed peak_rss_mb lower "$threads" 1 1000000

# Final training loss with the same architecture, data, epochs, batch size and learning rate:
# ratio = pytorch / ours (above 1: our loss is lower); parity means within 3% either way. With
# the same seed both sides draw identical random streams (same libtorch generator), so they agree
# exactly; "independent-seed" compares with a PyTorch run whose randomness differs.
Parity/bin/Release/net10.0/Parity "$threads" > /tmp/parity-ours.$$
/usr/bin/python3 ../../bench/parity.py "$threads" 1 > /tmp/parity-same.$$
/usr/bin/python3 ../../bench/parity.py "$threads" 2 > /tmp/parity-other.$$
join /tmp/parity-ours.$$ /tmp/parity-same.$$ | awk '{ printf "%s-final-loss ours %.5f pytorch %.5f ratio %.3f\n", $1, $2, $3, $3 / $2 }'
join /tmp/parity-ours.$$ /tmp/parity-other.$$ | awk '{ printf "%s-final-loss-independent-seed ours %.5f pytorch %.5f ratio %.3f\n", $1, $2, $3, $3 / $2 }'
rm -f /tmp/parity-ours.$$ /tmp/parity-same.$$ /tmp/parity-other.$$

# Quality cost of streaming: test reconstruction error of the same autoencoder trained on 20,000
# images sorted by class through shuffle pools of decreasing size (18,000 training rows fit the
# largest pool, which therefore shuffles completely). Ours only: a property of the pool, not a race.
for pool in 20000 5000 1000 256; do
  echo "shuffle-pool-$pool-test-mse $("$ours" shuffle-pool-quality "$threads" "$pool" | value test_mse)"
done

# Streaming from disk: the same one-epoch training and scoring passes over 1 and 10 million rows
# of 32 features in the binary format (written once to /tmp, 128 MB and 1.28 GB), each in a fresh
# process. rss-growth = peak RSS at 10M / at 1M (flat memory: near 1); throughput-vs-memory = rows/s
# from the file / rows/s on the same 1M rows cached in memory (median of 3 runs each).
"$ours" streamed-file "$threads" 1000000
"$ours" streamed-file "$threads" 10000000
for kind in train score; do
  small=$("$ours" "streamed-$kind" "$threads" 1000000 file 2>/dev/null | value peak_rss_mb)
  large=$("$ours" "streamed-$kind" "$threads" 10000000 file 2>/dev/null | value peak_rss_mb)
  file_rate="" memory_rate=""
  for ((i = 0; i < 3; i++)); do
    file_rate+="$("$ours" "streamed-$kind" "$threads" 1000000 file 2>/dev/null | value rows_per_s)"$'\n'
    memory_rate+="$("$ours" "streamed-$kind" "$threads" 1000000 memory 2>/dev/null | value rows_per_s)"$'\n'
  done
  f=$(printf '%s' "$file_rate" | median)
  m=$(printf '%s' "$memory_rate" | median)
  awk -v k="$kind" -v s="$small" -v l="$large" 'BEGIN { printf "streamed-%s-rss-growth %.2f\n", k, l / s }'
  awk -v k="$kind" -v f="$f" -v m="$m" 'BEGIN { printf "streamed-%s-throughput-vs-memory %.2f\n", k, f / m }'
done

# Load, normalize, fit on 20,000 rows, score and evaluate a 1 GB CSV (written once to /tmp).
"$ours" csv-pipeline-rss "$threads" 1073741824 2>/dev/null | awk '{ v[$1] = $2 } END { printf "csv-1gb-pipeline peak-rss-mb %.0f file-mb %.0f ratio %.2f\n", v["peak_rss_mb"], v["file_mb"], v["peak_rss_mb"] / v["file_mb"] }'

# The tabular anomaly suite moved to the new stack: bench/tabular/run.sh at the repository's root.
