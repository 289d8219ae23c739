// The autoencoder module built from a JSON spec: an encoder and a decoder stack, plain or
// variational.
#pragma once

#include <ATen/core/Generator.h>
#include <torch/nn.h>

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

namespace ae {

// Dropout drawing its mask from the model's own generator, so training is reproducible per
// model seed and independent of other models training concurrently.
class SeededDropoutImpl : public torch::nn::Module {
 public:
  SeededDropoutImpl(double rate, at::Generator generator);
  torch::Tensor forward(const torch::Tensor& input);

 private:
  double rate_;
  at::Generator generator_;
};
TORCH_MODULE(SeededDropout);

// Crops or zero-pads the two spatial dimensions of (batch, channels, height, width) to a size:
// the "trim" that brings a transposed convolution's output back to the input size.
class Resize2dImpl : public torch::nn::Module {
 public:
  Resize2dImpl(int64_t height, int64_t width);
  torch::Tensor forward(const torch::Tensor& input);

 private:
  int64_t height_;
  int64_t width_;
};
TORCH_MODULE(Resize2d);

class AutoencoderNetImpl : public torch::nn::Module {
 public:
  // Parses and checks spec_json; the weights are drawn from a generator seeded with seed.
  AutoencoderNetImpl(const std::string& spec_json, int64_t seed);

  // The code: for a variational model, the posterior mean.
  torch::Tensor encode(const torch::Tensor& input);
  // Posterior mean and log-variance of a variational model.
  std::pair<torch::Tensor, torch::Tensor> encode_distribution(const torch::Tensor& input);
  torch::Tensor decode(const torch::Tensor& code);
  // The deterministic reconstruction: decode(encode(input)).
  torch::Tensor forward(const torch::Tensor& input);

  const std::string& spec_json() const { return spec_json_; }
  int64_t input_width() const { return input_width_; }
  int64_t latent_width() const { return latent_width_; }
  bool variational() const { return variational_; }
  at::Generator& generator() { return generator_; }
  torch::nn::Sequential& encoder() { return encoder_; }
  torch::nn::Sequential& decoder() { return decoder_; }

 private:
  torch::nn::Sequential build_stack(const void* layers_json, std::vector<int64_t> shape,
                                    std::vector<int64_t>& out_shape, const char* stack_name);

  std::string spec_json_;
  int64_t input_width_ = 0;
  int64_t latent_width_ = 0;
  bool variational_ = false;
  at::Generator generator_;
  torch::nn::Sequential encoder_{nullptr};
  torch::nn::Sequential decoder_{nullptr};
};
TORCH_MODULE(AutoencoderNet);

}  // namespace ae
