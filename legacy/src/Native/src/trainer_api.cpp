// ae_trainer_*: mini-batch training with Adam, one epoch per call.
#include <nlohmann/json.hpp>

#include "process_group.h"
#include <torch/nn/functional/loss.h>
#include <torch/optim/adam.h>

#include <algorithm>
#include <cstring>

#include "fused_adam.h"
#include "losses.h"
#include "model_handle.h"
#include "tensor_file.h"

namespace ae {

enum class SparsityKind { kNone, kL1, kKullbackLeibler };
enum class NoiseKind { kNone, kGaussian, kSalt, kMasking, kRotation };

struct TrainerOptions {
  double learning_rate = 0;
  double weight_decay = 0;
  int64_t batch_size = 0;
  LossKind loss = LossKind::kMeanSquared;
  bool shuffle = true;
  bool drop_last = false;
  NoiseKind noise = NoiseKind::kNone;
  double noise_level = 0;
  std::vector<int64_t> image_shape;  // channels, height, width: what rotation turns
  double beta = 1;
  SparsityKind sparsity = SparsityKind::kNone;
  double sparsity_weight = 0;
  double sparsity_target = 0;
  double contractive_weight = 0;
};

namespace {

// The value of a string option, from its allowed spellings.
template <typename Enum>
Enum parse_choice(const std::string& option, const std::string& text, std::initializer_list<std::pair<const char*, Enum>> choices) {
  for (const auto& [name, value] : choices) {
    if (text == name) return value;
  }
  throw std::invalid_argument("unknown " + option + " '" + text + "'");
}

TrainerOptions parse_options(const char* options_json) {
  const auto options = nlohmann::json::parse(require_not_null(options_json, "options_json"));
  TrainerOptions parsed;
  parsed.learning_rate = options.at("learning_rate").get<double>();
  parsed.weight_decay = options.at("weight_decay").get<double>();
  parsed.batch_size = options.at("batch_size").get<int64_t>();
  parsed.shuffle = options.at("shuffle").get<bool>();
  parsed.drop_last = options.at("drop_last").get<bool>();
  parsed.loss = parse_loss(options.at("loss").get<std::string>());
  parsed.beta = options.value("beta", 1.0);
  parsed.sparsity = parse_choice<SparsityKind>("sparsity", options.value("sparsity", std::string("none")),
                                               {{"none", SparsityKind::kNone}, {"l1", SparsityKind::kL1}, {"kl", SparsityKind::kKullbackLeibler}});
  parsed.sparsity_weight = options.value("sparsity_weight", 0.0);
  parsed.sparsity_target = options.value("sparsity_target", 0.05);
  parsed.contractive_weight = options.value("contractive_weight", 0.0);
  if (parsed.beta < 0 || parsed.sparsity_weight < 0 || parsed.contractive_weight < 0 ||
      !(parsed.sparsity_target > 0 && parsed.sparsity_target < 1)) {
    throw std::invalid_argument("beta and penalty weights must be >= 0 and sparsity_target in (0, 1)");
  }
  parsed.noise = parse_choice<NoiseKind>("noise", options.at("noise").get<std::string>(),
                                         {{"none", NoiseKind::kNone}, {"gaussian", NoiseKind::kGaussian}, {"salt", NoiseKind::kSalt}, {"masking", NoiseKind::kMasking}, {"rotation", NoiseKind::kRotation}});
  parsed.noise_level = options.at("noise_level").get<double>();
  if (parsed.noise == NoiseKind::kRotation) {
    parsed.image_shape = options.at("image_shape").get<std::vector<int64_t>>();
    if (parsed.image_shape.size() != 3 || parsed.image_shape[0] < 1 || parsed.image_shape[1] < 1 || parsed.image_shape[1] != parsed.image_shape[2]) {
      throw std::invalid_argument("rotation needs an image_shape [channels, side, side]");
    }
  }
  if (parsed.noise_level < 0 || (parsed.noise != NoiseKind::kGaussian && parsed.noise_level > 1)) {
    throw std::invalid_argument("noise_level must be >= 0 (and <= 1 for salt and masking)");
  }
  if (!(parsed.learning_rate > 0) || parsed.weight_decay < 0 || parsed.batch_size < 1) {
    throw std::invalid_argument("learning_rate must be > 0, weight_decay >= 0 and batch_size >= 1");
  }
  return parsed;
}

// A corrupted copy of input, drawn afresh on every call: Gaussian noise of standard deviation
// level, salt ("white dots": a share level of values set to 1), masking (a share set to 0, the
// rest scaled up to keep the expected input), or rotation (each image turned by a random multiple
// of 90 degrees, a quarter of them not at all).
torch::Tensor corrupt(const torch::Tensor& input, const TrainerOptions& options, at::Generator& generator) {
  const double level = options.noise_level;
  switch (options.noise) {
    case NoiseKind::kRotation: {
      const std::vector<int64_t>& shape = options.image_shape;
      const torch::Tensor images = input.reshape({input.size(0), shape[0], shape[1], shape[2]});
      const torch::Tensor turns = torch::randint(0, 4, {input.size(0)}, generator, torch::kLong);
      torch::Tensor rotated = images.clone();
      for (int64_t k = 1; k < 4; ++k) {
        const torch::Tensor rows = (turns == k).nonzero().squeeze(1);
        if (rows.numel() > 0) rotated.index_copy_(0, rows, images.index_select(0, rows).rot90(k, {2, 3}));
      }
      return rotated.reshape(input.sizes());
    }
    case NoiseKind::kGaussian:
      return input + at::normal(0.0, level, input.sizes(), generator);
    case NoiseKind::kSalt:
      return torch::where(torch::empty_like(input).bernoulli_(level, generator).to(torch::kBool), torch::ones_like(input), input);
    case NoiseKind::kMasking:
      // Kept values are scaled by 1 / (1 - level), like inverted dropout, so that the expected
      // input stays the same and clean inputs at inference look like what training saw.
      return input * torch::empty_like(input).bernoulli_(1.0 - level, generator) / (1.0 - level);
    case NoiseKind::kNone:
    default:
      return input;
  }
}

// The training objective of one batch. Plain: the mean reconstruction loss, plus an L1 or KL
// sparsity penalty on the code and the contractive penalty when asked for. Variational: the
// reconstruction summed over features and averaged over the batch, plus beta times the KL
// divergence from N(0, I) summed over latent dimensions and averaged over the batch. With
// sample false (validation), a VAE decodes its mean and no penalty is added.
torch::Tensor objective(AutoencoderNet& net, const TrainerOptions& options, const torch::Tensor& input, const torch::Tensor& target,
                        bool sample) {
  if (net->variational()) {
    const auto [mean, log_variance] = net->encode_distribution(input);
    const torch::Tensor z =
        sample ? mean + (0.5 * log_variance).exp() * at::normal(0.0, 1.0, mean.sizes(), net->generator()) : mean;
    return reconstruction_per_row(options.loss, net->decode(z), target).mean() +
           options.beta * kl_to_standard_normal(mean, log_variance).mean();
  }
  if (!sample) return reconstruction_loss(options.loss, net->forward(input), target);

  const bool contractive = options.contractive_weight > 0;
  const torch::Tensor source = contractive ? input.detach().requires_grad_(true) : input;
  const torch::Tensor code = net->encode(source);
  torch::Tensor loss = reconstruction_loss(options.loss, net->decode(code), target);
  if (options.sparsity == SparsityKind::kL1) {
    loss = loss + options.sparsity_weight * code.abs().sum(1).mean();
  } else if (options.sparsity == SparsityKind::kKullbackLeibler) {
    const double rho = options.sparsity_target;
    const torch::Tensor rho_hat = code.mean(0).clamp(1e-6, 1.0 - 1e-6);
    loss = loss + options.sparsity_weight * (rho * (rho / rho_hat).log() + (1 - rho) * ((1 - rho) / (1 - rho_hat)).log()).sum();
  }
  if (contractive) {
    loss = loss + options.contractive_weight * jacobian_norm_per_row(code, source, /*create_graph=*/true).mean();
  }
  return loss;
}

// Puts the model in training mode for a scope and always returns it to evaluation mode, the
// state inference expects.
struct TrainingModeScope {
  explicit TrainingModeScope(AutoencoderNet& net) : net_(net) { net_->train(); }
  ~TrainingModeScope() { net_->eval(); }
  AutoencoderNet& net_;
};

}  // namespace
}  // namespace ae

