// ae_model_*: create, copy, run, save and load an autoencoder.
#include <c10/core/InferenceMode.h>

#include <algorithm>
#include <cstring>
#include <type_traits>

#include <ATen/CPUGeneratorImpl.h>
#include <nlohmann/json.hpp>

#include "losses.h"
#include "tensor_file.h"
#include "model_handle.h"

namespace ae {

namespace {

constexpr int64_t kInferenceChunkRows = 4096;

// Checks that x holds rows x cols values and that the model takes cols values per row.
void check_rows(const float* x, int64_t rows, int64_t cols, int64_t expected_cols) {
  require_not_null(x, "x");
  if (rows < 0) throw std::invalid_argument("rows must not be negative");
  if (cols != expected_cols) {
    throw std::invalid_argument("rows have " + std::to_string(cols) + " values but the model takes " +
                                std::to_string(expected_cols));
  }
}

// Checks that out holds rows x width values.
void check_output(const float* out, int64_t out_length, int64_t rows, int64_t width) {
  require_not_null(out, "out");
  if (out_length != rows * width) {
    throw std::invalid_argument("out holds " + std::to_string(out_length) + " values but " + std::to_string(rows * width) + " are needed");
  }
}

// Checks that out holds rows x width values and wraps it as such a tensor.
torch::Tensor output_rows(float* out, int64_t out_length, int64_t rows, int64_t width) {
  check_output(out, out_length, rows, width);
  return torch::from_blob(out, {rows, width}, torch::kFloat32);
}

// Marks a computation that has no single-row kernel.
constexpr std::nullptr_t kNoRowKernel = nullptr;

// Calls visit(chunk, start, end) on successive slices of input, in inference mode.
template <typename Visit>
void for_each_chunk(const torch::Tensor& input, Visit visit) {
  c10::InferenceMode inference;
  const int64_t rows = input.size(0);
  for (int64_t start = 0; start < rows; start += kInferenceChunkRows) {
    const int64_t end = std::min(rows, start + kInferenceChunkRows);
    visit(input.slice(0, start, end), start, end);
  }
}

// Runs compute over x in chunks, copying each chunk's result into out (rows x out_width); a
// single row goes through one_row(kernel, row, out) instead where the model has a row kernel.
template <typename Compute, typename OneRow>
void run_in_chunks(const ae_model* model, const float* x, int64_t rows, int64_t cols, int64_t in_width, float* out,
                   int64_t out_length, int64_t out_width, Compute compute, OneRow one_row) {
  AutoencoderNet& net = net_of(model);
  if constexpr (!std::is_same_v<OneRow, std::nullptr_t>) {
    if (rows == 1) {
      check_rows(x, rows, cols, in_width);
      check_output(out, out_length, rows, out_width);
      if (const RowKernel* kernel = model->row_kernel()) {
        one_row(*kernel, x, out);
        return;
      }
    }
  }
  const torch::Tensor input = view_rows(x, rows, cols, in_width);
  const torch::Tensor output = output_rows(out, out_length, rows, out_width);
  for_each_chunk(input, [&](const torch::Tensor& chunk, int64_t start, int64_t end) {
    output.slice(0, start, end).copy_(compute(net, chunk).reshape({end - start, out_width}));
  });
}

// Parses the weights file the caller hands in as (data, length).
TensorFile parse_caller_bytes(const uint8_t* data, int64_t length) {
  require_not_null(data, "data");
  if (length < 0) throw std::invalid_argument("length must not be negative");
  return parse_tensor_file(reinterpret_cast<const char*>(data), static_cast<size_t>(length));
}

}  // namespace

NamedTensors state_of(AutoencoderNet& net) {
  NamedTensors state;
  for (const auto& item : net->named_parameters(true)) state.emplace_back("parameter." + item.key(), item.value());
  for (const auto& item : net->named_buffers(true)) state.emplace_back("buffer." + item.key(), item.value());
  return state;
}

torch::Tensor view_rows(const float* x, int64_t rows, int64_t cols, int64_t expected_cols) {
  check_rows(x, rows, cols, expected_cols);
  return torch::from_blob(const_cast<float*>(x), {rows, cols}, torch::kFloat32);
}

}  // namespace ae

