/*
 * ae_shim: a small C API over libtorch for building, training and running autoencoders.
 *
 * Conventions (docs/architecture.md, "The native boundary"):
 *   - every function returns an int32_t status: AE_OK (0) or AE_ERROR (1); results go through
 *     trailing out-pointers;
 *   - on AE_ERROR, ae_last_error() returns this thread's message for the failed call;
 *   - no C++ exception ever leaves this API;
 *   - the shim validates only what it must to stay memory-safe; defaults and policy live in the
 *     managed layer.
 */
#ifndef AE_SHIM_H
#define AE_SHIM_H

#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#if defined(_WIN32)
#define AE_API __declspec(dllexport)
#else
#define AE_API __attribute__((visibility("default")))
#endif

#define AE_OK 0
#define AE_ERROR 1

/* Bumped whenever a signature or the meaning of an option changes. */
#define AE_ABI_VERSION 10

typedef struct ae_model ae_model;
typedef struct ae_trainer ae_trainer;

/*
 * Called after every training batch. Return 0 to continue, nonzero to stop the epoch after
 * this batch.
 */
typedef int32_t (*ae_batch_callback)(void* user_data, int64_t batch_index, int64_t batch_count,
                                     float batch_loss);

/* ---- errors and runtime (runtime.cpp) ---- */

/* This thread's message for the last failed call; valid until the next call on this thread. */
AE_API const char* ae_last_error(void);
/* out_version: receives AE_ABI_VERSION, which the caller compares with the version it was written for. */
AE_API int32_t ae_abi_version(int32_t* out_version);
/* Threads libtorch uses for one operation, process-wide. count: at least 1, else AE_ERROR. */
AE_API int32_t ae_runtime_set_num_threads(int32_t count);
/* out_count: receives the current thread count. */
AE_API int32_t ae_runtime_get_num_threads(int32_t* out_count);
/* The libtorch version the shim was compiled against, e.g. "1.13.1". out_length receives its
 * length; when buffer is not NULL and capacity exceeds that length, the NUL-terminated text is
 * copied into buffer (which the caller owns). */
AE_API int32_t ae_runtime_torch_version(char* buffer, int64_t capacity, int64_t* out_length);

/* Times size x size float32 matrix products (after one warm-up) at the current thread count:
 * the machine's sgemm rate in GFLOP/s, the yardstick for achieved training throughput. */
AE_API int32_t ae_runtime_measure_sgemm(int64_t size, int32_t repeats, double* out_gflops);

/* ---- allocator (malloc_tuning.cpp) ---- */

/* Sets glibc's malloc thresholds so that memory freed between training batches stays mapped for
 * reuse (mmap threshold 16 MB, trim threshold 64 MB): process-wide, and never undone. Does
 * nothing when the process set glibc's own malloc variables (MALLOC_TRIM_THRESHOLD_,
 * MALLOC_MMAP_THRESHOLD_, MALLOC_TOP_PAD_, GLIBC_TUNABLES) or is not on glibc. out_applied
 * receives 1 when the settings were applied, else 0. */
AE_API int32_t ae_runtime_tune_allocator_for_training(int32_t* out_applied);

/* ---- models (model_api.cpp) ---- */

/*
 * spec_json: {"input_width": n, "latent_width": k, "variational": false,
 *             "encoder": [layer...], "decoder": [layer...]}
 * A variational encoder ends at width 2k: the posterior mean, then the log-variance.
 * layer: {"kind": "linear", "in": a, "out": b} | {"kind": "batch_norm", "features": a}
 *      | {"kind": "conv2d" | "conv_transpose2d", "in_channels": c, "out_channels": d, "kernel": k,
 *         "stride": s, "padding": p, "output_padding": q (transposed only)}
 *      | {"kind": "max_pool2d", "kernel": k, "stride": s} | {"kind": "flatten"}
 *      | {"kind": "unflatten", "channels": c, "height": h, "width": w}
 *      | {"kind": "resize2d", "height": h, "width": w}   (crop or zero-pad to h x w)
 *      | {"kind": "dropout", "rate": p}
 *      | {"kind": "relu" | "elu" | "selu" | "tanh" | "sigmoid" | "identity"}
 *      | {"kind": "leaky_relu", "slope": s}
 * seed: initializes the weights and every later random draw of this model (shuffling, dropout).
 */
