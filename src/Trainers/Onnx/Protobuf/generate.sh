#!/usr/bin/env bash
# Generates Onnx.g.cs, the C# classes of ONNX's protobuf schema, from Debian's onnx.proto
# (libonnx-dev) with protoc (protobuf-compiler): internal classes in Autoencoders.Trainers.Onnx.Protobuf,
# read and written by Google.Protobuf. The generated file is committed so that a build needs
# neither tool; `generate.sh --check` (run by ./build.sh test) fails when it is not what they give.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
proto=${ONNX_PROTO:-/usr/include/onnx/onnx.proto}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

sed 's/^package onnx;$/package onnx;\noption csharp_namespace = "Autoencoders.Trainers.Onnx.Protobuf";/' "$proto" > "$work/onnx.proto"
grep -q 'csharp_namespace' "$work/onnx.proto" || { echo "generate.sh: '$proto' has no 'package onnx;' line" >&2; exit 1; }
protoc --proto_path="$work" --csharp_out="$work" --csharp_opt=internal_access,file_extension=.g.cs "$work/onnx.proto"

if [[ ${1:-} == --check ]]; then
  if ! cmp -s "$work/Onnx.g.cs" "$here/Onnx.g.cs"; then
    echo "generate.sh: $here/Onnx.g.cs is not what protoc $(protoc --version) makes of $proto; run $0 and commit the result." >&2
    exit 1
  fi
  echo "Onnx.g.cs matches $proto ($(protoc --version))"
else
  cp "$work/Onnx.g.cs" "$here/Onnx.g.cs"
fi
