// ae_random_fourier_features: the map of ML.NET's ApproximatedKernelMap (Rahimi and Recht's random Fourier features).
#include <c10/core/InferenceMode.h>

#include <cmath>

#include "boundary.h"
#include "model_handle.h"

int32_t ae_random_fourier_features(const float* frequencies, const float* phases, int64_t rank, const float* x, int64_t rows,
                                   int64_t cols, float* out) {
  return ae::guard(__func__, [&] {
    const torch::Tensor data = ae::view_rows(x, rows, cols, cols);
    if (rank < 1) throw std::invalid_argument("rank must be at least 1");
    const torch::Tensor basis =
        torch::from_blob(const_cast<float*>(ae::require_not_null(frequencies, "frequencies")), {rank, cols}, torch::kFloat32);
    ae::require_not_null(out, "out");
    c10::InferenceMode inference;
    torch::Tensor projected = data.mm(basis.t());
    if (phases != nullptr) {
      const torch::Tensor shift = torch::from_blob(const_cast<float*>(phases), {rank}, torch::kFloat32);
      torch::Tensor features = torch::from_blob(out, {rows, rank}, torch::kFloat32);
      torch::cos_out(features, projected.add_(shift));
      features.mul_(static_cast<float>(std::sqrt(2.0 / static_cast<double>(rank))));
    } else {
      // Each frequency's cosine and sine side by side, as ML.NET lays them out.
      torch::Tensor features = torch::from_blob(out, {rows, rank, 2}, torch::kFloat32);
      const float scale = static_cast<float>(std::sqrt(1.0 / static_cast<double>(rank)));
      features.select(2, 0).copy_(projected.cos().mul_(scale));
      features.select(2, 1).copy_(projected.sin_().mul_(scale));
    }
  });
}
