#include "tensor_file.h"

#include <cstring>
#include <fstream>
#include <iterator>
#include <map>
#include <stdexcept>

namespace ae {

namespace {

constexpr char kMagic[4] = {'A', 'E', 'W', '1'};
constexpr uint32_t kVersion = 1;
constexpr uint64_t kMaxFileBytes = uint64_t{1} << 34;

uint64_t fnv1a(const char* data, size_t size) {
  uint64_t hash = 1469598103934665603ull;
  for (size_t i = 0; i < size; ++i) {
    hash ^= static_cast<unsigned char>(data[i]);
    hash *= 1099511628211ull;
  }
  return hash;
}

class Writer {
 public:
  template <typename T>
  void put(T value) {
    const char* bytes = reinterpret_cast<const char*>(&value);
    buffer_.insert(buffer_.end(), bytes, bytes + sizeof(T));
  }
  void put_bytes(const void* data, size_t size) {
    const char* bytes = static_cast<const char*>(data);
    buffer_.insert(buffer_.end(), bytes, bytes + size);
  }
  std::vector<char>& buffer() { return buffer_; }

 private:
  std::vector<char> buffer_;
};

class Reader {
 public:
  Reader(const char* data, size_t size) : data_(data), size_(size) {}
  template <typename T>
  T get() {
    T value;
    std::memcpy(&value, take(sizeof(T)), sizeof(T));
    return value;
  }
  const char* take(uint64_t count) {
    if (count > size_ - offset_) throw std::runtime_error("the file ends inside a record");
    const char* at = data_ + offset_;
    offset_ += static_cast<size_t>(count);
    return at;
  }
  bool at_end() const { return offset_ == size_; }

