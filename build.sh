#!/usr/bin/env bash
# One entry point: ./build.sh deps | native | test | demo | bench | pack
set -euo pipefail
cd "$(dirname "$0")"

# The project is moving from a C++ shim over Debian's libtorch 1.13 (legacy/, its own solution) to
# Microsoft.ML and TorchSharp (src/, tests/, Autoencoders.sln); both are built and tested until the
# legacy stack is removed. The TorchSharp stack needs only NuGet packages and the Fashion-MNIST data.
CORE_PACKAGES=(dataset-fashion-mnist)
SOLUTION=Autoencoders.sln
# The legacy stack's packages. OpenBLAS matters: with the reference BLAS that libtorch would
# otherwise pick, training is about 30 times slower. libgloo-dev holds the Gloo headers that
# libtorch's c10d process group (data-parallel training) is declared with.
LEGACY_PACKAGES=(cmake g++ libtorch-dev libopenblas0-openmp nlohmann-json3-dev libopencv-imgcodecs-dev libopencv-imgproc-dev libxgboost-dev libgloo-dev dataset-fashion-mnist)
# The tests also start a throwaway PostgreSQL server for the database loader, check exported ONNX
# files with ONNX's own checker, regenerate the ONNX protobuf classes to check the committed ones,
# and render the command-line tool's HTML report in headless Chromium. PyTorch's torchrun starts
# the ranks of a distributed training in one test, as users' launchers do. Open MPI's and MPICH's
# launchers start the ranks of the TorchSharp stack's data-parallel training in its tests.
TEST_PACKAGES=(postgresql python3-onnx protobuf-compiler libonnx-dev chromium python3-torch openmpi-bin mpich)
# PyTorch is the training and scoring peer; the tabular anomaly suite is made from r-cran-mlbench
# (read with python3-rdata) and scikit-learn's bundled sets, with scikit-learn's detectors as peers.
# Open MPI's mpirun starts the ranks of the data-parallel case.
BENCH_PACKAGES=(python3-torch r-cran-mlbench python3-rdata python3-sklearn openmpi-bin)
LEGACY_SOLUTION=legacy/Autoencoders.sln
CONFIGURATION=Release
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

usage() {
  cat <<USAGE
usage: ./build.sh <command> [arguments]
  deps     install the Debian packages the build needs (apt-get, as root; only what is missing)
  native   build the legacy libtorch shim (legacy/src/Native) into legacy/artifacts/native
  test     deps + dotnet test of the TorchSharp stack, then native + the legacy stack's tests
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

# ONNX Runtime's CPU library, from npm's onnxruntime-node, under tools/OnnxRuntime: the tests score
# exported models with it. Its post-install script fetches GPU files from outside, hence --ignore-scripts.
install_onnxruntime() {
  if find legacy/tools/OnnxRuntime/node_modules/onnxruntime-node/bin -path '*linux/x64/libonnxruntime.so.1' 2>/dev/null | grep -q .; then
    return 0
  fi
  if ! command -v npm >/dev/null 2>&1; then
    echo "error: npm is not on PATH; it installs ONNX Runtime (install Node.js with npm, then run this again)" >&2
    exit 1
  fi
  (cd legacy/tools/OnnxRuntime && npm install --ignore-scripts --no-audit --no-fund)
}

build_native() {
  cmake -S legacy/src/Native -B legacy/build/native -DCMAKE_BUILD_TYPE=Release >/dev/null
  cmake --build legacy/build/native --parallel "$(nproc)"
}

command=${1:-}
[ $# -gt 0 ] && shift
case "$command" in
  deps)
    install_missing "${CORE_PACKAGES[@]}" "${LEGACY_PACKAGES[@]}"
    ;;
  native)
    build_native
    ;;
  test)
    install_missing "${CORE_PACKAGES[@]}" "${LEGACY_PACKAGES[@]}" "${TEST_PACKAGES[@]}"
    require_dotnet
    dotnet test "$SOLUTION" -c "$CONFIGURATION" "$@"
    build_native
    install_onnxruntime
    legacy/build/native/fused_adam_test
    legacy/build/native/transposed_convolution_test
    src/Trainers/Onnx/Protobuf/generate.sh --check
    legacy/src/AutoencoderTransforms/Onnx/Protobuf/generate.sh --check
    dotnet test "$LEGACY_SOLUTION" -c "$CONFIGURATION" "$@"
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
