// What an ae_model handle points to, shared by the model and trainer entry points.
#pragma once

#include <memory>

#include "autoencoder_net.h"
#include "boundary.h"
#include "tensor_file.h"

struct ae_model {
  ae::AutoencoderNet net;
};

namespace ae {

inline AutoencoderNet& net_of(const ae_model* model) {
  return const_cast<ae_model*>(require_not_null(model, "model"))->net;
}

// Every parameter and buffer, by qualified name: what a weights file or a checkpoint stores.
NamedTensors state_of(AutoencoderNet& net);

// Wraps caller memory as a rows x cols tensor without copying, after checking the shape.
torch::Tensor view_rows(const float* x, int64_t rows, int64_t cols, int64_t expected_cols);

}  // namespace ae