AE_API int32_t ae_model_create(const char* spec_json, int64_t seed, ae_model** out_model);
AE_API int32_t ae_model_free(ae_model* model);
/* A deep copy of weights, buffers and spec (the copy's random stream starts afresh from seed). */
AE_API int32_t ae_model_clone(const ae_model* model, int64_t seed, ae_model** out_model);
/* Copies every weight and buffer of source into destination, which must have the same spec
 * (else AE_ERROR, destination unchanged); neither model is taken over. */
AE_API int32_t ae_model_copy_weights(ae_model* destination, const ae_model* source);
/* Copies the spec JSON into buffer when capacity suffices; out_length is its length without NUL. */
AE_API int32_t ae_model_get_spec(const ae_model* model, char* buffer, int64_t capacity,
                                 int64_t* out_length);

/*
 * Inference. x is rows x cols, row-major float32; out must hold exactly out_length values.
 * One row of a dense model (rows == 1) runs through the shim's single-row kernel instead of
 * libtorch: the same values up to float rounding, several times faster.
 */
AE_API int32_t ae_model_encode(const ae_model* model, const float* x, int64_t rows, int64_t cols,
                               float* out, int64_t out_length);
AE_API int32_t ae_model_reconstruct(const ae_model* model, const float* x, int64_t rows,
                                    int64_t cols, float* out, int64_t out_length);
/* Mean squared reconstruction error of each row: out has rows values. */
AE_API int32_t ae_model_score(const ae_model* model, const float* x, int64_t rows, int64_t cols,
                              float* out, int64_t out_length);

/* Decodes latent rows z (rows x latent_width) into out (rows x input_width). */
AE_API int32_t ae_model_decode(const ae_model* model, const float* z, int64_t rows, int64_t cols, float* out,
                               int64_t out_length);
/* A variational model's posterior: mean and log-variance, each rows x latent_width. */
AE_API int32_t ae_model_encode_distribution(const ae_model* model, const float* x, int64_t rows, int64_t cols,
                                            float* out_mean, float* out_log_variance, int64_t out_length);
/*
 * A variational model's negative ELBO per row: reconstruction loss summed over features,
 * averaged over K samples of z, plus the KL divergence to N(0, I).
 * options_json: {"samples": K, "seed": s, "loss": "mse" | "l1" | "bce"}
 */
AE_API int32_t ae_model_score_elbo(const ae_model* model, const float* x, int64_t rows, int64_t cols,
                                   const char* options_json, float* out, int64_t out_length);
/* ||d code / d x||_F^2 per row, computed exactly with autograd (one backward pass per code unit). */
AE_API int32_t ae_model_jacobian_norm(const ae_model* model, const float* x, int64_t rows, int64_t cols, float* out,
                                      int64_t out_length);

/*
 * Saving and loading through memory. The bytes are the shim's weights file format
 * (tensor_file.h): the spec JSON and named tensors with a checksum, no pickling. Loading verifies
 * the checksum before parsing and checks every tensor's name, type and shape against the spec, so
 * damaged bytes are refused with an error.
 *
 * Bytes handed out (out_data, out_length) belong to the shim: they stay valid until the next call
 * on the same thread of a function that hands out bytes (ae_*_to_buffer); copy them before that.
 */

/* Serializes model's spec and weights. out_data / out_length: the bytes, owned as above. */
AE_API int32_t ae_model_save_to_buffer(const ae_model* model, const uint8_t** out_data, int64_t* out_length);
/* A new model from length bytes at data (written by ae_model_save_to_buffer), its random stream
 * seeded with seed. The caller keeps ownership of data; *out_model is NULL on error. */
AE_API int32_t ae_model_load_from_buffer(const uint8_t* data, int64_t length, int64_t seed, ae_model** out_model);

/* ---- training (trainer_api.cpp) ---- */

/*
 * options_json: {"learning_rate": lr, "weight_decay": wd, "batch_size": b,
 *                "loss": "mse" | "l1" | "bce", "shuffle": true, "drop_last": false,
 *                "noise": "none" | "gaussian" | "salt" | "masking" | "rotation", "noise_level": x,
 *                "image_shape": [channels, side, side],
 *                "beta": 1, "sparsity": "none" | "l1" | "kl", "sparsity_weight": w,
 *                "sparsity_target": rho, "contractive_weight": lambda}
 * Required: learning_rate (> 0), weight_decay (>= 0), batch_size (>= 1), loss, shuffle,
 * drop_last, noise, noise_level (>= 0; <= 1 for salt and masking); image_shape only with
 * rotation (a square layout). Optional, with these defaults: beta 1, sparsity "none",
 * sparsity_weight 0, sparsity_target 0.05 (in (0, 1)), contractive_weight 0 (all >= 0).
 * With noise, each batch's input is corrupted afresh (Gaussian of standard deviation x; salt:
 * a share x of values set to 1; masking: a share x set to 0 and the rest scaled by 1 / (1 - x))
 * and the loss compares the output with the clean input: a denoising autoencoder. Rotation
 * turns each image by a random multiple of 90 degrees and the loss compares the output with the
 * upright image. An invalid or missing option fails with AE_ERROR; ae_last_error() names it.
 * The trainer keeps the optimizer state across epochs and shares ownership of the model.
 */
