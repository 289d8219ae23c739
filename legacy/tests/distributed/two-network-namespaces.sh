#!/usr/bin/env bash
# Two ranks of a distributed training as two hosts would run them: each rank in its own Linux
# network namespace, with its own address on one end of a virtual Ethernet pair, the rendezvous on
# rank 0's address, and Gloo told its interface through GLOO_SOCKET_IFNAME. Nothing is shared
# through loopback. Both ranks train the distributed tests' pipeline run (each reading its own
# shard of the data view) and must print the same losses.
#
# Needs root (it creates namespaces and links) and a built test tree: run ./build.sh test first.
# Usage: sudo tests/distributed/two-network-namespaces.sh
set -euo pipefail
cd "$(dirname "$0")/../.."
worker=tests/Autoencoders.Tests/bin/Release/net10.0/TrainingWorker.dll
[ -f "$worker" ] || { echo "error: $worker is missing; run ./build.sh test first" >&2; exit 1; }
[ "$(id -u)" -eq 0 ] || { echo "error: creating network namespaces needs root" >&2; exit 1; }

suffix=$$
out=$(mktemp -d)
cleanup() {
  ip netns del "ae-rank0-$suffix" 2>/dev/null || true
  ip netns del "ae-rank1-$suffix" 2>/dev/null || true
  rm -rf "$out"
}
trap cleanup EXIT

ip link add "ae0-$suffix" type veth peer name "ae1-$suffix"
for rank in 0 1; do
  ip netns add "ae-rank$rank-$suffix"
  ip link set "ae$rank-$suffix" netns "ae-rank$rank-$suffix"
  ip -n "ae-rank$rank-$suffix" addr add "10.77.0.$((rank + 1))/24" dev "ae$rank-$suffix"
  ip -n "ae-rank$rank-$suffix" link set "ae$rank-$suffix" up
  ip -n "ae-rank$rank-$suffix" link set lo up
done

for rank in 0 1; do
  ip netns exec "ae-rank$rank-$suffix" env RANK=$rank WORLD_SIZE=2 MASTER_ADDR=10.77.0.1 MASTER_PORT=29500 \
    GLOO_SOCKET_IFNAME="ae$rank-$suffix" AUTOENCODERS_NUM_THREADS=1 \
    dotnet "$worker" --distributed-pipeline 32 4 60 "$out/rank$rank.pt" >"$out/rank$rank.txt" 2>"$out/rank$rank.err" &
done
status=0
wait %1 || status=1
wait %2 || status=1
for rank in 0 1; do
  echo "rank $rank (10.77.0.$((rank + 1))):"
  sed 's/^/  /' "$out/rank$rank.txt" "$out/rank$rank.err"
done
[ $status -eq 0 ] || { echo "FAILED: a rank exited with an error" >&2; exit 1; }
cmp -s "$out/rank0.txt" "$out/rank1.txt" || { echo "FAILED: the ranks report different losses" >&2; exit 1; }
[ "$(wc -l <"$out/rank0.txt")" -eq 4 ] || { echo "FAILED: expected 4 epochs" >&2; exit 1; }
echo "passed: two ranks in separate network namespaces trained together and agree on every loss"
