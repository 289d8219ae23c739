// Adam's update in one pass over each parameter.
#pragma once

#include <string>

#include <torch/optim/adam.h>

namespace ae {

// The key under which torch::optim::Adam keeps a parameter's state (its address).
std::string adam_state_key(const torch::Tensor& parameter);

// optimizer.step(), computed as libtorch's Adam computes it, but in one loop over each
// parameter's values instead of eight tensor operations: the update reads and writes each value
// once, and a small batch's step no longer costs a third of the batch. Keeps its state in
// optimizer.state(), so checkpoints read and write it as before. Parameters without a gradient
// are left alone.
void fused_adam_step(torch::optim::Adam& optimizer);

// Forgets the gradients, so that the next backward pass writes them instead of adding to zeros.
void clear_gradients(torch::optim::Adam& optimizer);

}  // namespace ae
