// The native boundary: every exported function runs its body through ae_guard, which turns any
// C++ exception into AE_ERROR plus a thread-local message, so nothing unwinds into the caller.
#pragma once

#include <cstdint>
#include <exception>
#include <stdexcept>
#include <string>
#include <vector>

#include "ae_shim.h"

namespace ae {

void set_last_error(const std::string& message);
void clear_last_error();

// Keeps bytes in this thread's hand-out buffer and points out_data / out_length at them: they stay
// valid until the next function that hands out bytes runs on this thread.
void hand_out(std::vector<char> bytes, const uint8_t** out_data, int64_t* out_length);

template <typename Body>
int32_t guard(const char* function, Body&& body) noexcept {
  try {
    clear_last_error();
    body();
    return AE_OK;
  } catch (const std::exception& e) {
    try {
      set_last_error(std::string(function) + ": " + e.what());
    } catch (...) {
    }
  } catch (...) {
    try {
      set_last_error(std::string(function) + ": unknown native exception");
    } catch (...) {
    }
  }
  return AE_ERROR;
}

template <typename T>
T* require_not_null(T* pointer, const char* name) {
  if (pointer == nullptr) throw std::invalid_argument(std::string(name) + " is null");
  return pointer;
}

}  // namespace ae
