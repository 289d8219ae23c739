#!/usr/bin/env bash
# Same-seed final training losses of the TorchSharp engine and of PyTorch (Debian's python3-torch)
# on the dense, convolutional and variational cases, side by side, at one thread:
#   <case> ours X pytorch Y ratio Z
# Exits 1 when a ratio is more than 3% from 1. "./bench/parity.sh quick" runs the tests' short cases.
set -euo pipefail
cd "$(dirname "$0")/.."
mode=${1:-}
dotnet build bench/Parity -c Release -v quiet -nologo >/dev/null
ours=$(dotnet bench/Parity/bin/Release/net10.0/Parity.dll 1 $mode)
peer=$(/usr/bin/python3 bench/parity.py 1 1 $mode)
join <(sort <<<"$ours") <(sort <<<"$peer") | awk '
  { ratio = $2 / $3; printf "%s ours %s pytorch %s ratio %.4f\n", $1, $2, $3, ratio; if (ratio > 1.03 || ratio < 0.97) bad = 1 }
  END { exit bad }'
