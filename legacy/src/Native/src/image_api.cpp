// ae_image_*: decodes, resizes, greys and writes images through OpenCV (codecs by content or
// extension; 8- or 16-bit samples; 1, 3 or 4 interleaved channels in blue, green, red, alpha order).
#include <opencv2/core.hpp>
#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include "boundary.h"

namespace {

int mat_type(int64_t channels, int64_t bits) {
  if (channels != 1 && channels != 3 && channels != 4) throw std::invalid_argument("images have 1 (grey), 3 (blue, green, red) or 4 (and alpha) channels");
  if (bits != 8 && bits != 16) throw std::invalid_argument("image samples have 8 or 16 bits");
  return CV_MAKETYPE(bits == 8 ? CV_8U : CV_16U, static_cast<int>(channels));
}

void require_side(int64_t side, const char* name) {
  if (side < 1 || side > 65535) throw std::invalid_argument(std::string(name) + " must be in [1, 65535]");
}

// A view of caller-owned pixels; OpenCV neither copies nor frees them.
cv::Mat wrap(const uint8_t* pixels, int64_t height, int64_t width, int64_t channels, int64_t bits) {
  ae::require_not_null(pixels, "pixels");
  require_side(height, "height");
  require_side(width, "width");
  return cv::Mat(static_cast<int>(height), static_cast<int>(width), mat_type(channels, bits), const_cast<uint8_t*>(pixels));
}

cv::Rect rect(int64_t x, int64_t y, int64_t width, int64_t height, const cv::Mat& within, const char* name) {
  if (x < 0 || y < 0 || width < 1 || height < 1 || x + width > within.cols || y + height > within.rows) {
    throw std::invalid_argument(std::string(name) + " rectangle lies outside its image");
  }
  return cv::Rect(static_cast<int>(x), static_cast<int>(y), static_cast<int>(width), static_cast<int>(height));
}

}  // namespace

