#!/usr/bin/env bash
# Runs each case with our library and with the PyTorch peer (Debian's python3-torch, the same
# libtorch) on the same data, thread count and architecture, one after the other, and prints
#   <case> ours <value> pytorch <value> ratio <x.xx>     (ratio > 1: we are better)
# Usage: bench/run.sh [--quick]   (quick: one timed epoch instead of three)
set -euo pipefail
cd "$(dirname "$0")"
threads=${AUTOENCODERS_NUM_THREADS:-$(nproc)}
epochs=3
[ "${1:-}" = "--quick" ] && epochs=1

dotnet build DenseEpoch -c Release -v quiet -nologo >/dev/null
dotnet build Parity -c Release -v quiet -nologo >/dev/null
ours_binary=DenseEpoch/bin/Release/net10.0/DenseEpoch

seconds() { awk '$1 == "seconds" { print $2 }'; }

echo "machine: $(nproc) cores, $(awk '/MemTotal/ { printf "%.0f GiB", $2 / 1048576 }' /proc/meminfo), $threads threads, $(/usr/bin/python3 -c 'import torch; print("torch", torch.__version__)')"
for batch in 256; do
  ours=$("$ours_binary" "$batch" "$epochs" "$threads" | seconds)
  peer=$(/usr/bin/python3 dense_epoch.py "$batch" "$epochs" "$threads" | seconds)
  awk -v c="dense-784-256-32-epoch-b$batch-seconds" -v o="$ours" -v p="$peer" \
    'BEGIN { printf "%s ours %.3f pytorch %.3f ratio %.2f\n", c, o, p, p / o }'
done

# Final training loss with the same architecture, data, epochs, batch size and learning rate:
# ratio = pytorch / ours (above 1: our loss is lower); parity means within 3% either way. With
# the same seed both sides draw identical random streams (same libtorch generator), so they agree
# exactly; "independent-seed" compares with a PyTorch run whose randomness differs.
Parity/bin/Release/net10.0/Parity "$threads" > /tmp/parity-ours.$$
/usr/bin/python3 parity.py "$threads" 1 > /tmp/parity-same.$$
/usr/bin/python3 parity.py "$threads" 2 > /tmp/parity-other.$$
join /tmp/parity-ours.$$ /tmp/parity-same.$$ | awk '{ printf "%s-final-loss ours %.5f pytorch %.5f ratio %.3f\n", $1, $2, $3, $3 / $2 }'
join /tmp/parity-ours.$$ /tmp/parity-other.$$ | awk '{ printf "%s-final-loss-independent-seed ours %.5f pytorch %.5f ratio %.3f\n", $1, $2, $3, $3 / $2 }'
rm -f /tmp/parity-ours.$$ /tmp/parity-same.$$ /tmp/parity-other.$$
