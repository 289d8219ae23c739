// Keeps glibc's malloc from returning memory to the kernel between training batches.
//
// Every batch allocates and frees the same buffers: tensors, and with more than one thread a
// 512 KB work buffer inside OpenBLAS's threaded sgemm on every matrix product. With glibc's
// defaults, freeing them leaves a free block at the top of the heap above the trim threshold, so
// free() shrinks the heap with brk and the next batch grows it again, faulting in fresh zeroed
// pages: at batch size 32 on two threads over half of the time went there (bench/RESULTS.md).
// Larger buffers are worse off: glibc maps each block above its mmap threshold on its own and
// unmaps it on free, so a convolution's activations (67 MB for 32 colour images of 128 x 128 and
// 32 channels) were faulted in afresh every batch: 30 million page faults and 79 s of system
// time in a 99 s run. Serving allocations up to 1 GB from the heap and trimming only beyond 1 GB
// of free space at its top keeps those pages mapped and reused (2 s of system time, 51 s). The
// cost: memory a training freed stays in the process, up to its peak, instead of going back to
// the kernel. The settings are process-wide, so they are applied
// only when the caller asks (the managed trainer does before its first training, unless told not
// to); a process that sets glibc's own malloc variables keeps its settings.
#include <cstdlib>
#include <initializer_list>

#ifdef __GLIBC__
#include <malloc.h>
#endif

#include "boundary.h"

namespace {

#ifdef __GLIBC__
bool caller_tuned_malloc() {
  for (const char* name : {"MALLOC_TRIM_THRESHOLD_", "MALLOC_MMAP_THRESHOLD_", "MALLOC_TOP_PAD_", "GLIBC_TUNABLES"}) {
    if (std::getenv(name) != nullptr) return true;
  }
  return false;
}
#endif

}  // namespace

extern "C" {

int32_t ae_runtime_tune_allocator_for_training(int32_t* out_applied) {
  return ae::guard(__func__, [&] {
    ae::require_not_null(out_applied, "out_applied");
    *out_applied = 0;
#ifdef __GLIBC__
    if (caller_tuned_malloc()) return;
    constexpr int kThreshold = 1 << 30;
    *out_applied = mallopt(M_MMAP_THRESHOLD, kThreshold) == 1 && mallopt(M_TRIM_THRESHOLD, kThreshold) == 1 ? 1 : 0;
#endif
  });
}

}  // extern "C"
