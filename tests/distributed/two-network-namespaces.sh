#!/usr/bin/env bash
# Two ranks of a distributed training as two hosts would run them: each rank in its own Linux
# network namespace, with its own address on one end of a virtual Ethernet pair, started by Open
# MPI's mpirun as it starts ranks on other hosts (through its remote-shell agent, here one that
# enters the other namespace instead of ssh). MPI's messages travel over TCP on the veth pair,
# never through loopback or shared memory. Both ranks train the distributed tests' pipeline run
# (each reading its own shard of the data view) and must print the same losses.
#
# Needs root (it creates namespaces and links) and a built test tree: run ./build.sh test first.
# Usage: sudo tests/distributed/two-network-namespaces.sh
set -euo pipefail
cd "$(dirname "$0")/../.."
tests=$(ls tests/Autoencoders.Tests/bin/Release/net10.0/*/Autoencoders.Tests.dll 2>/dev/null | head -1)
[ -n "$tests" ] || { echo "error: the test assembly is missing; run ./build.sh test first" >&2; exit 1; }
[ "$(id -u)" -eq 0 ] || { echo "error: creating network namespaces needs root" >&2; exit 1; }
command -v mpirun.openmpi >/dev/null || { echo "error: Open MPI is missing (apt-get install openmpi-bin)" >&2; exit 1; }

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

# mpirun's remote-shell agent: "agent HOST COMMAND..." runs COMMAND in the namespace holding HOST's address.
cat >"$out/enter-host" <<AGENT
#!/bin/sh
host=\$1; shift
case "\$host" in
  10.77.0.1) namespace=ae-rank0-$suffix ;;
  10.77.0.2) namespace=ae-rank1-$suffix ;;
  *) echo "unknown host \$host" >&2; exit 1 ;;
esac
echo "\$host \$namespace" >>"$out/entered"
exec ip netns exec "\$namespace" sh -c "\$*"
AGENT
chmod +x "$out/enter-host"

status=0
ip netns exec "ae-rank0-$suffix" env AUTOENCODERS_NUM_THREADS=1 TERM=dumb PATH="$PATH" HOME="$HOME" DOTNET_ROOT="${DOTNET_ROOT:-}" \
  mpirun.openmpi --allow-run-as-root --tag-output -np 2 --host 10.77.0.1,10.77.0.2 \
  --mca plm_rsh_agent "$out/enter-host" --mca btl self,tcp \
  --mca btl_tcp_if_include 10.77.0.0/24 --mca oob_tcp_if_include 10.77.0.0/24 \
  -x AUTOENCODERS_NUM_THREADS -x TERM -x PATH -x HOME -x DOTNET_ROOT \
  dotnet "$PWD/$tests" distributed pipeline "$out/codes.bin" >"$out/job.txt" 2>&1 || status=$?
sed 's/^/  /' "$out/job.txt"
[ $status -eq 0 ] || { echo "FAILED: the job exited with $status" >&2; exit 1; }
rank0=$(sed -n 's/^\[1,0\]<stdout>:\(epoch .*\)$/\1/p' "$out/job.txt")
rank1=$(sed -n 's/^\[1,1\]<stdout>:\(epoch .*\)$/\1/p' "$out/job.txt")
[ -n "$rank0" ] || { echo "FAILED: rank 0 printed no loss" >&2; exit 1; }
grep -q "^10.77.0.2 ae-rank1-$suffix$" "$out/entered" 2>/dev/null || { echo "FAILED: mpirun did not start a rank in the second namespace" >&2; exit 1; }
[ "$rank0" = "$rank1" ] || { echo "FAILED: the ranks report different losses" >&2; exit 1; }
echo "passed: two ranks in separate network namespaces (10.77.0.1, 10.77.0.2) trained together over TCP and agree on every loss"
