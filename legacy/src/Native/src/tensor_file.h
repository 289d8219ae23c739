// The shim's own file format for named tensors plus a JSON header: no pickling, a checksum over
// everything, and a parser that bounds-checks every read, so a damaged or hostile file is refused
// with an error instead of reaching libtorch's deserializers.
//
// Layout (little-endian): "AEW1" | u32 version | u64 header length | header (UTF-8 JSON)
//   | u32 tensor count | per tensor: u32 name length, name, u8 dtype (0 float32, 1 int64, 2 uint8),
//     u32 dimensions, i64 sizes..., raw data | u64 FNV-1a hash of all preceding bytes.
#pragma once

#include <torch/types.h>

#include <string>
#include <utility>
#include <vector>

namespace ae {

using NamedTensors = std::vector<std::pair<std::string, torch::Tensor>>;

// The file's bytes.
std::vector<char> serialize_tensor_file(const std::string& header, const NamedTensors& tensors);

struct TensorFile {
  std::string header;
  NamedTensors tensors;
};

// Parses size bytes at data. Throws std::runtime_error naming what is wrong when they are not a
// complete, undamaged file of this format.
TensorFile parse_tensor_file(const char* data, size_t size);

// Reads and parses the file at path, as parse_tensor_file.
TensorFile read_tensor_file(const std::string& path);

// Copies each of tensors into the destination of the same name, which must exist with the same
// dtype and shape; every destination must be filled.
void assign_named(const NamedTensors& tensors, const NamedTensors& destinations, const std::string& what);

}  // namespace ae
