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
#define AE_ABI_VERSION 18

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
 * Models. An ae_model is created by ae_model_create, ae_model_clone or ae_model_load_from_buffer
 * and freed by ae_model_free; a trainer built on it shares its ownership, so the model lives
 * until both are freed. Inference on one model may run on many threads at once; training may not.
 *
 * spec_json, the architecture, as ae_model_get_spec returns it:
 *   {"input_width": n, "latent_width": k, "variational": false, "encoder": [layer...], "decoder": [layer...]}
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
 */

/*!
 * \brief Builds a model with freshly initialized weights.
 * \param spec_json the architecture (above), NUL-terminated; read during the call only.
 * \param seed initializes the weights and every later random draw of this model (shuffling, dropout, noise).
 * \param out_model receives the new model, owned by the caller (free with ae_model_free); NULL on error.
 * \return AE_OK, or AE_ERROR when the JSON is malformed or the layers do not chain from input to code and back.
 */
AE_API int32_t ae_model_create(const char* spec_json, int64_t seed, ae_model** out_model);
/*!
 * \brief Releases the caller's share of a model (the memory goes once no trainer holds it either).
 * \param model the model, or NULL (nothing happens); not to be used again.
 * \return AE_OK.
 */
AE_API int32_t ae_model_free(ae_model* model);
/*!
 * \brief A deep copy of a model's spec, weights and buffers.
 * \param model the model copied; not changed.
 * \param seed starts the copy's own random stream.
 * \param out_model receives the copy, owned by the caller; NULL on error.
 * \return AE_OK, or AE_ERROR when model or out_model is NULL.
 */
AE_API int32_t ae_model_clone(const ae_model* model, int64_t seed, ae_model** out_model);
/*!
 * \brief Overwrites destination's weights and buffers with source's; neither model is taken over.
 * \param destination the model written; it must have exactly source's spec.
 * \param source the model read; not changed.
 * \return AE_OK, or AE_ERROR (destination unchanged) when either is NULL or the specs differ.
 */
AE_API int32_t ae_model_copy_weights(ae_model* destination, const ae_model* source);
/*!
 * \brief The model's spec JSON.
 * \param model the model.
 * \param buffer caller-owned; receives the NUL-terminated JSON when capacity exceeds its length. May be NULL.
 * \param capacity the bytes buffer holds.
 * \param out_length receives the JSON's length without the NUL, whether or not it was copied.
 * \return AE_OK, or AE_ERROR when model or out_length is NULL.
 */
AE_API int32_t ae_model_get_spec(const ae_model* model, char* buffer, int64_t capacity,
                                 int64_t* out_length);

/*
 * Inference. Each function reads rows x cols row-major float32 values at x (caller-owned, read
 * during the call only; cols must be the model's input width, or its latent width for
 * ae_model_decode) and writes into out, caller-owned, which must hold exactly out_length values:
 * rows x the output's width. The model is in evaluation mode (no dropout, batch norm's running
 * statistics). Values are not checked for NaN here: the managed layer does that. Every function
 * returns AE_OK, or AE_ERROR (ae_last_error() says why) when a pointer is NULL, a size does not
 * match, or the model is not of the kind the function needs; out is then unspecified.
 * One row of a dense model (rows == 1) runs through the shim's single-row kernel instead of
 * libtorch: the same values up to float rounding, several times faster.
 */

/*! \brief Each row's code: out is rows x latent_width (a variational model's posterior mean). */
AE_API int32_t ae_model_encode(const ae_model* model, const float* x, int64_t rows, int64_t cols,
                               float* out, int64_t out_length);
/*! \brief Each row's reconstruction: out is rows x input_width. */
AE_API int32_t ae_model_reconstruct(const ae_model* model, const float* x, int64_t rows,
                                    int64_t cols, float* out, int64_t out_length);
/*! \brief Each row's mean squared reconstruction error: out has rows values. */
AE_API int32_t ae_model_score(const ae_model* model, const float* x, int64_t rows, int64_t cols,
                              float* out, int64_t out_length);
/*! \brief Decodes codes: z is rows x latent_width, out is rows x input_width. */
AE_API int32_t ae_model_decode(const ae_model* model, const float* z, int64_t rows, int64_t cols, float* out,
                               int64_t out_length);
