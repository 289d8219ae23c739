// A transposed 2-d convolution (the parameters, shapes and results of torch::nn::ConvTranspose2d)
// computed as an ordinary convolution followed by a pixel shuffle.
//
// libtorch 1.13 sends transposed convolutions to its im2col path (slow_conv_transpose2d) but
// ordinary ones to oneDNN, which is several times faster here. Every output pixel of a transposed
// convolution with stride s lies in one of s x s phases (its row and column modulo s), and each
// phase is an ordinary convolution of the input with some of the kernel's taps. So the layer runs
// one ordinary convolution with s x s output channels per output channel, whose kernel is gathered
// from the transposed kernel (zero where a phase has no tap), then pixel_shuffle(s) interleaves
// the phases and a crop trims the edge. Gradients flow to the same weight and bias.
#pragma once

#include <torch/nn.h>

#include <cstdint>

namespace ae {

class TransposedConvolution2dImpl : public torch::nn::Module {
 public:
  // The weight is (in_channels, out_channels, kernel, kernel) and the bias (out_channels), as
  // torch::nn::ConvTranspose2d's; output_padding must be below stride.
  TransposedConvolution2dImpl(int64_t in_channels, int64_t out_channels, int64_t kernel, int64_t stride, int64_t padding,
                              int64_t output_padding);
  torch::Tensor forward(const torch::Tensor& input);
  // Rows (or columns) of the output for an input of size rows (or columns).
  int64_t output_size(int64_t size) const;

  torch::Tensor weight;
  torch::Tensor bias;

 private:
  // One spatial dimension's plan: which input rows the ordinary convolution reads and which kernel
  // tap each of its phase x tap positions takes (kernel_, an extra zero tap, where there is none).
  struct Plan {
    int64_t first_offset = 0;  // input row read by tap 0 of output row 0, relative to it
    int64_t taps = 0;
    torch::Tensor tap_index;  // (stride * taps) indices into the zero-extended kernel
  };
  Plan plan() const;
  torch::Tensor phase_kernel() const;

  int64_t kernel_;
  int64_t stride_;
  int64_t padding_;
  int64_t output_padding_;
  bool as_convolution_;
  Plan plan_;
};
TORCH_MODULE(TransposedConvolution2d);

}  // namespace ae
