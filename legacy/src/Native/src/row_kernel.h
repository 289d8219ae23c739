// One row through a dense model without libtorch's operator dispatch: for a single row the
// dispatch of a dozen small operators costs far more than the arithmetic, so a prediction
// engine scoring one row at a time runs fused loops over a transposed copy of the weights.
#pragma once

#include <cstdint>
#include <memory>
#include <mutex>
#include <vector>

#include "autoencoder_net.h"

namespace ae {

class RowKernel {
 public:
  // The kernel for net, or nullptr when net has a layer the kernel does not compute (anything
  // spatial). It shares the net's tensors and copies the linear weights once; a weight changed
  // later (training, loading, restoring a checkpoint) is copied again on the next row.
  static std::unique_ptr<RowKernel> build(AutoencoderNet& net);

  // The code of one row (a variational model's posterior mean).
  void encode(const float* row, float* code) const;
  // decode(encode(row)).
  void reconstruct(const float* row, float* reconstruction) const;
  // The mean squared difference between the row and its reconstruction.
  float score(const float* row) const;

 private:
  enum class Kind { Linear, BatchNorm, ReLU, LeakyReLU, ELU, SELU, Tanh, Sigmoid };
  struct Step {
    Kind kind;
    int64_t in = 0;
    int64_t out = 0;
    double slope = 0.0;
    double epsilon = 0.0;
    // Linear: weight (out x in) and bias. Batch norm: weight, bias, running mean and variance.
    std::vector<torch::Tensor> tensors;
    // Linear: the position of its transposed weight in TransposedWeights::values.
    size_t packed = 0;
  };
  // Every linear weight transposed to in x out, so that a row is a sum of weight rows scaled by
  // the input: one sequential pass over memory, which is what bounds a single row's time.
  struct TransposedWeights {
    std::vector<std::vector<float>> values;
    std::vector<int64_t> versions;
  };

  RowKernel(std::vector<Step> encoder, std::vector<Step> decoder, int64_t input_width, int64_t latent_width, int64_t widest);
  static Step activation(Kind kind, double slope = 0.0);
  // The transposed weights, copied afresh when any weight's version has changed since.
  std::shared_ptr<const TransposedWeights> transposed_weights() const;
  bool current(const TransposedWeights& weights) const;
  // Runs steps over values of the given width, linear steps writing into the other buffer;
  // returns the buffer holding the result.
  static float* run(const std::vector<Step>& steps, const TransposedWeights& weights, int64_t width, float* values, float* spare);
  // The code and the reconstruction of row, each in one of the two halves of buffer (2 x widest
  // values); the returned pointer says which.
  float* encode_into(const TransposedWeights& weights, const float* row, float* buffer) const;
  float* reconstruct_into(const TransposedWeights& weights, const float* row, float* buffer) const;

  std::vector<Step> encoder_;
  std::vector<Step> decoder_;
  std::vector<const Step*> linear_steps_;
  int64_t input_width_;
  int64_t latent_width_;
  int64_t widest_;
  // Read with std::atomic_load; replaced under repack_mutex_.
  mutable std::shared_ptr<const TransposedWeights> weights_;
  mutable std::mutex repack_mutex_;
};

}  // namespace ae