/*!
 * \brief A variational model's posterior for each row.
 * \param out_mean receives the means, rows x latent_width.
 * \param out_log_variance receives the log-variances, rows x latent_width.
 * \param out_length the values each of the two outputs holds.
 * \return AE_ERROR also when the model is not variational.
 */
AE_API int32_t ae_model_encode_distribution(const ae_model* model, const float* x, int64_t rows, int64_t cols,
                                            float* out_mean, float* out_log_variance, int64_t out_length);
/*!
 * \brief A variational model's negative ELBO per row: the reconstruction loss summed over
 * features, averaged over K samples of the code, plus the KL divergence to N(0, I).
 * \param options_json {"samples": K (>= 1), "seed": s (draws the samples), "loss": "mse" | "l1" | "bce"}; read during the call only.
 * \param out receives rows values.
 * \return AE_ERROR also when the model is not variational or an option is missing or invalid.
 */
AE_API int32_t ae_model_score_elbo(const ae_model* model, const float* x, int64_t rows, int64_t cols,
                                   const char* options_json, float* out, int64_t out_length);
/*! \brief ||d code / d x||_F^2 per row (out: rows values), exact, by autograd: one backward pass per code unit. */
AE_API int32_t ae_model_jacobian_norm(const ae_model* model, const float* x, int64_t rows, int64_t cols, float* out,
                                      int64_t out_length);

/*!
 * \brief Copies one of the model's float32 weights or buffers, as an exporter to another format needs them.
 * \param model the model; not changed.
 * \param name the tensor's name in the weights file: "parameter." or "buffer.", then the stack
 *   ("encoder" or "decoder"), the layer's index in it and the tensor ("weight", "bias",
 *   "running_mean", "running_var"), e.g. "parameter.encoder.0.weight".
 * \param out caller-owned, receives the values in the tensor's row-major order; NULL asks only for out_count.
 * \param out_length the values out holds: exactly the tensor's count.
 * \param out_count receives the tensor's number of values.
 * \return AE_OK, or AE_ERROR when there is no such float32 tensor or out_length differs from its count.
 */
AE_API int32_t ae_model_read_tensor(const ae_model* model, const char* name, float* out, int64_t out_length, int64_t* out_count);

/*
 * Saving and loading through memory. The bytes are the shim's weights file format
 * (tensor_file.h): the spec JSON and named tensors with a checksum, no pickling. Loading verifies
 * the checksum before parsing and checks every tensor's name, type and shape against the spec, so
 * damaged bytes are refused with an error.
 *
 * Bytes handed out (out_data, out_length) belong to the shim: they stay valid until the next call
 * on the same thread of a function that hands out bytes (ae_*_to_buffer); copy them before that.
 */

/*!
 * \brief Serializes a model's spec and weights.
 * \param model the model; not changed.
 * \param out_data receives the bytes, owned by the shim as above.
 * \param out_length receives their number.
 * \return AE_OK, or AE_ERROR when a pointer is NULL.
 */
AE_API int32_t ae_model_save_to_buffer(const ae_model* model, const uint8_t** out_data, int64_t* out_length);
/*!
 * \brief A new model from bytes ae_model_save_to_buffer wrote: its architecture is the one they hold.
 * \param data the bytes, caller-owned, read during the call only.
 * \param length their number.
 * \param seed starts the model's random stream.
 * \param out_model receives the model, owned by the caller (free with ae_model_free); NULL on error.
 * \return AE_OK, or AE_ERROR naming what is wrong when the bytes are damaged, cut short, or do not fit the spec they hold.
 */
AE_API int32_t ae_model_load_from_buffer(const uint8_t* data, int64_t length, int64_t seed, ae_model** out_model);

/* ---- training (trainer_api.cpp) ---- */

