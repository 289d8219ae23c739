#include "autoencoder_net.h"

#include <ATen/CPUGeneratorImpl.h>
#include <nlohmann/json.hpp>

#include <cmath>
#include <stdexcept>

namespace ae {

using nlohmann::json;

namespace {

int64_t positive_width(const json& layer, const char* key, const std::string& where) {
  if (!layer.contains(key) || !layer[key].is_number_integer() || layer[key].get<int64_t>() < 1) {
    throw std::invalid_argument(where + ": '" + key + "' must be a positive integer");
  }
  return layer[key].get<int64_t>();
}

// PyTorch's default Linear initialization (Kaiming-uniform with a = sqrt(5)): weights and bias
// uniform in +-1/sqrt(fan_in), drawn from the model's generator instead of the global one.
torch::nn::Linear seeded_linear(int64_t in, int64_t out, at::Generator& generator) {
  torch::nn::Linear linear(in, out);
  torch::NoGradGuard no_grad;
  const double bound = 1.0 / std::sqrt(static_cast<double>(in));
  linear->weight.uniform_(-bound, bound, generator);
  linear->bias.uniform_(-bound, bound, generator);
  return linear;
}

}  // namespace

SeededDropoutImpl::SeededDropoutImpl(double rate, at::Generator generator)
    : rate_(rate), generator_(std::move(generator)) {}

torch::Tensor SeededDropoutImpl::forward(const torch::Tensor& input) {
  if (!is_training() || rate_ == 0.0) return input;
  auto keep = torch::empty_like(input).bernoulli_(1.0 - rate_, generator_);
  return input * keep / (1.0 - rate_);
}

AutoencoderNetImpl::AutoencoderNetImpl(const std::string& spec_json, int64_t seed)
    : spec_json_(spec_json), generator_(at::make_generator<at::CPUGeneratorImpl>(static_cast<uint64_t>(seed))) {
  const json spec = json::parse(spec_json);
  if (!spec.is_object()) throw std::invalid_argument("spec must be a JSON object");
  input_width_ = positive_width(spec, "input_width", "spec");
  latent_width_ = positive_width(spec, "latent_width", "spec");
  if (!spec.contains("encoder") || !spec.contains("decoder")) {
    throw std::invalid_argument("spec needs 'encoder' and 'decoder' layer arrays");
  }

  int64_t code_width = 0;
  encoder_ = register_module("encoder", build_stack(&spec["encoder"], input_width_, code_width, "encoder"));
  if (code_width != latent_width_) {
    throw std::invalid_argument("encoder ends at width " + std::to_string(code_width) +
                                " but latent_width is " + std::to_string(latent_width_));
  }
  decoder_ = register_module("decoder", build_stack(&spec["decoder"], latent_width_, output_width_, "decoder"));
  if (output_width_ != input_width_) {
    throw std::invalid_argument("decoder ends at width " + std::to_string(output_width_) +
                                " but input_width is " + std::to_string(input_width_));
  }
}

torch::nn::Sequential AutoencoderNetImpl::build_stack(const void* layers_json, int64_t in_width,
                                                      int64_t& out_width, const char* stack_name) {
  const json& layers = *static_cast<const json*>(layers_json);
  if (!layers.is_array()) throw std::invalid_argument(std::string(stack_name) + " must be an array");
  torch::nn::Sequential stack;
  int64_t width = in_width;
  for (size_t i = 0; i < layers.size(); ++i) {
    const json& layer = layers[i];
    const std::string where = std::string(stack_name) + " layer " + std::to_string(i);
    if (!layer.is_object() || !layer.contains("kind") || !layer["kind"].is_string()) {
      throw std::invalid_argument(where + ": needs a string 'kind'");
    }
    const std::string kind = layer["kind"].get<std::string>();
    if (kind == "linear") {
      const int64_t in = positive_width(layer, "in", where);
      const int64_t out = positive_width(layer, "out", where);
      if (in != width) {
        throw std::invalid_argument(where + ": takes width " + std::to_string(in) + " but receives " +
                                    std::to_string(width));
      }
      stack->push_back(seeded_linear(in, out, generator_));
      width = out;
    } else if (kind == "batch_norm") {
      const int64_t features = positive_width(layer, "features", where);
      if (features != width) {
        throw std::invalid_argument(where + ": normalizes " + std::to_string(features) +
                                    " features but receives " + std::to_string(width));
      }
      stack->push_back(torch::nn::BatchNorm1d(features));
    } else if (kind == "dropout") {
      const double rate = layer.value("rate", -1.0);
      if (!(rate >= 0.0 && rate < 1.0)) throw std::invalid_argument(where + ": 'rate' must be in [0, 1)");
      stack->push_back(SeededDropout(rate, generator_));
    } else if (kind == "relu") {
      stack->push_back(torch::nn::ReLU());
    } else if (kind == "leaky_relu") {
      stack->push_back(torch::nn::LeakyReLU(
          torch::nn::LeakyReLUOptions().negative_slope(layer.value("slope", 0.01))));
    } else if (kind == "elu") {
      stack->push_back(torch::nn::ELU());
    } else if (kind == "selu") {
      stack->push_back(torch::nn::SELU());
    } else if (kind == "tanh") {
      stack->push_back(torch::nn::Tanh());
    } else if (kind == "sigmoid") {
      stack->push_back(torch::nn::Sigmoid());
    } else if (kind == "identity") {
      stack->push_back(torch::nn::Identity());
    } else {
      throw std::invalid_argument(where + ": unknown kind '" + kind + "'");
    }
  }
  out_width = width;
  return stack;
}

torch::Tensor AutoencoderNetImpl::encode(const torch::Tensor& input) { return encoder_->forward(input); }

torch::Tensor AutoencoderNetImpl::decode(const torch::Tensor& code) { return decoder_->forward(code); }

torch::Tensor AutoencoderNetImpl::forward(const torch::Tensor& input) { return decode(encode(input)); }

}  // namespace ae