 private:
  const char* data_;
  size_t size_;
  size_t offset_ = 0;
};

uint8_t dtype_code(const std::string& name, const torch::Tensor& tensor) {
  switch (tensor.scalar_type()) {
    case torch::kFloat32: return 0;
    case torch::kInt64: return 1;
    case torch::kUInt8: return 2;
    default: throw std::runtime_error("tensor '" + name + "' has a type the file format does not store");
  }
}

// The exact number of bytes serialize_tensor_file writes for header and tensors.
uint64_t tensor_file_size(const std::string& header, const NamedTensors& tensors) {
  uint64_t size = sizeof(kMagic) + sizeof(uint32_t) + sizeof(uint64_t) + header.size() + sizeof(uint32_t) + sizeof(uint64_t);
  for (const auto& [name, tensor] : tensors) {
    dtype_code(name, tensor);
    size += sizeof(uint32_t) + name.size() + sizeof(uint8_t) + sizeof(uint32_t) + sizeof(int64_t) * tensor.dim() + tensor.nbytes();
  }
  return size;
}

}  // namespace

std::vector<char> serialize_tensor_file(const std::string& header, const NamedTensors& tensors) {
  Writer writer;
  writer.buffer().reserve(static_cast<size_t>(tensor_file_size(header, tensors)));
  writer.put_bytes(kMagic, sizeof(kMagic));
  writer.put<uint32_t>(kVersion);
  writer.put<uint64_t>(header.size());
  writer.put_bytes(header.data(), header.size());
  writer.put<uint32_t>(static_cast<uint32_t>(tensors.size()));
  for (const auto& [name, tensor] : tensors) {
    const torch::Tensor data = tensor.detach().contiguous().cpu();
    writer.put<uint32_t>(static_cast<uint32_t>(name.size()));
    writer.put_bytes(name.data(), name.size());
    writer.put<uint8_t>(dtype_code(name, data));
    writer.put<uint32_t>(static_cast<uint32_t>(data.dim()));
    for (int64_t d = 0; d < data.dim(); ++d) writer.put<int64_t>(data.size(d));
    writer.put_bytes(data.data_ptr(), data.nbytes());
  }
  writer.put<uint64_t>(fnv1a(writer.buffer().data(), writer.buffer().size()));
  return std::move(writer.buffer());
}

TensorFile read_tensor_file(const std::string& path) {
  std::ifstream file(path, std::ios::binary | std::ios::ate);
  if (!file) throw std::runtime_error("could not open '" + path + "'");
  const std::streamoff length = file.tellg();
  if (length < 0 || static_cast<uint64_t>(length) > kMaxFileBytes) throw std::runtime_error("the file is too large");
  std::vector<char> bytes(static_cast<size_t>(length));
  file.seekg(0);
  file.read(bytes.data(), length);
  if (!file) throw std::runtime_error("could not read '" + path + "'");
  return parse_tensor_file(bytes.data(), bytes.size());
}

TensorFile parse_tensor_file(const char* data, size_t size) {
  if (size > kMaxFileBytes) throw std::runtime_error("the file is too large");
  if (size < sizeof(kMagic) + sizeof(uint64_t) || std::memcmp(data, kMagic, sizeof(kMagic)) != 0) {
    throw std::runtime_error("not an autoencoder weights file");
  }
  const size_t body = size - sizeof(uint64_t);
  uint64_t stored_hash;
  std::memcpy(&stored_hash, data + body, sizeof(stored_hash));
  if (stored_hash != fnv1a(data, body)) throw std::runtime_error("the weights file is damaged (checksum mismatch)");

  Reader reader(data, body);
  reader.take(sizeof(kMagic));
  const uint32_t version = reader.get<uint32_t>();
  if (version != kVersion) {
    throw std::runtime_error("weights file version " + std::to_string(version) + " is not supported (expected " + std::to_string(kVersion) + ")");
  }
  TensorFile result;
  const uint64_t header_size = reader.get<uint64_t>();
  result.header.assign(reader.take(header_size), static_cast<size_t>(header_size));
  const uint32_t count = reader.get<uint32_t>();
  for (uint32_t i = 0; i < count; ++i) {
    const uint32_t name_size = reader.get<uint32_t>();
    std::string name(reader.take(name_size), name_size);
    const uint8_t dtype = reader.get<uint8_t>();
    if (dtype > 2) throw std::runtime_error("tensor '" + name + "' has an unknown type");
    const uint32_t dimensions = reader.get<uint32_t>();
    if (dimensions > 8) throw std::runtime_error("tensor '" + name + "' has too many dimensions");
    std::vector<int64_t> sizes(dimensions);
    uint64_t elements = 1;
    for (auto& size : sizes) {
      size = reader.get<int64_t>();
      if (size < 0 || (size > 0 && elements > kMaxFileBytes / static_cast<uint64_t>(size))) {
        throw std::runtime_error("tensor '" + name + "' has an impossible size");
      }
      elements *= static_cast<uint64_t>(size);
    }
    const auto type = dtype == 0 ? torch::kFloat32 : dtype == 1 ? torch::kInt64 : torch::kUInt8;
    const uint64_t data_bytes = elements * (dtype == 0 ? 4 : dtype == 1 ? 8 : 1);
    const char* values = reader.take(data_bytes);
    torch::Tensor tensor = torch::empty(sizes, torch::TensorOptions().dtype(type));
    std::memcpy(tensor.data_ptr(), values, static_cast<size_t>(data_bytes));
    result.tensors.emplace_back(std::move(name), std::move(tensor));
  }
  if (!reader.at_end()) throw std::runtime_error("the file has bytes after its last tensor");
  return result;
}

void assign_named(const NamedTensors& tensors, const NamedTensors& destinations, const std::string& what) {
  std::map<std::string, torch::Tensor> by_name(tensors.begin(), tensors.end());
  if (by_name.size() != tensors.size() || by_name.size() != destinations.size()) {
    throw std::runtime_error(what + ": the file holds " + std::to_string(tensors.size()) + " tensors but " +
                             std::to_string(destinations.size()) + " are expected");
  }
  torch::NoGradGuard no_grad;
  for (const auto& [name, destination] : destinations) {
    const auto found = by_name.find(name);
    if (found == by_name.end()) throw std::runtime_error(what + ": tensor '" + name + "' is missing");
    if (found->second.scalar_type() != destination.scalar_type() || !found->second.sizes().equals(destination.sizes())) {
      throw std::runtime_error(what + ": tensor '" + name + "' has the wrong type or shape");
    }
    torch::Tensor target = destination;
    target.copy_(found->second);
  }
}

}  // namespace ae
