// ae_pca_*: principal components, exact (the classic baseline featurizer) and randomized (ML.NET's PCA anomaly detector).
#include <c10/core/InferenceMode.h>

#include "boundary.h"
#include "model_handle.h"

namespace {

constexpr int64_t kChunkRows = 8192;

// Adds the column sums and cross products of (x - shift) to sums (cols) and products (cols x cols), in double.
void accumulate(const torch::Tensor& data, const torch::Tensor& shift, torch::Tensor& sums, torch::Tensor& products) {
  const int64_t rows = data.size(0);
  for (int64_t start = 0; start < rows; start += kChunkRows) {
    const torch::Tensor centered = data.slice(0, start, std::min(rows, start + kChunkRows)).to(torch::kDouble) - shift;
    sums.add_(centered.sum(0));
    products.addmm_(centered.t(), centered);
  }
}

// The rank strongest components from the moments of rows shifted by shift: the covariance is
// (products - rows * d d^T) / (rows - 1) with d = sums / rows, and the mean is shift + d.
void fit_from_moments(const torch::Tensor& shift, const torch::Tensor& sums, const torch::Tensor& products, int64_t rows,
                      int64_t rank, float* out_mean, float* out_components, float* out_variances) {
  const int64_t cols = shift.size(0);
  if (rows < 2) throw std::invalid_argument("principal components need at least 2 rows");
  if (rank < 1 || rank > cols) throw std::invalid_argument("rank must be between 1 and the column count");
  ae::require_not_null(out_mean, "out_mean");
  ae::require_not_null(out_components, "out_components");
  ae::require_not_null(out_variances, "out_variances");
  const torch::Tensor offset = sums / static_cast<double>(rows);
  const torch::Tensor covariance =
      (products - torch::outer(offset, offset) * static_cast<double>(rows)) / static_cast<double>(rows - 1);
  const auto [eigenvalues, eigenvectors] = torch::linalg_eigh(covariance, "L");
  // eigh sorts ascending: the strongest components are the last columns.
  const torch::Tensor top = eigenvectors.narrow(1, cols - rank, rank).flip({1}).t().contiguous();
  torch::from_blob(out_mean, {cols}, torch::kFloat32).copy_(shift + offset);
  torch::from_blob(out_components, {rank, cols}, torch::kFloat32).copy_(top);
  torch::from_blob(out_variances, {rank}, torch::kFloat32).copy_(eigenvalues.narrow(0, cols - rank, rank).flip({0}));
}


// The covariance times basis from a sketch: (sketch - rows d (d^T basis)) / (rows - 1) with
// d = sums / rows when centering, sketch / rows when not.
torch::Tensor covariance_times(const torch::Tensor& sums, const torch::Tensor& sketch, const torch::Tensor& basis, int64_t rows,
                               bool center) {
  if (rows < 2) throw std::invalid_argument("principal components need at least 2 rows");
  if (!center) return sketch / static_cast<double>(rows);
  const torch::Tensor offset = sums / static_cast<double>(rows);
  return (sketch - torch::outer(offset, offset.matmul(basis)) * static_cast<double>(rows)) / static_cast<double>(rows - 1);
}

struct SketchViews {
  torch::Tensor shift, sums, sketch, basis;
};

SketchViews sketch_views(const double* shift, const double* sums, const double* sketch, const double* basis, int64_t cols,
                         int64_t k) {
  if (cols < 1) throw std::invalid_argument("cols must be at least 1");
  if (k < 1 || k > cols) throw std::invalid_argument("k must be between 1 and the column count");
  auto view = [](const double* data, std::vector<int64_t> shape, const char* name) {
    return torch::from_blob(const_cast<double*>(ae::require_not_null(data, name)), shape, torch::kDouble);
  };
  return {view(shift, {cols}, "shift"), view(sums, {cols}, "sums"), view(sketch, {cols, k}, "sketch"),
          view(basis, {cols, k}, "basis")};
}

}  // namespace

