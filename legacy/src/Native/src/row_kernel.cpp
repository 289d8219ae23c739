#include "row_kernel.h"

#include <algorithm>
#include <atomic>
#include <cmath>

#include "losses.h"

namespace ae {

namespace {

// Compiled for each of these instruction sets, chosen when the library loads.
#define AE_VECTORIZED __attribute__((target_clones("arch=x86-64-v4", "arch=x86-64-v3", "default")))

// y = W x + bias from W's transpose (in x out, row-major): y starts at the bias and adds x[i]
// times row i. Zero inputs (ReLU outputs, blank pixels) skip their row entirely.
AE_VECTORIZED void affine(const float* transposed, const float* bias, const float* x, float* y, int64_t out, int64_t in) {
  std::copy(bias, bias + out, y);
  for (int64_t i = 0; i < in; ++i) {
    const float scale = x[i];
    if (scale == 0.0f) continue;
    const float* row = transposed + i * out;
#pragma omp simd
    for (int64_t o = 0; o < out; ++o) y[o] += scale * row[o];
  }
}

AE_VECTORIZED void relu(float* x, int64_t n) {
#pragma omp simd
  for (int64_t i = 0; i < n; ++i) x[i] = std::max(x[i], 0.0f);
}

AE_VECTORIZED void leaky_relu(float* x, int64_t n, float slope) {
#pragma omp simd
  for (int64_t i = 0; i < n; ++i) x[i] = x[i] > 0.0f ? x[i] : x[i] * slope;
}

// scale * (x if x > 0 else alpha * (exp(x) - 1)): ELU with scale 1 and alpha 1, SELU with its constants.
void scaled_elu(float* x, int64_t n, float scale, float alpha) {
  for (int64_t i = 0; i < n; ++i) x[i] = scale * (x[i] > 0.0f ? x[i] : alpha * std::expm1(x[i]));
}

void sigmoid(float* x, int64_t n) {
  for (int64_t i = 0; i < n; ++i) x[i] = 1.0f / (1.0f + std::exp(-x[i]));
}

void hyperbolic_tangent(float* x, int64_t n) {
  for (int64_t i = 0; i < n; ++i) x[i] = std::tanh(x[i]);
}

// Evaluation-mode batch norm: (x - running mean) / sqrt(running variance + epsilon) * weight + bias.
void batch_norm(float* x, int64_t n, const std::vector<torch::Tensor>& tensors, double epsilon) {
  const float* weight = tensors[0].data_ptr<float>();
  const float* bias = tensors[1].data_ptr<float>();
  const float* mean = tensors[2].data_ptr<float>();
  const float* variance = tensors[3].data_ptr<float>();
  for (int64_t i = 0; i < n; ++i) {
    x[i] = static_cast<float>((x[i] - mean[i]) / std::sqrt(variance[i] + epsilon)) * weight[i] + bias[i];
  }
}

// Two activation buffers per thread, kept between calls so that a row allocates nothing.
float* scratch(int64_t size) {
  thread_local std::vector<float> buffer;
  if (static_cast<int64_t>(buffer.size()) < size) buffer.resize(static_cast<size_t>(size));
  return buffer.data();
}

}  // namespace

RowKernel::Step RowKernel::activation(Kind kind, double slope) { return {kind, 0, 0, slope, 0.0, {}, 0}; }

std::unique_ptr<RowKernel> RowKernel::build(AutoencoderNet& net) {
  int64_t widest = net->input_width();
  size_t linear_layers = 0;
  bool supported = true;
  auto steps_of = [&](torch::nn::Sequential& stack) {
    std::vector<Step> steps;
    for (const auto& module : stack->children()) {
      if (const auto* linear = module->as<torch::nn::Linear>()) {
        const auto& options = linear->options;
        steps.push_back({Kind::Linear, options.in_features(), options.out_features(), 0.0, 0.0, {linear->weight, linear->bias}, linear_layers++});
        widest = std::max(widest, options.out_features());
      } else if (const auto* norm = module->as<torch::nn::BatchNorm1d>()) {
        const int64_t features = norm->options.num_features();
        steps.push_back({Kind::BatchNorm, features, features, 0.0, norm->options.eps(),
                         {norm->weight, norm->bias, norm->running_mean, norm->running_var}, 0});
      } else if (module->as<torch::nn::ReLU>()) {
        steps.push_back(activation(Kind::ReLU));
      } else if (const auto* leaky = module->as<torch::nn::LeakyReLU>()) {
        steps.push_back(activation(Kind::LeakyReLU, leaky->options.negative_slope()));
      } else if (module->as<torch::nn::ELU>()) {
        steps.push_back(activation(Kind::ELU));
      } else if (module->as<torch::nn::SELU>()) {
        steps.push_back(activation(Kind::SELU));
      } else if (module->as<torch::nn::Tanh>()) {
        steps.push_back(activation(Kind::Tanh));
      } else if (module->as<torch::nn::Sigmoid>()) {
        steps.push_back(activation(Kind::Sigmoid));
      } else if (module->as<torch::nn::Identity>() || module->as<SeededDropout>()) {
        // Dropout is the identity in evaluation mode, the only mode the kernel is used in.
      } else {
        supported = false;
      }
    }
    return steps;
  };
  std::vector<Step> encoder = steps_of(net->encoder());
  std::vector<Step> decoder = steps_of(net->decoder());
  if (!supported) return nullptr;
  return std::unique_ptr<RowKernel>(
      new RowKernel(std::move(encoder), std::move(decoder), net->input_width(), net->latent_width(), widest));
}

RowKernel::RowKernel(std::vector<Step> encoder, std::vector<Step> decoder, int64_t input_width, int64_t latent_width, int64_t widest)
    : encoder_(std::move(encoder)), decoder_(std::move(decoder)), input_width_(input_width), latent_width_(latent_width), widest_(widest) {
  for (const auto* steps : {&encoder_, &decoder_}) {
    for (const Step& step : *steps) {
      if (step.kind == Kind::Linear) linear_steps_.push_back(&step);
    }
  }
}

bool RowKernel::current(const TransposedWeights& weights) const {
  for (size_t i = 0; i < linear_steps_.size(); ++i) {
    if (linear_steps_[i]->tensors[0]._version() != weights.versions[i]) return false;
  }
  return true;
}

std::shared_ptr<const RowKernel::TransposedWeights> RowKernel::transposed_weights() const {
  auto weights = std::atomic_load(&weights_);
  if (weights && current(*weights)) return weights;
  std::lock_guard<std::mutex> lock(repack_mutex_);
  weights = std::atomic_load(&weights_);
  if (weights && current(*weights)) return weights;
  auto fresh = std::make_shared<TransposedWeights>();
  for (const Step* step : linear_steps_) {
    const torch::Tensor& weight = step->tensors[0];
    fresh->versions.push_back(weight._version());
    const torch::Tensor transposed = weight.detach().t().contiguous();
    fresh->values.emplace_back(transposed.data_ptr<float>(), transposed.data_ptr<float>() + transposed.numel());
  }
  std::atomic_store(&weights_, std::shared_ptr<const TransposedWeights>(fresh));
  return fresh;
}

float* RowKernel::run(const std::vector<Step>& steps, const TransposedWeights& weights, int64_t width, float* values, float* spare) {
  for (const Step& step : steps) {
    switch (step.kind) {
      case Kind::Linear:
        affine(weights.values[step.packed].data(), step.tensors[1].data_ptr<float>(), values, spare, step.out, step.in);
        std::swap(values, spare);
        width = step.out;
        break;
      case Kind::BatchNorm: batch_norm(values, width, step.tensors, step.epsilon); break;
      case Kind::ReLU: relu(values, width); break;
      case Kind::LeakyReLU: leaky_relu(values, width, static_cast<float>(step.slope)); break;
      case Kind::ELU: scaled_elu(values, width, 1.0f, 1.0f); break;
      case Kind::SELU: scaled_elu(values, width, 1.0507009873554804934f, 1.6732632423543772848f); break;
      case Kind::Tanh: hyperbolic_tangent(values, width); break;
      case Kind::Sigmoid: sigmoid(values, width); break;
    }
  }
  return values;
}

float* RowKernel::encode_into(const TransposedWeights& weights, const float* row, float* buffer) const {
  std::copy(row, row + input_width_, buffer);
  return run(encoder_, weights, input_width_, buffer, buffer + widest_);
}

float* RowKernel::reconstruct_into(const TransposedWeights& weights, const float* row, float* buffer) const {
  float* code = encode_into(weights, row, buffer);
  return run(decoder_, weights, latent_width_, code, code == buffer ? buffer + widest_ : buffer);
}

void RowKernel::encode(const float* row, float* code) const {
  const float* result = encode_into(*transposed_weights(), row, scratch(2 * widest_));
  std::copy(result, result + latent_width_, code);
}

void RowKernel::reconstruct(const float* row, float* reconstruction) const {
  const float* result = reconstruct_into(*transposed_weights(), row, scratch(2 * widest_));
  std::copy(result, result + input_width_, reconstruction);
}

float RowKernel::score(const float* row) const {
  return mean_squared_difference(reconstruct_into(*transposed_weights(), row, scratch(2 * widest_)), row, input_width_);
}

}  // namespace ae
