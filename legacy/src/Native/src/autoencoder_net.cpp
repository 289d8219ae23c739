#include "autoencoder_net.h"

#include "transposed_convolution.h"

#include <ATen/CPUGeneratorImpl.h>
#include <nlohmann/json.hpp>

#include <cmath>
#include <stdexcept>

namespace ae {

using nlohmann::json;

namespace {

int64_t positive(const json& layer, const char* key, const std::string& where) {
  if (!layer.contains(key) || !layer[key].is_number_integer() || layer[key].get<int64_t>() < 1) {
    throw std::invalid_argument(where + ": '" + key + "' must be a positive integer");
  }
  return layer[key].get<int64_t>();
}

int64_t non_negative(const json& layer, const char* key, const std::string& where) {
  const int64_t value = layer.value(key, int64_t{0});
  if (value < 0) throw std::invalid_argument(where + ": '" + std::string(key) + "' must not be negative");
  return value;
}

std::string describe(const std::vector<int64_t>& shape) {
  std::string text = "(";
  for (size_t i = 0; i < shape.size(); ++i) text += (i ? ", " : "") + std::to_string(shape[i]);
  return text + ")";
}

void require_rank(const std::vector<int64_t>& shape, size_t rank, const std::string& where) {
  if (shape.size() != rank) {
    throw std::invalid_argument(where + ": needs a " + std::to_string(rank) + "-dimensional input but receives " +
                                describe(shape));
  }
}

// PyTorch's default initialization of Linear and convolution layers (Kaiming-uniform with
// a = sqrt(5)): weights and bias uniform in +-1/sqrt(fan_in), where fan_in is the weight's second
// dimension times its kernel size, drawn from the model's generator instead of the global one.
void seeded_reset(torch::Tensor& weight, torch::Tensor& bias, at::Generator& generator) {
  torch::NoGradGuard no_grad;
  int64_t fan_in = weight.size(1);
  for (int64_t d = 2; d < weight.dim(); ++d) fan_in *= weight.size(d);
  const double bound = 1.0 / std::sqrt(static_cast<double>(fan_in));
  weight.uniform_(-bound, bound, generator);
  bias.uniform_(-bound, bound, generator);
}

int64_t convolved(int64_t size, int64_t kernel, int64_t stride, int64_t padding) {
  return (size + 2 * padding - kernel) / stride + 1;
}

}  // namespace

SeededDropoutImpl::SeededDropoutImpl(double rate, at::Generator generator)
    : rate_(rate), generator_(std::move(generator)) {}

torch::Tensor SeededDropoutImpl::forward(const torch::Tensor& input) {
  if (!is_training() || rate_ == 0.0) return input;
  auto keep = torch::empty_like(input).bernoulli_(1.0 - rate_, generator_);
  return input * keep / (1.0 - rate_);
}

Resize2dImpl::Resize2dImpl(int64_t height, int64_t width) : height_(height), width_(width) {}

torch::Tensor Resize2dImpl::forward(const torch::Tensor& input) {
  const int64_t height = input.size(2);
  const int64_t width = input.size(3);
  torch::Tensor output = input.narrow(2, 0, std::min(height, height_)).narrow(3, 0, std::min(width, width_));
  if (height < height_ || width < width_) {
    output = torch::constant_pad_nd(output, {0, std::max<int64_t>(0, width_ - width), 0, std::max<int64_t>(0, height_ - height)});
  }
  return output;
}

AutoencoderNetImpl::AutoencoderNetImpl(const std::string& spec_json, int64_t seed)
    : spec_json_(spec_json), generator_(at::make_generator<at::CPUGeneratorImpl>(static_cast<uint64_t>(seed))) {
  const json spec = json::parse(spec_json);
  if (!spec.is_object()) throw std::invalid_argument("spec must be a JSON object");
  input_width_ = positive(spec, "input_width", "spec");
  latent_width_ = positive(spec, "latent_width", "spec");
  variational_ = spec.value("variational", false);
  if (!spec.contains("encoder") || !spec.contains("decoder")) {
    throw std::invalid_argument("spec needs 'encoder' and 'decoder' layer arrays");
  }

  // A variational encoder outputs the mean and the log-variance side by side.
  const int64_t encoder_width = variational_ ? 2 * latent_width_ : latent_width_;
  std::vector<int64_t> shape;
  encoder_ = register_module("encoder", build_stack(&spec["encoder"], {input_width_}, shape, "encoder"));
  if (shape != std::vector<int64_t>{encoder_width}) {
    throw std::invalid_argument("encoder ends at " + describe(shape) + " but must end at (" + std::to_string(encoder_width) + ")");
  }
  decoder_ = register_module("decoder", build_stack(&spec["decoder"], {latent_width_}, shape, "decoder"));
  if (shape != std::vector<int64_t>{input_width_}) {
    throw std::invalid_argument("decoder ends at " + describe(shape) + " but must end at (" + std::to_string(input_width_) + ")");
  }
}

torch::nn::Sequential AutoencoderNetImpl::build_stack(const void* layers_json, std::vector<int64_t> shape,
                                                      std::vector<int64_t>& out_shape, const char* stack_name) {
  const json& layers = *static_cast<const json*>(layers_json);
  if (!layers.is_array()) throw std::invalid_argument(std::string(stack_name) + " must be an array");
  torch::nn::Sequential stack;
  for (size_t i = 0; i < layers.size(); ++i) {
    const json& layer = layers[i];
    const std::string where = std::string(stack_name) + " layer " + std::to_string(i);
    if (!layer.is_object() || !layer.contains("kind") || !layer["kind"].is_string()) {
      throw std::invalid_argument(where + ": needs a string 'kind'");
    }
    const std::string kind = layer["kind"].get<std::string>();
    if (kind == "linear") {
      require_rank(shape, 1, where);
      const int64_t in = positive(layer, "in", where);
      const int64_t out = positive(layer, "out", where);
      if (in != shape[0]) {
        throw std::invalid_argument(where + ": takes width " + std::to_string(in) + " but receives " + std::to_string(shape[0]));
      }
      torch::nn::Linear linear(in, out);
      seeded_reset(linear->weight, linear->bias, generator_);
      stack->push_back(linear);
      shape = {out};
    } else if (kind == "conv2d" || kind == "conv_transpose2d") {
      require_rank(shape, 3, where);
      const int64_t in = positive(layer, "in_channels", where);
      const int64_t out = positive(layer, "out_channels", where);
      const int64_t kernel = positive(layer, "kernel", where);
      const int64_t stride = positive(layer, "stride", where);
      const int64_t padding = non_negative(layer, "padding", where);
      if (in != shape[0]) {
        throw std::invalid_argument(where + ": takes " + std::to_string(in) + " channels but receives " + std::to_string(shape[0]));
      }
      if (kind == "conv2d") {
        torch::nn::Conv2d conv(torch::nn::Conv2dOptions(in, out, kernel).stride(stride).padding(padding));
        seeded_reset(conv->weight, conv->bias, generator_);
        stack->push_back(conv);
        shape = {out, convolved(shape[1], kernel, stride, padding), convolved(shape[2], kernel, stride, padding)};
      } else {
        const int64_t output_padding = non_negative(layer, "output_padding", where);
        if (output_padding >= stride) throw std::invalid_argument(where + ": output_padding must be below stride");
        TransposedConvolution2d conv(in, out, kernel, stride, padding, output_padding);
        seeded_reset(conv->weight, conv->bias, generator_);
        stack->push_back(conv);
        shape = {out, conv->output_size(shape[1]), conv->output_size(shape[2])};
      }
      if (shape[1] < 1 || shape[2] < 1) throw std::invalid_argument(where + ": leaves no spatial extent");
    } else if (kind == "max_pool2d") {
      require_rank(shape, 3, where);
      const int64_t kernel = positive(layer, "kernel", where);
      const int64_t stride = layer.contains("stride") ? positive(layer, "stride", where) : kernel;
      stack->push_back(torch::nn::MaxPool2d(torch::nn::MaxPool2dOptions(kernel).stride(stride)));
      shape = {shape[0], convolved(shape[1], kernel, stride, 0), convolved(shape[2], kernel, stride, 0)};
      if (shape[1] < 1 || shape[2] < 1) throw std::invalid_argument(where + ": leaves no spatial extent");
    } else if (kind == "flatten") {
      require_rank(shape, 3, where);
      stack->push_back(torch::nn::Flatten());
      shape = {shape[0] * shape[1] * shape[2]};
    } else if (kind == "unflatten") {
      require_rank(shape, 1, where);
      const std::vector<int64_t> image = {positive(layer, "channels", where), positive(layer, "height", where),
                                          positive(layer, "width", where)};
      if (image[0] * image[1] * image[2] != shape[0]) {
        throw std::invalid_argument(where + ": " + describe(image) + " does not hold " + std::to_string(shape[0]) + " values");
      }
      stack->push_back(torch::nn::Unflatten(torch::nn::UnflattenOptions(1, image)));
      shape = image;
    } else if (kind == "resize2d") {
      require_rank(shape, 3, where);
      const int64_t height = positive(layer, "height", where);
      const int64_t width = positive(layer, "width", where);
      stack->push_back(Resize2d(height, width));
      shape = {shape[0], height, width};
    } else if (kind == "batch_norm") {
      require_rank(shape, 1, where);
      const int64_t features = positive(layer, "features", where);
      if (features != shape[0]) {
        throw std::invalid_argument(where + ": normalizes " + std::to_string(features) + " features but receives " +
                                    std::to_string(shape[0]));
      }
      stack->push_back(torch::nn::BatchNorm1d(features));
    } else if (kind == "dropout") {
      const double rate = layer.value("rate", -1.0);
      if (!(rate >= 0.0 && rate < 1.0)) throw std::invalid_argument(where + ": 'rate' must be in [0, 1)");
      stack->push_back(SeededDropout(rate, generator_));
    } else if (kind == "relu") {
      stack->push_back(torch::nn::ReLU());
    } else if (kind == "leaky_relu") {
      stack->push_back(torch::nn::LeakyReLU(torch::nn::LeakyReLUOptions().negative_slope(layer.value("slope", 0.01))));
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
  out_shape = shape;
  return stack;
}

std::pair<torch::Tensor, torch::Tensor> AutoencoderNetImpl::encode_distribution(const torch::Tensor& input) {
  if (!variational_) throw std::invalid_argument("the model is not variational");
  const torch::Tensor both = encoder_->forward(input);
  return {both.narrow(1, 0, latent_width_), both.narrow(1, latent_width_, latent_width_)};
}

torch::Tensor AutoencoderNetImpl::encode(const torch::Tensor& input) {
  return variational_ ? encode_distribution(input).first : encoder_->forward(input);
}

torch::Tensor AutoencoderNetImpl::decode(const torch::Tensor& code) { return decoder_->forward(code); }

torch::Tensor AutoencoderNetImpl::forward(const torch::Tensor& input) { return decode(encode(input)); }

}  // namespace ae
