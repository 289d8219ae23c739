// The autoencoder module built from a JSON spec: an encoder and a decoder stack.
#pragma once

#include <ATen/core/Generator.h>
#include <torch/nn.h>

#include <cstdint>
#include <string>

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

class AutoencoderNetImpl : public torch::nn::Module {
 public:
  // Parses and checks spec_json; the weights are drawn from a generator seeded with seed.
  AutoencoderNetImpl(const std::string& spec_json, int64_t seed);

  torch::Tensor encode(const torch::Tensor& input);
  torch::Tensor decode(const torch::Tensor& code);
  torch::Tensor forward(const torch::Tensor& input);

  const std::string& spec_json() const { return spec_json_; }
  int64_t input_width() const { return input_width_; }
  int64_t latent_width() const { return latent_width_; }
  int64_t output_width() const { return output_width_; }
  at::Generator& generator() { return generator_; }

 private:
  torch::nn::Sequential build_stack(const void* layers_json, int64_t in_width, int64_t& out_width,
                                    const char* stack_name);

  std::string spec_json_;
  int64_t input_width_ = 0;
  int64_t latent_width_ = 0;
  int64_t output_width_ = 0;
  at::Generator generator_;
  torch::nn::Sequential encoder_{nullptr};
  torch::nn::Sequential decoder_{nullptr};
};
TORCH_MODULE(AutoencoderNet);

}  // namespace ae
