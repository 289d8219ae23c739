#include "losses.h"

#include <ATen/Parallel.h>

#include <stdexcept>

namespace ae {

namespace F = torch::nn::functional;

LossKind parse_loss(const std::string& name) {
  if (name == "mse") return LossKind::kMeanSquared;
  if (name == "l1") return LossKind::kMeanAbsolute;
  if (name == "bce") return LossKind::kBinaryCrossEntropy;
  throw std::invalid_argument("unknown loss '" + name + "'");
}

namespace {
torch::Tensor elementwise(LossKind kind, const torch::Tensor& output, const torch::Tensor& target) {
  switch (kind) {
    case LossKind::kMeanAbsolute:
      return (output - target).abs();
    case LossKind::kBinaryCrossEntropy:
      return F::binary_cross_entropy(output.clamp(1e-7, 1.0 - 1e-7), target, F::BinaryCrossEntropyFuncOptions().reduction(torch::kNone));
    case LossKind::kMeanSquared:
    default:
      return (output - target).square();
  }
}
}  // namespace

torch::Tensor reconstruction_loss(LossKind kind, const torch::Tensor& output, const torch::Tensor& target) {
  switch (kind) {
    case LossKind::kMeanAbsolute:
      return F::l1_loss(output, target);
    case LossKind::kBinaryCrossEntropy:
      return F::binary_cross_entropy(output.clamp(1e-7, 1.0 - 1e-7), target);
    case LossKind::kMeanSquared:
    default:
      return F::mse_loss(output, target);
  }
}

torch::Tensor reconstruction_per_row(LossKind kind, const torch::Tensor& output, const torch::Tensor& target) {
  return elementwise(kind, output, target).sum(1);
}

float mean_squared_difference(const float* a, const float* b, int64_t n) {
  double sum = 0.0;
  for (int64_t i = 0; i < n; ++i) {
    const double difference = static_cast<double>(a[i]) - b[i];
    sum += difference * difference;
  }
  return static_cast<float>(sum / static_cast<double>(n));
}

torch::Tensor mean_squared_error_per_row(const torch::Tensor& output, const torch::Tensor& target) {
  const torch::Tensor a = output.reshape({output.size(0), -1}).contiguous();
  const torch::Tensor b = target.reshape({target.size(0), -1}).contiguous();
  if (a.sizes() != b.sizes() || a.scalar_type() != torch::kFloat32 || b.scalar_type() != torch::kFloat32) {
    throw std::invalid_argument("mean_squared_error_per_row needs two float matrices of one shape");
  }
  const int64_t width = a.size(1);
  torch::Tensor errors = torch::empty({a.size(0)}, a.options());
  const float* a_data = a.data_ptr<float>();
  const float* b_data = b.data_ptr<float>();
  float* error_data = errors.data_ptr<float>();
  at::parallel_for(0, a.size(0), 64, [&](int64_t begin, int64_t end) {
    for (int64_t row = begin; row < end; ++row) {
      error_data[row] = mean_squared_difference(a_data + row * width, b_data + row * width, width);
    }
  });
  return errors;
}

torch::Tensor kl_to_standard_normal(const torch::Tensor& mean, const torch::Tensor& log_variance) {
  return -0.5 * (1 + log_variance - mean.square() - log_variance.exp()).sum(1);
}

torch::Tensor jacobian_norm_per_row(const torch::Tensor& code, const torch::Tensor& input, bool create_graph) {
  torch::Tensor total = torch::zeros({input.size(0)}, input.options().requires_grad(false));
  for (int64_t unit = 0; unit < code.size(1); ++unit) {
    const auto gradient = torch::autograd::grad({code.select(1, unit).sum()}, {input}, {}, /*retain_graph=*/true, create_graph)[0];
    total = total + gradient.square().sum(1);
  }
  return total;
}

}  // namespace ae
