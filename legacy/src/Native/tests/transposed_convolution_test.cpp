// The transposed convolution computed as phase convolutions against libtorch's own transposed
// convolution: the same output and the same gradients for input, weight and bias, over kernels,
// strides, paddings and output paddings, on a non-square input. Exits nonzero on the first
// disagreement.
#include <torch/torch.h>

#include <cstdio>

#include "transposed_convolution.h"

namespace F = torch::nn::functional;

int main() {
  torch::manual_seed(1);
  int checked = 0;
  for (const int64_t out_channels : {1, 2, 5}) {
    for (int64_t kernel = 1; kernel <= 5; ++kernel) {
      for (int64_t stride = 1; stride <= 3; ++stride) {
        for (int64_t padding = 0; padding <= kernel; ++padding) {
          for (int64_t output_padding = 0; output_padding < stride; ++output_padding) {
            if ((5 - 1) * stride - 2 * padding + kernel + output_padding < 1) continue;
            ae::TransposedConvolution2d layer(3, out_channels, kernel, stride, padding, output_padding);
            {
              torch::NoGradGuard no_grad;
              layer->weight.normal_();
              layer->bias.normal_();
            }
            const torch::Tensor input = torch::randn({4, 3, 5, 6}, torch::requires_grad());
            const torch::Tensor weight = layer->weight.detach().clone().requires_grad_(true);
            const torch::Tensor bias = layer->bias.detach().clone().requires_grad_(true);
            const torch::Tensor reference_input = input.detach().clone().requires_grad_(true);
            const torch::Tensor reference = F::conv_transpose2d(
                reference_input, weight,
                F::ConvTranspose2dFuncOptions().bias(bias).stride(stride).padding(padding).output_padding(output_padding));
            const torch::Tensor ours = layer->forward(input);
            const torch::Tensor upstream = torch::randn_like(reference);
            reference.backward(upstream);
            ours.backward(upstream);
            const bool same = ours.sizes() == reference.sizes() && torch::allclose(ours, reference, 1e-4, 1e-4) &&
                              torch::allclose(input.grad(), reference_input.grad(), 1e-4, 1e-4) &&
                              torch::allclose(layer->weight.grad(), weight.grad(), 1e-4, 1e-3) &&
                              torch::allclose(layer->bias.grad(), bias.grad(), 1e-4, 1e-3);
            if (!same) {
              std::fprintf(stderr, "out %ld kernel %ld stride %ld padding %ld output_padding %ld: differs from conv_transpose2d\n",
                           static_cast<long>(out_channels), static_cast<long>(kernel), static_cast<long>(stride),
                           static_cast<long>(padding), static_cast<long>(output_padding));
              return 1;
            }
            ++checked;
          }
        }
      }
    }
  }
  std::printf("transposed convolution: agrees with conv_transpose2d in %d layouts (output and gradients)\n", checked);
  return 0;
}
