#!/usr/bin/env bash
# One entry point: ./build.sh deps | test | demo | bench | pack
set -euo pipefail
cd "$(dirname "$0")"

# Microsoft.ML and TorchSharp come from NuGet; the build needs only the Fashion-MNIST data besides.
CORE_PACKAGES=(dataset-fashion-mnist)
SOLUTION=Autoencoders.sln
# The tests check exported ONNX files with ONNX's own checker, regenerate the ONNX protobuf classes
# (protoc over Debian's onnx.proto) to check the committed ones, render the command-line tool's HTML
# report in headless Chromium, compare training with PyTorch, and start the ranks of data-parallel
# training with Open MPI's and MPICH's launchers.
TEST_PACKAGES=(python3-onnx protobuf-compiler libonnx-dev chromium python3-torch openmpi-bin mpich)
# PyTorch is the training and scoring peer, with OpenBLAS built on OpenMP as PyTorch is (without it
# Debian's PyTorch multiplies matrices with the reference BLAS, 15 times slower; OpenBLAS's pthread
# build fights PyTorch's threads, 3 times slower at 2 threads); the tabular anomaly suite is made from r-cran-mlbench
# (read with python3-rdata) and scikit-learn's bundled sets, with scikit-learn's detectors as peers.
# Open MPI's mpirun starts the ranks of the data-parallel case.
BENCH_PACKAGES=(python3-torch libopenblas0-openmp r-cran-mlbench python3-rdata python3-sklearn openmpi-bin)
CONFIGURATION=Release
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

usage() {
  cat <<USAGE
usage: ./build.sh <command> [arguments]
  deps     install the Debian packages the build needs (apt-get, as root; only what is missing)
  test     deps + the tests (dotnet test), and a check of the generated ONNX classes
  demo     the main sample, semi-supervised Fashion-MNIST on ML.NET (arguments are passed to it)
  bench    the benchmarks side by side with PyTorch and ONNX Runtime (argument: rounds, default 5)
  pack     the library's NuGet packages and the command-line tool's, into artifacts/packages
USAGE
}

install_missing() {
  local missing=()
  for package in "$@"; do
    if ! dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed"; then
      missing+=("$package")
    fi
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  if [ "$(id -u)" -ne 0 ]; then
    echo "error: missing Debian packages: ${missing[*]}" >&2
    echo "install them as root:  sudo apt-get install -y ${missing[*]}" >&2
    exit 1
  fi
  echo "installing: ${missing[*]}"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}"
}

require_dotnet() {
  if ! command -v dotnet >/dev/null 2>&1; then
    echo "error: the .NET SDK (10.0) is not on PATH; install it, then run this again" >&2
    exit 1
  fi
}

command=${1:-}
[ $# -gt 0 ] && shift
case "$command" in
  deps)
    install_missing "${CORE_PACKAGES[@]}" "${TEST_PACKAGES[@]}"
    ;;
  test)
    install_missing "${CORE_PACKAGES[@]}" "${TEST_PACKAGES[@]}"
    require_dotnet
    src/Trainers/Onnx/Protobuf/generate.sh --check
    dotnet test "$SOLUTION" -c "$CONFIGURATION" "$@"
    ;;
  demo)
    install_missing "${CORE_PACKAGES[@]}"
    require_dotnet
    dotnet run --project samples/Classification -c "$CONFIGURATION" -- "$@"
    ;;
  bench)
    install_missing "${CORE_PACKAGES[@]}" "${BENCH_PACKAGES[@]}"
    require_dotnet
    bench/run.sh "$@"
    ;;
  pack)
    require_dotnet
    # The library packages and the command-line tool (a dotnet tool carrying TorchSharp and libtorch).
    for project in src/Trainers/Autoencoders.Trainers.csproj src/Scoring/Autoencoders.Scoring.csproj src/AutoencoderTransforms/Autoencoders.Transforms.csproj \
                   src/Cli/Autoencoders.Cli.csproj; do
      dotnet pack "$project" -c "$CONFIGURATION" -o artifacts/packages "$@"
    done
    ;;
  *)
    usage
    [ -z "$command" ] || [ "$command" = help ] || exit 2
    ;;
esac