/*!
 * \brief A trainer (Adam) for a model; it keeps the optimizer's state across epochs.
 * \param model the model trained in place; the trainer shares its ownership, so either may be freed first.
 * \param options_json NUL-terminated, read during the call only:
 *   {"learning_rate": lr, "weight_decay": wd, "batch_size": b,
 *    "loss": "mse" | "l1" | "bce", "shuffle": true, "drop_last": false,
 *    "noise": "none" | "gaussian" | "salt" | "masking" | "rotation", "noise_level": x,
 *    "image_shape": [channels, side, side],
 *    "beta": 1, "sparsity": "none" | "l1" | "kl", "sparsity_weight": w,
 *    "sparsity_target": rho, "contractive_weight": lambda}
 *   Required: learning_rate (> 0), weight_decay (>= 0), batch_size (>= 1), loss, shuffle,
 *   drop_last, noise, noise_level (>= 0; <= 1 for salt and masking); image_shape only with
 *   rotation (a square layout holding the model's inputs). Optional, with these defaults: beta 1,
 *   sparsity "none", sparsity_weight 0, sparsity_target 0.05 (in (0, 1)), contractive_weight 0
 *   (all >= 0). With noise, each batch's input is corrupted afresh (Gaussian of standard
 *   deviation x; salt: a share x of values set to 1; masking: a share x set to 0 and the rest
 *   scaled by 1 / (1 - x)) and the loss compares the output with the clean input: a denoising
 *   autoencoder. Rotation turns each image by a random multiple of 90 degrees and the loss
 *   compares the output with the upright image.
 *   Optional "distributed": {rank, world_size, address, port, timeout_ms, fingerprint} joins a
 *   data-parallel training through c10d (a TCPStore at address:port that rank 0 serves, a Gloo
 *   process group): the ranks' fingerprints must be equal, rank 0's weights are broadcast, each
 *   epoch deals every rank its share of the row order (DistributedSampler's padding), gradients
 *   are averaged over the ranks every step in one all-reduce, and the epoch's mean loss is over
 *   all ranks' rows. A rank that does not arrive or drops out fails the others within timeout_ms.
 * \param out_trainer receives the trainer, owned by the caller (free with ae_trainer_free); NULL on error.
 * \return AE_OK, or AE_ERROR naming the option that is missing or invalid.
 */
AE_API int32_t ae_trainer_create(ae_model* model, const char* options_json,
                                 ae_trainer** out_trainer);
/*!
 * \brief Releases a trainer and its share of the model.
 * \param trainer the trainer, or NULL (nothing happens); not to be used again.
 * \return AE_OK.
 */
AE_API int32_t ae_trainer_free(ae_trainer* trainer);
/*!
 * \brief One pass over rows in mini-batches (shuffled when the options say so), updating the model.
 * \param trainer the trainer.
 * \param x rows x cols row-major float32 values, caller-owned, read during the call only; cols is the model's input width.
 * \param rows the number of rows; at least one complete batch after drop_last.
 * \param cols values per row.
 * \param callback called after every batch on the calling thread, or NULL; returning nonzero stops the pass after that batch.
 * \param user_data handed to callback unchanged.
 * \param out_mean_loss receives the row-weighted mean loss of the batches run, over this process's rows.
 * \param out_batches_run receives how many batches ran (fewer than all when the callback stopped the pass).
 * \param out_rows_run receives how many rows those batches held (in a distributed training that deals rows, this
 *   rank's share of them).
 * \return AE_OK, or AE_ERROR when a pointer is NULL, a size does not match, or there is no complete batch; the
 *   weights may then have changed by the batches that ran.
 */
AE_API int32_t ae_trainer_run_epoch(ae_trainer* trainer, const float* x, int64_t rows,
                                    int64_t cols, ae_batch_callback callback, void* user_data,
                                    float* out_mean_loss, int64_t* out_batches_run, int64_t* out_rows_run);
/*!
 * \brief Replaces each of values by its sum over the ranks of a distributed training (a collective: every
 *   rank must call it with as many values); does nothing for a training of one process.
 * \param values count doubles, caller-owned, read and written during the call.
 * \return AE_OK, or AE_ERROR when a pointer is NULL, count is negative, or a rank fails or does not answer
 *   within the timeout (the message names it).
 */
AE_API int32_t ae_trainer_sum_over_ranks(ae_trainer* trainer, double* values, int64_t count);
/*!
 * \brief The training loss over rows with the model in evaluation mode; no weight changes.
 * \param x rows x cols row-major float32 values, caller-owned, read during the call only.
 * \param out_loss receives the mean loss over the rows.
 * \return AE_OK, or AE_ERROR when a pointer is NULL, a size does not match, or rows is 0.
 */