extern "C" {

int32_t ae_pca_accumulate(const double* shift, const float* x, int64_t rows, int64_t cols, double* sums, double* products) {
  return ae::guard(__func__, [&] {
    const torch::Tensor data = ae::view_rows(x, rows, cols, cols);
    const torch::Tensor offset = torch::from_blob(const_cast<double*>(ae::require_not_null(shift, "shift")), {cols}, torch::kDouble);
    torch::Tensor sum_tensor = torch::from_blob(ae::require_not_null(sums, "sums"), {cols}, torch::kDouble);
    torch::Tensor product_tensor = torch::from_blob(ae::require_not_null(products, "products"), {cols, cols}, torch::kDouble);
    c10::InferenceMode inference;
    accumulate(data, offset, sum_tensor, product_tensor);
  });
}

int32_t ae_pca_fit_moments(const double* shift, const double* sums, const double* products, int64_t rows, int64_t cols,
                           int64_t rank, float* out_mean, float* out_components, float* out_variances) {
  return ae::guard(__func__, [&] {
    if (cols < 1) throw std::invalid_argument("cols must be at least 1");
    const torch::Tensor offset = torch::from_blob(const_cast<double*>(ae::require_not_null(shift, "shift")), {cols}, torch::kDouble);
    const torch::Tensor sum_tensor = torch::from_blob(const_cast<double*>(ae::require_not_null(sums, "sums")), {cols}, torch::kDouble);
    const torch::Tensor product_tensor =
        torch::from_blob(const_cast<double*>(ae::require_not_null(products, "products")), {cols, cols}, torch::kDouble);
    c10::InferenceMode inference;
    fit_from_moments(offset, sum_tensor, product_tensor, rows, rank, out_mean, out_components, out_variances);
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

int32_t ae_pca_accumulate_sketch(const double* shift, const float* x, int64_t rows, int64_t cols, const double* basis,
                                 int64_t k, double* sums, double* sketch) {
  return ae::guard(__func__, [&] {
    const torch::Tensor data = ae::view_rows(x, rows, cols, cols);
    const SketchViews views = sketch_views(shift, sums, sketch, basis, cols, k);
    c10::InferenceMode inference;
    torch::Tensor sum_tensor = views.sums;
    torch::Tensor sketch_tensor = views.sketch;
    for (int64_t start = 0; start < rows; start += kChunkRows) {
      const torch::Tensor centered =
          data.slice(0, start, std::min(rows, start + kChunkRows)).to(torch::kDouble) - views.shift;
      sum_tensor.add_(centered.sum(0));
      sketch_tensor.addmm_(centered.t(), centered.matmul(views.basis));
    }
  });
}

int32_t ae_pca_sketch_range(const double* shift, const double* sums, const double* sketch, const double* basis, int64_t rows,
                            int64_t cols, int64_t k, int32_t center, double* out_range) {
  return ae::guard(__func__, [&] {
    const SketchViews views = sketch_views(shift, sums, sketch, basis, cols, k);
    c10::InferenceMode inference;
    const torch::Tensor product = covariance_times(views.sums, views.sketch, views.basis, rows, center != 0);
    const auto [q, r] = torch::linalg_qr(product, "reduced");
    torch::from_blob(ae::require_not_null(out_range, "out_range"), {cols, k}, torch::kDouble).copy_(q);
  });
}

int32_t ae_pca_fit_sketch(const double* shift, const double* sums, const double* sketch, const double* basis, int64_t rows,
                          int64_t cols, int64_t k, int64_t rank, int32_t center, float* out_mean, float* out_components,
                          float* out_variances) {
  return ae::guard(__func__, [&] {
    const SketchViews views = sketch_views(shift, sums, sketch, basis, cols, k);
    if (rank < 1 || rank > k) throw std::invalid_argument("rank must be between 1 and k");
    ae::require_not_null(out_mean, "out_mean");
    ae::require_not_null(out_components, "out_components");
    ae::require_not_null(out_variances, "out_variances");
    c10::InferenceMode inference;
    const torch::Tensor product = covariance_times(views.sums, views.sketch, views.basis, rows, center != 0);
    // Rayleigh-Ritz: the covariance restricted to the range, symmetrized against rounding.
    const torch::Tensor small = views.basis.t().matmul(product);
    const auto [eigenvalues, eigenvectors] = torch::linalg_eigh((small + small.t()) / 2.0, "L");
    const torch::Tensor top = views.basis.matmul(eigenvectors.narrow(1, k - rank, rank).flip({1})).t().contiguous();
    const torch::Tensor mean =
        center != 0 ? views.shift + views.sums / static_cast<double>(rows) : torch::zeros({cols}, torch::kDouble);
    torch::from_blob(out_mean, {cols}, torch::kFloat32).copy_(mean);
    torch::from_blob(out_components, {rank, cols}, torch::kFloat32).copy_(top);
    torch::from_blob(out_variances, {rank}, torch::kFloat32).copy_(eigenvalues.narrow(0, k - rank, rank).flip({0}));
  });
}

}  // extern "C"
