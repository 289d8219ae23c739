// The fused Adam step against libtorch's own Adam: the same parameters after every step, up to
// float rounding. Exits nonzero on the first disagreement.
#include <torch/torch.h>

#include <cstdio>

#include "fused_adam.h"

int main() {
  torch::manual_seed(1);
  const torch::Tensor start = torch::randn({64, 300});
  for (const double weight_decay : {0.0, 0.01}) {
    torch::Tensor reference = start.clone().requires_grad_(true);
    torch::Tensor fused = start.clone().requires_grad_(true);
    torch::optim::Adam reference_adam({reference}, torch::optim::AdamOptions(1e-3).weight_decay(weight_decay));
    torch::optim::Adam fused_adam({fused}, torch::optim::AdamOptions(1e-3).weight_decay(weight_decay));
    for (int step = 1; step <= 50; ++step) {
      // Gradients of very different sizes, so that epsilon and the bias corrections all matter.
      const torch::Tensor gradient = torch::randn({64, 300}) * (step % 3 == 0 ? 1e-6 : 1.0);
      reference.mutable_grad() = gradient.clone();
      fused.mutable_grad() = gradient.clone();
      reference_adam.step();
      ae::fused_adam_step(fused_adam);
      const float difference = (reference - fused).abs().max().item<float>();
      const float moved = (reference - start).abs().max().item<float>();
      if (!(difference <= 4e-6f)) {
        std::fprintf(stderr, "weight decay %g, step %d: parameters differ by %g (moved %g)\n", weight_decay, step, difference, moved);
        return 1;
      }
    }
  }
  std::puts("fused Adam step: agrees with libtorch's Adam over 50 steps");
  return 0;
}
