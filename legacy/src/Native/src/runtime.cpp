// Error reporting and process-wide runtime settings.
#include <ATen/Parallel.h>
#include <c10/core/InferenceMode.h>
#include <torch/torch.h>

#include <chrono>
#include <torch/version.h>

#include <algorithm>
#include <cstring>
#include <vector>

#include "boundary.h"

namespace {
thread_local std::string last_error;
thread_local std::vector<char> handed_out;
}  // namespace

namespace ae {
void set_last_error(const std::string& message) { last_error = message; }
void clear_last_error() { last_error.clear(); }

void hand_out(std::vector<char> bytes, const uint8_t** out_data, int64_t* out_length) {
  require_not_null(out_data, "out_data");
  require_not_null(out_length, "out_length");
  handed_out = std::move(bytes);
  *out_data = reinterpret_cast<const uint8_t*>(handed_out.data());
  *out_length = static_cast<int64_t>(handed_out.size());
}
}  // namespace ae

extern "C" {

const char* ae_last_error(void) { return last_error.c_str(); }

int32_t ae_abi_version(int32_t* out_version) {
  return ae::guard(__func__, [&] { *ae::require_not_null(out_version, "out_version") = AE_ABI_VERSION; });
}

int32_t ae_runtime_set_num_threads(int32_t count) {
  return ae::guard(__func__, [&] {
    if (count < 1) throw std::invalid_argument("thread count must be at least 1");
    at::set_num_threads(count);
  });
}

int32_t ae_runtime_get_num_threads(int32_t* out_count) {
  return ae::guard(__func__, [&] {
    *ae::require_not_null(out_count, "out_count") = static_cast<int32_t>(at::get_num_threads());
  });
}

int32_t ae_runtime_torch_version(char* buffer, int64_t capacity, int64_t* out_length) {
  return ae::guard(__func__, [&] {
    const std::string version = TORCH_VERSION;
    *ae::require_not_null(out_length, "out_length") = static_cast<int64_t>(version.size());
    if (buffer != nullptr && capacity > static_cast<int64_t>(version.size())) {
      std::memcpy(buffer, version.c_str(), version.size() + 1);
    }
  });
}

int32_t ae_runtime_measure_sgemm(int64_t size, int32_t repeats, double* out_gflops) {
  return ae::guard(__func__, [&] {
    ae::require_not_null(out_gflops, "out_gflops");
    if (size < 1 || repeats < 1) throw std::invalid_argument("size and repeats must be positive");
    c10::InferenceMode inference;
    const torch::Tensor a = torch::rand({size, size});
    const torch::Tensor b = torch::rand({size, size});
    torch::Tensor c = torch::mm(a, b);  // warm-up
    const auto start = std::chrono::steady_clock::now();
    for (int32_t i = 0; i < repeats; ++i) torch::mm_out(c, a, b);
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    *out_gflops = 2.0 * static_cast<double>(size) * size * size * repeats / seconds / 1e9;
  });
}

}  // extern "C"
