#pragma once

#include <torch/torch.h>

#include <chrono>
#include <memory>
#include <string>
#include <vector>

namespace c10d {
class ProcessGroupGloo;
class Store;
}  // namespace c10d

namespace ae {

// Where and how the ranks of a data-parallel training meet (the variables torchrun sets).
struct DistributedOptions {
  int rank = 0;
  int world_size = 1;
  std::string address;
  int port = 0;
  int64_t timeout_ms = 0;
  // What every rank must agree on (architecture, data size, settings, seed), as one string.
  std::string fingerprint;
  // Whether every rank receives all rows and the engine deals each rank its share (DistributedSampler
  // over each call's order), or each rank receives only its own rows.
  bool deal_rows = true;
  // When a launcher (torchrun's agent) serves the rendezvous store, its restart attempt: every rank,
  // rank 0 included, connects to the store and keeps its keys under the attempt's prefix. -1 when
  // rank 0 serves the store.
  int launcher_attempt = -1;
};

// The ranks of a data-parallel training, joined through PyTorch's c10d: a TCPStore rendezvous
// (rank 0 serves it) and a Gloo process group. Every operation fails with a message, never
// hangs, when a rank does not arrive or drops out within the timeout, naming the ranks missing.
class ProcessGroup {
 public:
  // Joins the group; fails when the ranks' fingerprints differ, naming the ranks.
  explicit ProcessGroup(const DistributedOptions& options);
  ~ProcessGroup();

  const DistributedOptions& options() const { return options_; }
  int rank() const { return options_.rank; }
  int world_size() const { return options_.world_size; }

  // Copies rank 0's tensors into every rank's (initial weights and buffers).
  void broadcast_from_first(const std::vector<torch::Tensor>& tensors);

  // Replaces each parameter's gradient by its mean over the ranks: one all-reduce of all of them
  // flattened into a single bucket, so small layers do not each pay a round trip.
  void average_gradients(const std::vector<torch::Tensor>& parameters);

  // The sum over the ranks of each value.
  std::vector<double> sum(const std::vector<double>& values);

 private:
  // Runs a collective, turning a transport failure into a message that says what was going on.
  template <typename Collective>
  void run(const char* what, Collective&& collective);

  // Every rank but this one.
  std::vector<int> others() const;

  // Those of ranks whose key prefix + rank is not in the store, waiting up to patience for them.
  std::vector<int> absent(const std::string& prefix, const std::vector<int>& ranks, std::chrono::milliseconds patience) const;

  // After a failed collective: the ranks that did not report the failure too, as words.
  std::string who_failed() const;

  // Who serves the rendezvous store (rank 0, or the launcher), as words.
  std::string store_server() const;

  static constexpr const char* kArrived = "arrived/";
  static constexpr const char* kFailed = "failed/";
  static constexpr const char* kNamed = "named/";

  DistributedOptions options_;
  c10::intrusive_ptr<c10d::Store> store_;
  c10::intrusive_ptr<c10d::ProcessGroupGloo> group_;
};

}  // namespace ae