extern "C" {

int32_t ae_model_create(const char* spec_json, int64_t seed, ae_model** out_model) {
  return ae::guard(__func__, [&] {
    ae::require_not_null(out_model, "out_model");
    *out_model = nullptr;
    auto model = std::make_unique<ae_model>(ae::AutoencoderNet(std::string(ae::require_not_null(spec_json, "spec_json")), seed));
    model->net->eval();
    *out_model = model.release();
  });
}

int32_t ae_model_free(ae_model* model) {
  return ae::guard(__func__, [&] { delete model; });
}

int32_t ae_model_clone(const ae_model* model, int64_t seed, ae_model** out_model) {
  return ae::guard(__func__, [&] {
    ae::require_not_null(out_model, "out_model");
    *out_model = nullptr;
    ae::AutoencoderNet& source = ae::net_of(model);
    auto copy = std::make_unique<ae_model>(ae::AutoencoderNet(source->spec_json(), seed));
    ae::assign_named(ae::state_of(source), ae::state_of(copy->net), "clone");
    copy->net->eval();
    *out_model = copy.release();
  });
}

int32_t ae_model_copy_weights(ae_model* destination, const ae_model* source) {
  return ae::guard(__func__, [&] {
    ae::AutoencoderNet& to = ae::net_of(destination);
    ae::AutoencoderNet& from = ae::net_of(source);
    if (to->spec_json() != from->spec_json()) throw std::invalid_argument("the two models have different architectures");
    ae::assign_named(ae::state_of(from), ae::state_of(to), "copy");
  });
}

int32_t ae_model_get_spec(const ae_model* model, char* buffer, int64_t capacity, int64_t* out_length) {
  return ae::guard(__func__, [&] {
    const std::string& spec = ae::net_of(model)->spec_json();
    *ae::require_not_null(out_length, "out_length") = static_cast<int64_t>(spec.size());
    if (buffer != nullptr && capacity > static_cast<int64_t>(spec.size())) {
      std::memcpy(buffer, spec.c_str(), spec.size() + 1);
    }
  });
}

int32_t ae_model_encode(const ae_model* model, const float* x, int64_t rows, int64_t cols, float* out,
                        int64_t out_length) {
  return ae::guard(__func__, [&] {
    ae::run_in_chunks(model, x, rows, cols, ae::net_of(model)->input_width(), out, out_length, ae::net_of(model)->latent_width(),
                      [](ae::AutoencoderNet& net, const torch::Tensor& chunk) { return net->encode(chunk); },
                      [](const ae::RowKernel& kernel, const float* row, float* out) { kernel.encode(row, out); });
  });
}

int32_t ae_model_reconstruct(const ae_model* model, const float* x, int64_t rows, int64_t cols, float* out,
                             int64_t out_length) {
  return ae::guard(__func__, [&] {
    ae::run_in_chunks(model, x, rows, cols, ae::net_of(model)->input_width(), out, out_length, ae::net_of(model)->input_width(),
                      [](ae::AutoencoderNet& net, const torch::Tensor& chunk) { return net->forward(chunk); },
                      [](const ae::RowKernel& kernel, const float* row, float* out) { kernel.reconstruct(row, out); });
  });
}

int32_t ae_model_score(const ae_model* model, const float* x, int64_t rows, int64_t cols, float* out,
                       int64_t out_length) {
  return ae::guard(__func__, [&] {
    ae::run_in_chunks(model, x, rows, cols, ae::net_of(model)->input_width(), out, out_length, 1,
                      [](ae::AutoencoderNet& net, const torch::Tensor& chunk) {
                        return ae::mean_squared_error_per_row(net->forward(chunk), chunk);
                      },
                      [](const ae::RowKernel& kernel, const float* row, float* out) { *out = kernel.score(row); });
  });
}

int32_t ae_model_decode(const ae_model* model, const float* z, int64_t rows, int64_t cols, float* out, int64_t out_length) {
  return ae::guard(__func__, [&] {
    ae::run_in_chunks(model, z, rows, cols, ae::net_of(model)->latent_width(), out, out_length, ae::net_of(model)->input_width(),
                      [](ae::AutoencoderNet& net, const torch::Tensor& chunk) { return net->decode(chunk); }, ae::kNoRowKernel);
  });
}

int32_t ae_model_encode_distribution(const ae_model* model, const float* x, int64_t rows, int64_t cols, float* out_mean,
                                     float* out_log_variance, int64_t out_length) {
  return ae::guard(__func__, [&] {
    ae::AutoencoderNet& net = ae::net_of(model);
    const torch::Tensor input = ae::view_rows(x, rows, cols, net->input_width());
    const torch::Tensor mean = ae::output_rows(out_mean, out_length, rows, net->latent_width());
    const torch::Tensor log_variance = ae::output_rows(out_log_variance, out_length, rows, net->latent_width());
    ae::for_each_chunk(input, [&](const torch::Tensor& chunk, int64_t start, int64_t end) {
      const auto [chunk_mean, chunk_log_variance] = net->encode_distribution(chunk);
      mean.slice(0, start, end).copy_(chunk_mean);
      log_variance.slice(0, start, end).copy_(chunk_log_variance);
    });
  });
}

int32_t ae_model_score_elbo(const ae_model* model, const float* x, int64_t rows, int64_t cols, const char* options_json,
                            float* out, int64_t out_length) {
  return ae::guard(__func__, [&] {
    const auto options = nlohmann::json::parse(ae::require_not_null(options_json, "options_json"));
    const int64_t samples = options.at("samples").get<int64_t>();
    const ae::LossKind loss = ae::parse_loss(options.at("loss").get<std::string>());
    if (samples < 1) throw std::invalid_argument("samples must be at least 1");
    at::Generator generator = at::make_generator<at::CPUGeneratorImpl>(options.at("seed").get<uint64_t>());
    ae::run_in_chunks(model, x, rows, cols, ae::net_of(model)->input_width(), out, out_length, 1,
                      [&](ae::AutoencoderNet& net, const torch::Tensor& chunk) {
                        const auto [mean, log_variance] = net->encode_distribution(chunk);
                        const torch::Tensor kl = ae::kl_to_standard_normal(mean, log_variance);
                        torch::Tensor total = torch::zeros({chunk.size(0)});
                        for (int64_t k = 0; k < samples; ++k) {
                          const torch::Tensor z = mean + (0.5 * log_variance).exp() * at::normal(0.0, 1.0, mean.sizes(), generator);
                          total += ae::reconstruction_per_row(loss, net->decode(z), chunk);
                        }
                        return total / static_cast<double>(samples) + kl;
                      },
                      ae::kNoRowKernel);
  });
}

int32_t ae_model_jacobian_norm(const ae_model* model, const float* x, int64_t rows, int64_t cols, float* out, int64_t out_length) {
  return ae::guard(__func__, [&] {
    ae::AutoencoderNet& net = ae::net_of(model);
    const torch::Tensor input = ae::view_rows(x, rows, cols, net->input_width());
    ae::require_not_null(out, "out");
    if (out_length != rows) throw std::invalid_argument("out must hold one value per row");
    const torch::Tensor output = torch::from_blob(out, {rows}, torch::kFloat32);
    constexpr int64_t kChunkRows = 1024;
    for (int64_t start = 0; start < rows; start += kChunkRows) {
      const int64_t end = std::min(rows, start + kChunkRows);
      const torch::Tensor chunk = input.slice(0, start, end).clone().requires_grad_(true);
      output.slice(0, start, end).copy_(ae::jacobian_norm_per_row(net->encode(chunk), chunk, /*create_graph=*/false).detach());
    }
  });
}

int32_t ae_model_read_tensor(const ae_model* model, const char* name, float* out, int64_t out_length, int64_t* out_count) {
  return ae::guard(__func__, [&] {
    ae::AutoencoderNet& net = ae::net_of(model);
    const std::string wanted = ae::require_not_null(name, "name");
    ae::require_not_null(out_count, "out_count");
    for (const auto& [key, tensor] : ae::state_of(net)) {
      if (key != wanted) continue;
      if (tensor.scalar_type() != torch::kFloat32) throw std::invalid_argument("tensor '" + wanted + "' does not hold float32 values");
      *out_count = tensor.numel();
      if (out == nullptr) return;
      if (out_length != tensor.numel()) {
        throw std::invalid_argument("out must hold exactly the " + std::to_string(tensor.numel()) + " values of tensor '" + wanted + "'");
      }
      torch::from_blob(out, tensor.sizes(), torch::kFloat32).copy_(tensor.detach());
      return;
    }
    throw std::invalid_argument("the model has no tensor '" + wanted + "'");
  });
}

int32_t ae_model_save_to_buffer(const ae_model* model, const uint8_t** out_data, int64_t* out_length) {
  return ae::guard(__func__, [&] {
    ae::AutoencoderNet& net = ae::net_of(model);
    ae::hand_out(ae::serialize_tensor_file(net->spec_json(), ae::state_of(net)), out_data, out_length);
  });
}

int32_t ae_model_load_from_buffer(const uint8_t* data, int64_t length, int64_t seed, ae_model** out_model) {
  return ae::guard(__func__, [&] {
    ae::require_not_null(out_model, "out_model");
    *out_model = nullptr;
    const ae::TensorFile file = ae::parse_caller_bytes(data, length);
    auto model = std::make_unique<ae_model>(ae::AutoencoderNet(file.header, seed));
    ae::assign_named(file.tensors, ae::state_of(model->net), "weights file");
    model->net->eval();
    *out_model = model.release();
  });
}

}  // extern "C"