AE_API int32_t ae_trainer_evaluate(ae_trainer* trainer, const float* x, int64_t rows,
                                   int64_t cols, float* out_loss);

/*!
 * \brief Serializes a checkpoint in the weights file format: the model's weights, the optimizer's
 * state, the model's random state, best's weights, and the caller's bookkeeping. Restoring it into
 * a trainer (and best model) built from the same spec continues training exactly where it was taken.
 * \param trainer the trainer; not changed.
 * \param best the best epoch's model, or NULL; not changed.
 * \param header_json the caller's bookkeeping, NUL-terminated; stored verbatim.
 * \param out_data receives the bytes, owned by the shim as for ae_model_save_to_buffer.
 * \param out_length receives their number.
 * \return AE_OK, or AE_ERROR when a required pointer is NULL.
 */
AE_API int32_t ae_trainer_save_checkpoint_to_buffer(ae_trainer* trainer, const ae_model* best, const char* header_json,
                                                    const uint8_t** out_data, int64_t* out_length);
/*!
 * \brief The header_json stored in the checkpoint file at path.
 * \param path NUL-terminated file path.
 * \param buffer caller-owned; receives the NUL-terminated JSON when capacity exceeds its length. May be NULL.
 * \param capacity the bytes buffer holds.
 * \param out_length receives the JSON's length without the NUL.
 * \return AE_OK, or AE_ERROR naming what is wrong when the file is missing, unreadable or damaged.
 */
AE_API int32_t ae_checkpoint_read_header(const char* path, char* buffer, int64_t capacity, int64_t* out_length);
/*!
 * \brief Restores the checkpoint file at path into trainer and best.
 * \param trainer the trainer (and so its model), built from the checkpoint's spec and options.
 * \param best the best epoch's model, or NULL when the checkpoint was saved without one.
 * \param path NUL-terminated file path.
 * \return AE_OK, or AE_ERROR when the file is missing or damaged, or holds tensors that do not fit;
 *   the trainer and best are then unspecified: discard them.
 */
AE_API int32_t ae_trainer_restore_checkpoint(ae_trainer* trainer, ae_model* best, const char* path);

/* ---- principal components (pca_api.cpp) ---- */

/*
 * Exact principal components, fitted in one streamed pass over chunks of rows. Every buffer is
 * the caller's; row-major throughout. Each function returns AE_OK, or AE_ERROR (ae_last_error()
 * says why) when a pointer is NULL or a size is out of range.
 */

/*!
 * \brief Adds the column sums and cross products of (x - shift) over a chunk of rows.
 * \param shift cols values near the mean (the first chunk's mean will do), so that the sums do not cancel; the same for every chunk.
 * \param x rows x cols float32 values, read during the call only.
 * \param sums cols doubles, zero before the first chunk, updated in place.
 * \param products cols x cols doubles, zero before the first chunk, updated in place.
 */
AE_API int32_t ae_pca_accumulate(const double* shift, const float* x, int64_t rows, int64_t cols, double* sums,
                                 double* products);
/*!
 * \brief Fits rank components from what ae_pca_accumulate gathered, by eigendecomposition of the
 * covariance in double precision.
 * \param rows the rows accumulated; at least 2.
 * \param rank components to keep, in [1, cols].
 * \param out_mean receives cols values.
 * \param out_components receives rank x cols values: strongest first, each of unit length.
 * \param out_variances receives rank values: the variance along each component.
 */
AE_API int32_t ae_pca_fit_moments(const double* shift, const double* sums, const double* products, int64_t rows,
                                  int64_t cols, int64_t rank, float* out_mean, float* out_components,
                                  float* out_variances);
/*!
 * \brief Projects rows onto components: out (rows x rank) = (x - mean) * components^T.
 * \param mean cols values; components: rank x cols values; x: rows x cols values; all read during the call only.
 * \param out receives rows x rank values.
 */
AE_API int32_t ae_pca_project(const float* mean, const float* components, int64_t rank, const float* x,
                              int64_t rows, int64_t cols, float* out);

/*
 * Randomized principal components (Halko, Martinsson and Tropp's range finder, as ML.NET's
 * RandomizedPca): two streamed passes that each multiply the covariance by a cols x k basis
 * without forming it, then a k x k eigenproblem. "center" nonzero centers the rows on their mean
 * (the covariance divides by rows - 1); zero uses the rows as they are (the second moment, divided
 * by rows, and a zero mean; pass a zero shift).
 */

