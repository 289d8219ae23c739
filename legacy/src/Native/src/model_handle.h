// What an ae_model handle points to, shared by the model and trainer entry points.
#pragma once

#include <memory>
#include <mutex>

#include "autoencoder_net.h"
#include "boundary.h"
#include "row_kernel.h"
#include "tensor_file.h"

struct ae_model {
  explicit ae_model(ae::AutoencoderNet net) : net(std::move(net)) {}

  ae::AutoencoderNet net;

  // The single-row kernel, or nullptr when the model is not evaluating or has layers the
  // kernel does not compute; built on first use.
  const ae::RowKernel* row_kernel() const {
    std::call_once(row_kernel_built_, [this] { row_kernel_ = ae::RowKernel::build(const_cast<ae::AutoencoderNet&>(net)); });
    return net->is_training() ? nullptr : row_kernel_.get();
  }

 private:
  mutable std::once_flag row_kernel_built_;
  mutable std::unique_ptr<ae::RowKernel> row_kernel_;
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
