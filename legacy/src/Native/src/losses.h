// Reconstruction losses and the penalties of the autoencoder family, shared by training and scoring.
#pragma once

#include <torch/torch.h>

#include <string>

namespace ae {

enum class LossKind { kMeanSquared, kMeanAbsolute, kBinaryCrossEntropy };

LossKind parse_loss(const std::string& name);

// The loss averaged over every value of the batch (what plain autoencoders minimize).
torch::Tensor reconstruction_loss(LossKind kind, const torch::Tensor& output, const torch::Tensor& target);

// The loss summed over each row's values: one value per row (the VAE's reconstruction term).
torch::Tensor reconstruction_per_row(LossKind kind, const torch::Tensor& output, const torch::Tensor& target);

// The mean of (a[i] - b[i])^2 over n values, summed in double: one row's reconstruction error.
float mean_squared_difference(const float* a, const float* b, int64_t n);

// mean_squared_difference of each row of two equally shaped contiguous float matrices, in one
// pass over both (rows in parallel), without materializing the differences.
torch::Tensor mean_squared_error_per_row(const torch::Tensor& output, const torch::Tensor& target);

// KL(N(mean, exp(log_variance)) || N(0, I)) summed over latent dimensions: one value per row.
torch::Tensor kl_to_standard_normal(const torch::Tensor& mean, const torch::Tensor& log_variance);

// ||d code / d input||_F^2 for each row, exactly: one backward pass per code unit. input must
// require grad and code must be computed from it with rows independent (no batch statistics).
torch::Tensor jacobian_norm_per_row(const torch::Tensor& code, const torch::Tensor& input, bool create_graph);

}  // namespace ae