/*!
 * \brief Adds a chunk's part of a sketch: the column sums of (x - shift), and (x - shift)^T (x - shift) basis.
 * \param shift cols values, the same for every chunk (see ae_pca_accumulate).
 * \param x rows x cols float32 values, read during the call only.
 * \param basis cols x k doubles, the same for every chunk of a pass.
 * \param sums cols doubles, zero before the pass's first chunk, updated in place.
 * \param sketch cols x k doubles, zero before the pass's first chunk, updated in place.
 */
AE_API int32_t ae_pca_accumulate_sketch(const double* shift, const float* x, int64_t rows, int64_t cols, const double* basis,
                                        int64_t k, double* sums, double* sketch);
/*!
 * \brief The first pass's result: an orthonormal basis of the range of covariance x basis.
 * \param sums, sketch what ae_pca_accumulate_sketch gathered over rows (at least 2) rows with basis.
 * \param k columns of the basis, in [1, cols].
 * \param out_range receives cols x k doubles whose columns are orthonormal.
 */
AE_API int32_t ae_pca_sketch_range(const double* shift, const double* sums, const double* sketch, const double* basis,
                                   int64_t rows, int64_t cols, int64_t k, int32_t center, double* out_range);
/*!
 * \brief The second pass's result: rank components from a sketch whose basis was the first pass's range.
 * \param rank components to keep, in [1, k].
 * \param out_mean receives cols values (zeros when not centering).
 * \param out_components receives rank x cols values: strongest first, each of unit length.
 * \param out_variances receives rank values: the variance along each component.
 */
AE_API int32_t ae_pca_fit_sketch(const double* shift, const double* sums, const double* sketch, const double* basis,
                                 int64_t rows, int64_t cols, int64_t k, int64_t rank, int32_t center, float* out_mean,
                                 float* out_components, float* out_variances);

/* ---- kernel maps (kernel_api.cpp) ---- */

/*!
 * \brief Random Fourier features (ML.NET's ApproximatedKernelMap): each row x maps to
 *   sqrt(2 / rank) cos(W x + b) when phases (b) are given, or else to the pairs
 *   sqrt(1 / rank) (cos(w_k x), sin(w_k x)) side by side, 2 x rank values. Inner products of the
 *   mapped rows approximate the shift-invariant kernel whose spectrum W was drawn from.
 * \param frequencies rank x cols values (W, row-major); phases: rank values, or NULL for cosine and sine pairs.
 * \param x rows x cols values; all inputs are read during the call only.
 * \param out receives rows x rank values (with phases) or rows x 2 rank values (without).
 * \return AE_OK, or AE_ERROR when a pointer is NULL or a size is out of range.
 */
AE_API int32_t ae_random_fourier_features(const float* frequencies, const float* phases, int64_t rank, const float* x,
                                          int64_t rows, int64_t cols, float* out);

/* ---- linear classifiers (linear_api.cpp) ---- */

/*!
 * \brief Fits logistic (classes = 1) or softmax (classes >= 2) regression by L-BFGS, with OWL-QN
 *   steps for the L1 term, from all-zero parameters, minimizing ML.NET's L-BFGS objective
 *   (sum_i w_i loss_i + l2 / 2 |W|^2) / sum_i w_i + l1 / rows |W|_1, biases not regularized.
 * \param x rows x cols float32 features, finite, read during the call only.
 * \param labels rows values: 0 or 1 (logistic), or a class in [0, classes - 1] (softmax).
 * \param weights rows non-negative row weights with a positive sum, or NULL for all 1.
 * \param tolerance stop when the objective's improvement averaged over the last 5 iterations is at most tolerance x its value.
 * \param history the number of past steps the inverse-Hessian estimate keeps.
 * \param max_iterations the most iterations.
 * \param non_negative nonzero: the weights (not the biases) are kept at or above zero.
 * \param out_parameters classes x (cols + 1) values: the classes biases, then each class's cols weights.
 * \param out_iterations the iterations made (fewer than max_iterations when converged, or when no step lowers the objective).
 * \param out_objective the objective at the parameters returned.
 * \return AE_OK, or AE_ERROR when a pointer is NULL, a size or setting is out of range, or a label is not a class.
 */