extern "C" {

int32_t ae_image_decode(const uint8_t* bytes, int64_t length, const uint8_t** out_pixels, int64_t* out_length, int64_t* out_height,
                        int64_t* out_width, int64_t* out_channels, int64_t* out_bits) {
  return ae::guard(__func__, [&] {
    ae::require_not_null(bytes, "bytes");
    for (auto* out : {out_length, out_height, out_width, out_channels, out_bits}) ae::require_not_null(out, "an output");
    ae::require_not_null(out_pixels, "out_pixels");
    if (length < 1 || length > INT32_MAX) throw std::invalid_argument("encoded images hold 1 to 2^31-1 bytes");
    const cv::Mat encoded(1, static_cast<int>(length), CV_8UC1, const_cast<uint8_t*>(bytes));
    cv::Mat image = cv::imdecode(encoded, cv::IMREAD_UNCHANGED);
    if (image.empty()) throw std::runtime_error("the bytes are not an image OpenCV can decode (unknown format, truncated or damaged)");
    if (image.depth() != CV_8U && image.depth() != CV_16U) throw std::runtime_error("only images of 8- or 16-bit samples are supported");
    if (image.channels() == 2) cv::cvtColor(image, image, cv::COLOR_GRAY2BGRA);  // grey and alpha
    if (image.channels() != 1 && image.channels() != 3 && image.channels() != 4) throw std::runtime_error("only grey, colour and colour-with-alpha images are supported");
    if (!image.isContinuous()) image = image.clone();
    const auto* data = reinterpret_cast<const char*>(image.data);
    ae::hand_out(std::vector<char>(data, data + image.total() * image.elemSize()), out_pixels, out_length);
    *out_height = image.rows;
    *out_width = image.cols;
    *out_channels = image.channels();
    *out_bits = image.depth() == CV_8U ? 8 : 16;
  });
}

int32_t ae_image_resize(const uint8_t* pixels, int64_t height, int64_t width, int64_t channels, int64_t bits, int64_t from_x, int64_t from_y,
                        int64_t from_width, int64_t from_height, uint8_t* out_pixels, int64_t out_height, int64_t out_width, int64_t to_x,
                        int64_t to_y, int64_t to_width, int64_t to_height) {
  return ae::guard(__func__, [&] {
    const cv::Mat source = wrap(pixels, height, width, channels, bits);
    cv::Mat target = wrap(out_pixels, out_height, out_width, channels, bits);
    const cv::Mat from = source(rect(from_x, from_y, from_width, from_height, source, "source"));
    cv::Mat to = target(rect(to_x, to_y, to_width, to_height, target, "target"));
    const bool shrinking = to.cols <= from.cols && to.rows <= from.rows;
    // Writes into the caller's buffer: the target view has the size and type resize produces.
    cv::resize(from, to, to.size(), 0, 0, shrinking ? cv::INTER_AREA : cv::INTER_LINEAR);
  });
}

int32_t ae_image_grayscale(const uint8_t* pixels, int64_t height, int64_t width, int64_t channels, int64_t bits, uint8_t* out_pixels) {
  return ae::guard(__func__, [&] {
    const cv::Mat source = wrap(pixels, height, width, channels, bits);
    cv::Mat target = wrap(out_pixels, height, width, 1, bits);
    if (channels == 1) source.copyTo(target);
    else cv::cvtColor(source, target, channels == 3 ? cv::COLOR_BGR2GRAY : cv::COLOR_BGRA2GRAY);
  });
}

int32_t ae_image_smooth(float* values, int64_t height, int64_t width, double sigma) {
  return ae::guard(__func__, [&] {
    ae::require_not_null(values, "values");
    require_side(height, "height");
    require_side(width, "width");
    if (!(sigma > 0) || sigma > 1000) throw std::invalid_argument("sigma must be in (0, 1000]");
    cv::Mat map(static_cast<int>(height), static_cast<int>(width), CV_32FC1, values);
    cv::GaussianBlur(map, map, cv::Size(0, 0), sigma, sigma, cv::BORDER_REFLECT);
  });
}

int32_t ae_image_dissimilarity(const float* image, const float* reconstruction, int64_t height, int64_t width, int64_t channels,
                               double sigma, float* out_map) {
  return ae::guard(__func__, [&] {
    ae::require_not_null(image, "image");
    ae::require_not_null(reconstruction, "reconstruction");
    ae::require_not_null(out_map, "out_map");
    require_side(height, "height");
    require_side(width, "width");
    if (channels < 1 || channels > 4) throw std::invalid_argument("channels must be 1 to 4");
    if (!(sigma > 0) || sigma > 1000) throw std::invalid_argument("sigma must be in (0, 1000]");
    constexpr double c1 = 0.01 * 0.01, c2 = 0.03 * 0.03;
    const int rows = static_cast<int>(height), cols = static_cast<int>(width);
    const auto blur = [&](const cv::Mat& values) {
      cv::Mat blurred;
      cv::GaussianBlur(values, blurred, cv::Size(0, 0), sigma, sigma, cv::BORDER_REFLECT);
      return blurred;
    };
    // In double precision: the variances are differences of nearly equal blurred values.
    cv::Mat sum = cv::Mat::zeros(rows, cols, CV_64FC1);
    for (int64_t channel = 0; channel < channels; channel++) {
      const int64_t offset = channel * height * width;
      cv::Mat x, y;
      cv::Mat(rows, cols, CV_32FC1, const_cast<float*>(image + offset)).convertTo(x, CV_64FC1);
      cv::Mat(rows, cols, CV_32FC1, const_cast<float*>(reconstruction + offset)).convertTo(y, CV_64FC1);
      const cv::Mat mx = blur(x), my = blur(y);
      const cv::Mat vx = blur(x.mul(x)) - mx.mul(mx), vy = blur(y.mul(y)) - my.mul(my), cxy = blur(x.mul(y)) - mx.mul(my);
      const cv::Mat numerator = (2 * mx.mul(my) + c1).mul(2 * cxy + c2);
      const cv::Mat denominator = (mx.mul(mx) + my.mul(my) + c1).mul(vx + vy + c2);
      cv::Mat ssim;
      cv::divide(numerator, denominator, ssim);
      sum += 1 - ssim;
    }
    cv::Mat map(rows, cols, CV_32FC1, out_map);
    sum.convertTo(map, CV_32FC1, 1.0 / static_cast<double>(channels));
  });
}

int32_t ae_image_write(const char* path, const uint8_t* pixels, int64_t height, int64_t width, int64_t channels, int64_t bits) {
  return ae::guard(__func__, [&] {
    ae::require_not_null(path, "path");
    const cv::Mat image = wrap(pixels, height, width, channels, bits);
    if (!cv::imwrite(path, image)) throw std::runtime_error(std::string("OpenCV could not write '") + path + "' (unknown extension or unwritable path)");
  });
}

}  // extern "C"
