#include "process_group.h"

#include <torch/csrc/distributed/c10d/PrefixStore.hpp>
#include <torch/csrc/distributed/c10d/ProcessGroupGloo.hpp>
#include <torch/csrc/distributed/c10d/TCPStore.hpp>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <stdexcept>
#include <thread>

namespace ae {
namespace {

// The first line of a c10d error: the rest is a C++ stack trace.
std::string first_line(const std::exception& error) {
  const std::string text = error.what();
  return text.substr(0, text.find('\n'));
}

// Gloo's transport: the interface GLOO_SOCKET_IFNAME names, as torchrun honours it; loopback when
// the rendezvous is on this machine; otherwise the address this machine's hostname resolves to.
std::shared_ptr<::gloo::transport::Device> transport_device(const std::string& address) {
  if (const char* interface_name = std::getenv("GLOO_SOCKET_IFNAME"); interface_name != nullptr && *interface_name != '\0') {
    return c10d::ProcessGroupGloo::createDeviceForInterface(interface_name);
  }
  if (address == "127.0.0.1" || address == "localhost") return c10d::ProcessGroupGloo::createDeviceForHostname("127.0.0.1");
  return c10d::ProcessGroupGloo::createDefaultDevice();
}

// "rank 2", "ranks 1 and 3", "ranks 1, 2 and 3".
std::string rank_list(const std::vector<int>& ranks) {
  std::string text = ranks.size() == 1 ? "rank " : "ranks ";
  for (size_t i = 0; i < ranks.size(); ++i) {
    text += (i == 0 ? "" : i + 1 == ranks.size() ? " and " : ", ") + std::to_string(ranks[i]);
  }
  return text;
}

}  // namespace

std::vector<int> ProcessGroup::others() const {
  std::vector<int> ranks;
  for (int other = 0; other < options_.world_size; ++other) {
    if (other != options_.rank) ranks.push_back(other);
  }
  return ranks;
}

std::vector<int> ProcessGroup::absent(const std::string& prefix, const std::vector<int>& ranks, std::chrono::milliseconds patience) const {
  const auto deadline = std::chrono::steady_clock::now() + patience;
  std::vector<int> missing;
  do {
    missing.clear();
    for (const int rank : ranks) {
      if (!store_->check({prefix + std::to_string(rank)})) missing.push_back(rank);
    }
    if (missing.empty()) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  } while (std::chrono::steady_clock::now() < deadline);
  return missing;
}

ProcessGroup::ProcessGroup(const DistributedOptions& options) : options_(options) {
  if (options.world_size < 2 || options.rank < 0 || options.rank >= options.world_size) {
    throw std::invalid_argument("a distributed training needs world_size >= 2 and 0 <= rank < world_size");
  }
  if (options.port < 1 || options.port > 65535 || options.timeout_ms < 1 || options.address.empty()) {
    throw std::invalid_argument("a distributed training needs an address, a port in 1..65535 and a positive timeout");
  }
  const auto timeout = std::chrono::milliseconds(options.timeout_ms);
  const std::string where = options.address + ":" + std::to_string(options.port);
  const std::string who = "rank " + std::to_string(options.rank) + " of " + std::to_string(options.world_size);
  const bool launcher_store = options.launcher_attempt >= 0;
  try {
    c10d::TCPStoreOptions store_options;
    store_options.port = static_cast<std::uint16_t>(options.port);
    store_options.isServer = options.rank == 0 && !launcher_store;
    store_options.numWorkers = options.world_size;
    store_options.waitWorkers = false;
    store_options.timeout = timeout;
    store_ = c10::make_intrusive<c10d::TCPStore>(options.address, store_options);
    // The launcher's store outlives restarts: each attempt keeps its keys apart, as PyTorch's own ranks do.
    if (launcher_store) store_ = c10::make_intrusive<c10d::PrefixStore>("/worker/attempt_" + std::to_string(options.launcher_attempt), store_);
  } catch (const std::exception& error) {
    if (options.rank == 0 && !launcher_store) {
      throw std::runtime_error(who + " could not serve the rendezvous at " + where + " (" + first_line(error) +
                               "); is the port free? Under torchrun, whose agent serves it there, read the options from the environment.");
    }
    const std::string server = launcher_store ? "the launcher, which serves the rendezvous there," : "rank 0, which serves the rendezvous there,";
    throw std::runtime_error(who + " could not meet the other ranks at " + where + " within " + std::to_string(options.timeout_ms) + " ms (" +
                             first_line(error) + "): " + server + " did not answer; is it started, with the same address and port?");
  }
  try {
    store_->set(kArrived + std::to_string(options.rank), std::vector<uint8_t>{1});
    auto group_options = c10d::ProcessGroupGloo::Options::create(timeout);
    group_options->devices.push_back(transport_device(options.address));
    group_ = c10::make_intrusive<c10d::ProcessGroupGloo>(store_, options.rank, options.world_size, group_options);
  } catch (const std::exception& error) {
    std::string absent_ranks;
    try {
      if (const auto missing = absent(kArrived, others(), std::chrono::milliseconds(0)); !missing.empty()) absent_ranks = ": " + rank_list(missing) + " never arrived";
    } catch (const std::exception&) {
      absent_ranks = ": " + store_server() + " is gone";
    }
    throw std::runtime_error(who + " could not meet the other ranks at " + where + " within " + std::to_string(options.timeout_ms) + " ms (" +
                             first_line(error) + ")" + absent_ranks + "; is every rank started, with the same address and port?");
  }

  const auto bytes = [](const std::string& text) { return std::vector<uint8_t>(text.begin(), text.end()); };
  store_->set("fingerprint/" + std::to_string(options.rank), bytes(options.fingerprint));
  for (int other = 0; other < options.world_size; ++other) {
    if (other == options.rank) continue;
    std::vector<uint8_t> theirs;
    try {
      theirs = store_->get("fingerprint/" + std::to_string(other));
    } catch (const std::exception& error) {
      throw std::runtime_error(who + ": rank " + std::to_string(other) + " did not publish its settings within the timeout (" + first_line(error) + ")");
    }
    if (theirs != bytes(options.fingerprint)) {
      throw std::invalid_argument(who + " and rank " + std::to_string(other) +
                                  " were started with different settings (architecture, rows, batch size, seed or other options): " +
                                  "every rank must train the same model on the same data. This rank: " + options.fingerprint +
                                  "; rank " + std::to_string(other) + ": " + std::string(theirs.begin(), theirs.end()));
    }
  }
}

ProcessGroup::~ProcessGroup() = default;

template <typename Collective>
void ProcessGroup::run(const char* what, Collective&& collective) {
  if (!group_) throw std::logic_error("the ranks' process group failed earlier; start the training again");
  try {
    collective()->wait();
  } catch (const std::exception& error) {
    const std::string cause = first_line(error);
    // Closing this rank's connections makes ranks still waiting on it fail now, not at their timeout.
    group_.reset();
    throw std::runtime_error("rank " + std::to_string(options_.rank) + " of " + std::to_string(options_.world_size) + " lost the other ranks during " +
                             what + " (" + cause + "): " + who_failed() + " failed, was stopped or did not answer within " +
                             std::to_string(options_.timeout_ms) + " ms");
  }
}

std::string ProcessGroup::who_failed() const {
  // Every rank that sees a collective fail says so in the store; the ranks that have not said so
  // within a grace period are the ones that died or hang. Rank 0 serves the store, so it keeps it
  // until the others have read it; once rank 0 is gone, nobody can ask.
  try {
    const std::string me = std::to_string(options_.rank);
    const auto grace = std::chrono::milliseconds(std::min<int64_t>(options_.timeout_ms, 10000));
    store_->set(kFailed + me, std::vector<uint8_t>{1});
    const auto missing = absent(kFailed, others(), grace);
    store_->set(kNamed + me, std::vector<uint8_t>{1});
    if (options_.rank == 0) {
      std::vector<int> survivors;
      for (const int other : others()) {
        if (std::find(missing.begin(), missing.end(), other) == missing.end()) survivors.push_back(other);
      }
      absent(kNamed, survivors, grace);
    }
    return missing.empty() ? "another rank" : rank_list(missing);
  } catch (const std::exception&) {
    return store_server();
  }
}

std::string ProcessGroup::store_server() const {
  return options_.launcher_attempt >= 0 ? "the launcher (which serves the rendezvous)" : "rank 0 (which serves the rendezvous)";
}

void ProcessGroup::broadcast_from_first(const std::vector<torch::Tensor>& tensors) {
  torch::NoGradGuard no_grad;
  for (const torch::Tensor& tensor : tensors) {
    std::vector<at::Tensor> one{tensor.detach()};
    c10d::BroadcastOptions broadcast;
    broadcast.rootRank = 0;
    run("the broadcast of the initial weights", [&] { return group_->broadcast(one, broadcast); });
  }
}

void ProcessGroup::average_gradients(const std::vector<torch::Tensor>& parameters) {
  torch::NoGradGuard no_grad;
  std::vector<torch::Tensor> gradients;
  for (const torch::Tensor& parameter : parameters) {
    gradients.push_back(parameter.grad().defined() ? parameter.grad().reshape({-1}) : torch::zeros({parameter.numel()}, parameter.options()));
  }
  std::vector<at::Tensor> bucket{torch::cat(gradients)};
  run("the gradient all-reduce", [&] { return group_->allreduce(bucket); });
  bucket[0].div_(options_.world_size);
  int64_t offset = 0;
  for (const torch::Tensor& parameter : parameters) {
    const int64_t count = parameter.numel();
    torch::Tensor averaged = bucket[0].slice(0, offset, offset + count).view(parameter.sizes());
    if (parameter.grad().defined()) {
      parameter.mutable_grad().copy_(averaged);
    } else {
      parameter.mutable_grad() = averaged.clone();
    }
    offset += count;
  }
}

std::vector<double> ProcessGroup::sum(const std::vector<double>& values) {
  std::vector<at::Tensor> tensor{torch::tensor(values, torch::kDouble)};
  run("a sum over the ranks", [&] { return group_->allreduce(tensor); });
  return std::vector<double>(tensor[0].data_ptr<double>(), tensor[0].data_ptr<double>() + values.size());
}

}  // namespace ae