namespace ae {
namespace {

// The ranks a training joins, when its options say "distributed"; none for a one-process training.
std::unique_ptr<ProcessGroup> join_ranks(const char* options_json, AutoencoderNet& net) {
  const auto options = nlohmann::json::parse(options_json);
  if (!options.contains("distributed") || options.at("distributed").is_null()) return nullptr;
  const auto& distributed = options.at("distributed");
  DistributedOptions parsed;
  parsed.rank = distributed.at("rank").get<int>();
  parsed.world_size = distributed.at("world_size").get<int>();
  parsed.address = distributed.at("address").get<std::string>();
  parsed.port = distributed.at("port").get<int>();
  parsed.timeout_ms = distributed.at("timeout_ms").get<int64_t>();
  parsed.fingerprint = distributed.at("fingerprint").get<std::string>();
  parsed.deal_rows = distributed.at("deal_rows").get<bool>();
  parsed.launcher_attempt = distributed.at("launcher_attempt").is_null() ? -1 : distributed.at("launcher_attempt").get<int>();
  auto group = std::make_unique<ProcessGroup>(parsed);
  std::vector<torch::Tensor> state = net->parameters();
  for (const torch::Tensor& buffer : net->buffers()) state.push_back(buffer);
  group->broadcast_from_first(state);
  return group;
}

// This rank's share of an epoch's row order, as PyTorch's DistributedSampler deals it: the order
// padded by its own first rows to a multiple of the ranks, then every world_size-th row from this
// rank's position. Every rank gets as many rows, so all take the same number of steps, and a
// global batch (one batch from each rank) is a run of consecutive rows of the order.
torch::Tensor share_of(const torch::Tensor& order, const ProcessGroup& group) {
  const int64_t rows = order.size(0);
  const int64_t world = group.world_size();
  const int64_t padded = (rows + world - 1) / world * world;
  const torch::Tensor full = padded == rows ? order : torch::cat({order, order.slice(0, 0, padded - rows)});
  return full.slice(0, group.rank(), padded, world);
}

}  // namespace
}  // namespace ae

