// ae_pca_*: exact principal components, the classic baseline featurizer.
#include <c10/core/InferenceMode.h>

#include "boundary.h"
#include "model_handle.h"

extern "C" {

int32_t ae_pca_fit(const float* x, int64_t rows, int64_t cols, int64_t rank, float* out_mean, float* out_components,
                   float* out_variances) {
  return ae::guard(__func__, [&] {
    const torch::Tensor data = ae::view_rows(x, rows, cols, cols);
    if (rows < 2) throw std::invalid_argument("principal components need at least 2 rows");
    if (rank < 1 || rank > cols) throw std::invalid_argument("rank must be between 1 and the column count");
    ae::require_not_null(out_mean, "out_mean");
    ae::require_not_null(out_components, "out_components");
    ae::require_not_null(out_variances, "out_variances");
    c10::InferenceMode inference;
    const torch::Tensor mean = data.mean(0, /*keepdim=*/false, torch::kDouble);
    torch::Tensor covariance = torch::zeros({cols, cols}, torch::kDouble);
    constexpr int64_t kChunkRows = 8192;
    for (int64_t start = 0; start < rows; start += kChunkRows) {
      const torch::Tensor centered = data.slice(0, start, std::min(rows, start + kChunkRows)).to(torch::kDouble) - mean;
      covariance.addmm_(centered.t(), centered);
    }
    covariance /= static_cast<double>(rows - 1);
    const auto [eigenvalues, eigenvectors] = torch::linalg_eigh(covariance, "L");
    // eigh sorts ascending: the strongest components are the last columns.
    const torch::Tensor top = eigenvectors.narrow(1, cols - rank, rank).flip({1}).t().contiguous();
    torch::from_blob(out_mean, {cols}, torch::kFloat32).copy_(mean);
    torch::from_blob(out_components, {rank, cols}, torch::kFloat32).copy_(top);
    torch::from_blob(out_variances, {rank}, torch::kFloat32).copy_(eigenvalues.narrow(0, cols - rank, rank).flip({0}));
  });
}

int32_t ae_pca_project(const float* mean, const float* components, int64_t rank, const float* x, int64_t rows, int64_t cols,
                       float* out) {
  return ae::guard(__func__, [&] {
    const torch::Tensor data = ae::view_rows(x, rows, cols, cols);
    if (rank < 1) throw std::invalid_argument("rank must be at least 1");
    const torch::Tensor center = torch::from_blob(const_cast<float*>(ae::require_not_null(mean, "mean")), {cols}, torch::kFloat32);
    const torch::Tensor basis = torch::from_blob(const_cast<float*>(ae::require_not_null(components, "components")), {rank, cols}, torch::kFloat32);
    c10::InferenceMode inference;
    torch::Tensor projected = torch::from_blob(ae::require_not_null(out, "out"), {rows, rank}, torch::kFloat32);
    torch::mm_out(projected, data - center, basis.t());
  });
}

}  // extern "C"