AE_API int32_t ae_trainer_create(ae_model* model, const char* options_json,
                                 ae_trainer** out_trainer);
AE_API int32_t ae_trainer_free(ae_trainer* trainer);
/*
 * One pass over x in mini-batches. out_mean_loss: the row-weighted mean batch loss of the
 * batches run; out_batches_run: how many ran (fewer than all when the callback asked to stop).
 * callback may be NULL.
 */
AE_API int32_t ae_trainer_run_epoch(ae_trainer* trainer, const float* x, int64_t rows,
                                    int64_t cols, ae_batch_callback callback, void* user_data,
                                    float* out_mean_loss, int64_t* out_batches_run);
/* The training loss over x with the model in evaluation mode, no weights changed. */
AE_API int32_t ae_trainer_evaluate(ae_trainer* trainer, const float* x, int64_t rows,
                                   int64_t cols, float* out_loss);

/*
 * Serializes a checkpoint: the model's weights, the optimizer's state, the model's random state,
 * the weights of best (may be NULL), and header_json (the caller's bookkeeping), in the weights
 * file format. out_data / out_length: the bytes, owned by the shim as for ae_model_save_to_buffer.
 * Restoring the file into a trainer (and best model) built from the same spec continues training
 * exactly where the checkpoint was taken.
 */
AE_API int32_t ae_trainer_save_checkpoint_to_buffer(ae_trainer* trainer, const ae_model* best, const char* header_json,
                                                    const uint8_t** out_data, int64_t* out_length);
/* Copies the header_json of the checkpoint file at path into buffer when capacity suffices;
 * out_length is its length without NUL. Fails naming what is wrong when the file is damaged. */
AE_API int32_t ae_checkpoint_read_header(const char* path, char* buffer, int64_t capacity, int64_t* out_length);
/* Restores the checkpoint file at path into trainer and best (may be NULL). */
AE_API int32_t ae_trainer_restore_checkpoint(ae_trainer* trainer, ae_model* best, const char* path);

/* ---- principal components (pca_api.cpp) ---- */

/*
 * Exact principal components, fitted in one streamed pass over chunks of rows: ae_pca_accumulate
 * adds the column sums (cols) and cross products (cols x cols, row-major) of (x - shift) to the
 * caller's double buffers, which start at zero. shift (cols) should be near the mean (the first
 * chunk's mean will do) so that the sums do not cancel. The caller owns every buffer; x is read,
 * sums and products are updated in place.
 */
AE_API int32_t ae_pca_accumulate(const double* shift, const float* x, int64_t rows, int64_t cols, double* sums,
                                 double* products);
/* Fits rank components from what ae_pca_accumulate gathered over rows rows (at least 2), by
 * eigendecomposition of the covariance in double precision. Outputs: mean (cols), components
 * (rank x cols, row-major, strongest first, each of unit length), variances (rank: the variance
 * along each component). Fails on a rank outside [1, cols] or fewer than 2 rows. */
AE_API int32_t ae_pca_fit_moments(const double* shift, const double* sums, const double* products, int64_t rows,
                                  int64_t cols, int64_t rank, float* out_mean, float* out_components,
                                  float* out_variances);
/* out (rows x rank) = (x - mean) * components^T. */
AE_API int32_t ae_pca_project(const float* mean, const float* components, int64_t rank, const float* x,
                              int64_t rows, int64_t cols, float* out);

/* ---- pictures (image_api.cpp) ---- */

/* Writes height x width pixels of 1 (grey) or 3 (blue, green, red) interleaved 8-bit channels, in
 * the format the path's extension names (.png, .jpg, ...), through OpenCV's codecs. */
AE_API int32_t ae_image_write(const char* path, const uint8_t* pixels, int64_t height, int64_t width, int64_t channels);

#ifdef __cplusplus
}
#endif

#endif