struct ae_trainer {
  ae::AutoencoderNet net;
  ae::TrainerOptions options;
  torch::optim::Adam optimizer;
  std::unique_ptr<ae::ProcessGroup> group;
};

extern "C" {

int32_t ae_trainer_create(ae_model* model, const char* options_json, ae_trainer** out_trainer) {
  return ae::guard(__func__, [&] {
    ae::require_not_null(out_trainer, "out_trainer");
    *out_trainer = nullptr;
    ae::AutoencoderNet& net = ae::net_of(model);
    const ae::TrainerOptions options = ae::parse_options(options_json);
    if (!options.image_shape.empty() &&
        options.image_shape[0] * options.image_shape[1] * options.image_shape[2] != net->input_width()) {
      throw std::invalid_argument("image_shape does not hold the model's " + std::to_string(net->input_width()) + " inputs");
    }
    torch::optim::Adam optimizer(net->parameters(),
                                 torch::optim::AdamOptions(options.learning_rate).weight_decay(options.weight_decay));
    auto group = ae::join_ranks(options_json, net);
    *out_trainer = new ae_trainer{net, options, std::move(optimizer), std::move(group)};
  });
}

int32_t ae_trainer_free(ae_trainer* trainer) {
  return ae::guard(__func__, [&] { delete trainer; });
}

int32_t ae_trainer_run_epoch(ae_trainer* trainer, const float* x, int64_t rows, int64_t cols,
                             ae_batch_callback callback, void* user_data, float* out_mean_loss,
                             int64_t* out_batches_run, int64_t* out_rows_run) {
  return ae::guard(__func__, [&] {
    ae::require_not_null(trainer, "trainer");
    ae::require_not_null(out_mean_loss, "out_mean_loss");
    ae::require_not_null(out_batches_run, "out_batches_run");
    ae::require_not_null(out_rows_run, "out_rows_run");
    *out_mean_loss = 0;
    *out_batches_run = 0;
    *out_rows_run = 0;
    ae::AutoencoderNet& net = trainer->net;
    const torch::Tensor data = ae::view_rows(x, rows, cols, net->input_width());
    const torch::Tensor all_rows = trainer->options.shuffle ? torch::randperm(rows, net->generator(), torch::kLong)
                                                            : torch::arange(rows, torch::kLong);
    const bool deal = trainer->group && trainer->group->options().deal_rows;
    const torch::Tensor order = deal ? ae::share_of(all_rows, *trainer->group) : all_rows;
    const int64_t batch_size = trainer->options.batch_size;
    const int64_t my_rows = order.size(0);
    const int64_t usable_rows = trainer->options.drop_last ? my_rows - my_rows % batch_size : my_rows;
    const int64_t batch_count = (usable_rows + batch_size - 1) / batch_size;
    if (batch_count == 0) throw std::invalid_argument("no complete batch in " + std::to_string(my_rows) + " rows");

    ae::TrainingModeScope training(net);
    double loss_sum = 0;
    int64_t rows_seen = 0;
    for (int64_t batch = 0; batch < batch_count; ++batch) {
      const int64_t start = batch * batch_size;
      const int64_t end = std::min(usable_rows, start + batch_size);
      const torch::Tensor input = data.index_select(0, order.slice(0, start, end));
      ae::clear_gradients(trainer->optimizer);
      const torch::Tensor corrupted = ae::corrupt(input, trainer->options, net->generator());
      const torch::Tensor loss = ae::objective(net, trainer->options, corrupted, input, /*sample=*/true);
      loss.backward();
      if (trainer->group) trainer->group->average_gradients(net->parameters());
      ae::fused_adam_step(trainer->optimizer);

      const float batch_loss = loss.item<float>();
      loss_sum += static_cast<double>(batch_loss) * static_cast<double>(end - start);
      rows_seen += end - start;
      *out_batches_run = batch + 1;
      *out_rows_run = rows_seen;
      *out_mean_loss = static_cast<float>(loss_sum / static_cast<double>(rows_seen));
      if (callback != nullptr && callback(user_data, batch, batch_count, batch_loss) != 0) break;
    }
  });
}

int32_t ae_trainer_sum_over_ranks(ae_trainer* trainer, double* values, int64_t count) {
  return ae::guard(__func__, [&] {
    ae::require_not_null(trainer, "trainer");
    if (count < 0) throw std::invalid_argument("count must not be negative");
    if (!trainer->group || count == 0) return;
    ae::require_not_null(values, "values");
    const std::vector<double> totals = trainer->group->sum(std::vector<double>(values, values + count));
    std::copy(totals.begin(), totals.end(), values);
  });
}

int32_t ae_trainer_evaluate(ae_trainer* trainer, const float* x, int64_t rows, int64_t cols, float* out_loss) {
  return ae::guard(__func__, [&] {
    ae::require_not_null(trainer, "trainer");
    ae::require_not_null(out_loss, "out_loss");
    ae::AutoencoderNet& net = trainer->net;
    const torch::Tensor data = ae::view_rows(x, rows, cols, net->input_width());
    if (rows == 0) throw std::invalid_argument("no rows to evaluate");
    c10::InferenceMode inference;
    net->eval();
    constexpr int64_t kChunkRows = 4096;
    double loss_sum = 0;
    for (int64_t start = 0; start < rows; start += kChunkRows) {
      const int64_t end = std::min(rows, start + kChunkRows);
      const torch::Tensor input = data.slice(0, start, end);
      loss_sum += ae::objective(net, trainer->options, input, input, /*sample=*/false).item<double>() *
                  static_cast<double>(end - start);
    }
    *out_loss = static_cast<float>(loss_sum / static_cast<double>(rows));
  });
}

namespace {

void prefixed(ae::NamedTensors& into, const ae::NamedTensors& from, const std::string& prefix) {
  for (const auto& [name, tensor] : from) into.emplace_back(prefix + name, tensor);
}

ae::NamedTensors with_prefix(const ae::NamedTensors& tensors, const std::string& prefix) {
  ae::NamedTensors selected;
  for (const auto& [name, tensor] : tensors) {
    if (name.rfind(prefix, 0) == 0) selected.emplace_back(name.substr(prefix.size()), tensor);
  }
  return selected;
}

}  // namespace

int32_t ae_trainer_save_checkpoint_to_buffer(ae_trainer* trainer, const ae_model* best, const char* header_json,
                                            const uint8_t** out_data, int64_t* out_length) {
  return ae::guard(__func__, [&] {
    ae::require_not_null(trainer, "trainer");
    ae::NamedTensors tensors;
    prefixed(tensors, ae::state_of(trainer->net), "model.");
    if (best != nullptr) prefixed(tensors, ae::state_of(ae::net_of(best)), "best.");
    const auto& parameters = trainer->optimizer.param_groups().at(0).params();
    auto& state = trainer->optimizer.state();
    // Adam keys its state by the parameter's address; the checkpoint by the parameter's position,
    // which is stable across processes.
    for (size_t i = 0; i < parameters.size(); ++i) {
      const auto found = state.find(ae::adam_state_key(parameters[i]));
      if (found == state.end()) continue;
      const auto& adam = static_cast<const torch::optim::AdamParamState&>(*found->second);
      const std::string prefix = "adam." + std::to_string(i) + ".";
      tensors.emplace_back(prefix + "exp_avg", adam.exp_avg());
      tensors.emplace_back(prefix + "exp_avg_sq", adam.exp_avg_sq());
      tensors.emplace_back(prefix + "step", torch::tensor({adam.step()}, torch::kInt64));
    }
    tensors.emplace_back("rng.state", trainer->net->generator().get_state());
    ae::hand_out(ae::serialize_tensor_file(ae::require_not_null(header_json, "header_json"), tensors), out_data, out_length);
  });
}

int32_t ae_checkpoint_read_header(const char* path, char* buffer, int64_t capacity, int64_t* out_length) {
  return ae::guard(__func__, [&] {
    const std::string header = ae::read_tensor_file(ae::require_not_null(path, "path")).header;
    *ae::require_not_null(out_length, "out_length") = static_cast<int64_t>(header.size());
    if (buffer != nullptr && capacity > static_cast<int64_t>(header.size())) std::memcpy(buffer, header.c_str(), header.size() + 1);
  });
}

int32_t ae_trainer_restore_checkpoint(ae_trainer* trainer, ae_model* best, const char* path) {
  return ae::guard(__func__, [&] {
    ae::require_not_null(trainer, "trainer");
    const ae::TensorFile file = ae::read_tensor_file(ae::require_not_null(path, "path"));
    ae::assign_named(with_prefix(file.tensors, "model."), ae::state_of(trainer->net), "checkpoint model");
    if (best != nullptr) ae::assign_named(with_prefix(file.tensors, "best."), ae::state_of(ae::net_of(best)), "checkpoint best model");

    const auto& parameters = trainer->optimizer.param_groups().at(0).params();
    const ae::NamedTensors adam = with_prefix(file.tensors, "adam.");
    auto& state = trainer->optimizer.state();
    state.clear();
    for (size_t i = 0; i < parameters.size(); ++i) {
      const std::string prefix = std::to_string(i) + ".";
      const ae::NamedTensors moments = with_prefix(adam, prefix);
      if (moments.empty()) continue;
      auto restored = std::make_unique<torch::optim::AdamParamState>();
      restored->exp_avg(torch::zeros_like(parameters[i]));
      restored->exp_avg_sq(torch::zeros_like(parameters[i]));
      torch::Tensor step = torch::zeros({1}, torch::kInt64);
      ae::assign_named(moments, {{"exp_avg", restored->exp_avg()}, {"exp_avg_sq", restored->exp_avg_sq()}, {"step", step}},
                       "checkpoint optimizer state");
      restored->step(step.item<int64_t>());
      state[ae::adam_state_key(parameters[i])] = std::move(restored);
    }
    for (const auto& [name, tensor] : file.tensors) {
      if (name == "rng.state") {
        if (tensor.scalar_type() != torch::kUInt8) throw std::runtime_error("checkpoint random state has the wrong type");
        trainer->net->generator().set_state(tensor);
        return;
      }
    }
    throw std::runtime_error("checkpoint has no random state");
  });
}

}  // extern "C"
