#include "fused_adam.h"

#include <ATen/Parallel.h>

#include <cmath>
#include <memory>
#include <stdexcept>

namespace ae {

namespace {

constexpr int64_t kValuesPerTask = 32768;

struct AdamScalars {
  float beta1;
  float beta2;
  float epsilon;
  float weight_decay;
  float step_size;          // learning rate / (1 - beta1^step)
  float correction2_root;   // sqrt(1 - beta2^step)
};

// Compiled for each of these instruction sets, chosen when the library loads.
__attribute__((target_clones("arch=x86-64-v4", "arch=x86-64-v3", "default")))
void update(float* values, const float* gradients, float* mean, float* square, int64_t begin, int64_t end, const AdamScalars& s) {
#pragma omp simd
  for (int64_t i = begin; i < end; ++i) {
    const float g = gradients[i] + s.weight_decay * values[i];
    mean[i] = mean[i] * s.beta1 + (1.0f - s.beta1) * g;
    square[i] = square[i] * s.beta2 + (1.0f - s.beta2) * g * g;
    values[i] -= s.step_size * mean[i] / (std::sqrt(square[i]) / s.correction2_root + s.epsilon);
  }
}

}  // namespace

std::string adam_state_key(const torch::Tensor& parameter) { return c10::guts::to_string(parameter.unsafeGetTensorImpl()); }

void fused_adam_step(torch::optim::Adam& optimizer) {
  torch::NoGradGuard no_grad;
  for (auto& group : optimizer.param_groups()) {
    const auto& options = static_cast<const torch::optim::AdamOptions&>(group.options());
    if (options.amsgrad()) throw std::logic_error("the fused Adam step does not implement AMSGrad");
    for (torch::Tensor& parameter : group.params()) {
      if (!parameter.grad().defined()) continue;
      auto& slot = optimizer.state()[adam_state_key(parameter)];
      if (!slot) {
        auto fresh = std::make_unique<torch::optim::AdamParamState>();
        fresh->step(0);
        fresh->exp_avg(torch::zeros_like(parameter));
        fresh->exp_avg_sq(torch::zeros_like(parameter));
        slot = std::move(fresh);
      }
      auto& state = static_cast<torch::optim::AdamParamState&>(*slot);
      state.step(state.step() + 1);
      const double step = static_cast<double>(state.step());
      const auto [beta1, beta2] = options.betas();
      const AdamScalars scalars{static_cast<float>(beta1), static_cast<float>(beta2), static_cast<float>(options.eps()),
                                static_cast<float>(options.weight_decay()),
                                static_cast<float>(options.lr() / (1.0 - std::pow(beta1, step))),
                                static_cast<float>(std::sqrt(1.0 - std::pow(beta2, step)))};

      const torch::Tensor gradient = parameter.grad().contiguous();
      if (!parameter.is_contiguous() || parameter.scalar_type() != torch::kFloat32 || !state.exp_avg().is_contiguous() ||
          !state.exp_avg_sq().is_contiguous()) {
        throw std::logic_error("the fused Adam step needs contiguous float parameters and state");
      }
      float* values = parameter.data_ptr<float>();
      const float* gradients = gradient.data_ptr<float>();
      float* mean = state.exp_avg().data_ptr<float>();
      float* square = state.exp_avg_sq().data_ptr<float>();
      at::parallel_for(0, parameter.numel(), kValuesPerTask,
                       [&](int64_t begin, int64_t end) { update(values, gradients, mean, square, begin, end, scalars); });
      // Written through raw pointers: record the change as an in-place operation would, for readers
      // that cache what they derive from the weights (the single-row kernel).
      parameter.unsafeGetTensorImpl()->bump_version();
      state.exp_avg().unsafeGetTensorImpl()->bump_version();
      state.exp_avg_sq().unsafeGetTensorImpl()->bump_version();
    }
  }
}

void clear_gradients(torch::optim::Adam& optimizer) {
  for (auto& group : optimizer.param_groups()) {
    for (torch::Tensor& parameter : group.params()) parameter.mutable_grad().reset();
  }
}

}  // namespace ae