AE_API int32_t ae_linear_fit(const float* x, const float* labels, const float* weights, int64_t rows, int64_t cols, int64_t classes,
                             float l1, float l2, float tolerance, int32_t history, int32_t max_iterations, int32_t non_negative,
                             float* out_parameters, int32_t* out_iterations, double* out_objective);

/* ---- images (image_api.cpp) ----
 * Pixels are height x width x channels interleaved samples, rows top to bottom: 1 channel (grey),
 * 3 (blue, green, red) or 4 (blue, green, red, alpha); samples of 8 bits, or of 16 bits in the
 * machine's byte order. Sides are in [1, 65535]. Pixel buffers are caller-owned and used during
 * the call only.
 */

/*!
 * \brief Decodes an encoded image (PNG, JPEG, BMP, TIFF, ... told apart by content) as stored: no
 * conversion of depth or channels, except grey-with-alpha, which becomes 4 channels.
 * \param out_pixels receives the decoded samples, valid until this thread's next call that hands out bytes.
 * \param out_bits receives 8 or 16.
 * \return AE_ERROR when the bytes are no image OpenCV decodes (unknown format, truncated, damaged) or
 * hold a depth or channel layout other than the above.
 */
AE_API int32_t ae_image_decode(const uint8_t* bytes, int64_t length, const uint8_t** out_pixels, int64_t* out_length, int64_t* out_height,
                               int64_t* out_width, int64_t* out_channels, int64_t* out_bits);

/*!
 * \brief Resizes the "from" rectangle of an image onto the "to" rectangle of out_pixels (same channels
 * and bits); out_pixels outside "to" are left as they are. Area averaging when shrinking, bilinear
 * when enlarging.
 * \return AE_ERROR when an argument is out of range or a rectangle leaves its image.
 */
AE_API int32_t ae_image_resize(const uint8_t* pixels, int64_t height, int64_t width, int64_t channels, int64_t bits, int64_t from_x,
                               int64_t from_y, int64_t from_width, int64_t from_height, uint8_t* out_pixels, int64_t out_height,
                               int64_t out_width, int64_t to_x, int64_t to_y, int64_t to_width, int64_t to_height);

/*!
 * \brief Writes the one-channel grey image of an image into out_pixels (height x width samples of the
 * same bits): 0.299 red + 0.587 green + 0.114 blue, alpha dropped; a grey image is copied.
 */
AE_API int32_t ae_image_grayscale(const uint8_t* pixels, int64_t height, int64_t width, int64_t channels, int64_t bits, uint8_t* out_pixels);

/*!
 * \brief Smooths a height x width map of floats in place with a Gaussian of standard deviation sigma
 * pixels (in (0, 1000]), edges reflected.
 */
AE_API int32_t ae_image_smooth(float* values, int64_t height, int64_t width, double sigma);

/*!
 * \brief The structural dissimilarity of two images, pixel by pixel: 1 - SSIM (Wang et al. 2004)
 * with Gaussian windows of standard deviation sigma pixels (in (0, 1000]), edges reflected, and
 * constants (0.01 L)^2 and (0.03 L)^2 for values of dynamic range L = 1, averaged over channels.
 * \param image, reconstruction channels planes of height x width floats each (values in [0, 1]).
 * \param out_map height x width floats, in [0, 2]: 0 where the two agree in mean, contrast and structure.
 */
AE_API int32_t ae_image_dissimilarity(const float* image, const float* reconstruction, int64_t height, int64_t width, int64_t channels,
                                      double sigma, float* out_map);

/*!
 * \brief Writes an image through OpenCV's codecs, in the format the path's extension names (.png, .jpg, ...).
 * \param path NUL-terminated file path; an existing file is replaced.
 * \return AE_OK, or AE_ERROR when an argument is out of range or OpenCV cannot write the file
 * (unknown extension, unwritable path, a depth or channel count the format cannot hold).
 */
AE_API int32_t ae_image_write(const char* path, const uint8_t* pixels, int64_t height, int64_t width, int64_t channels, int64_t bits);

#ifdef __cplusplus
}
#endif

#endif
