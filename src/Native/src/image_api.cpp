// ae_image_*: writes pictures through OpenCV's codecs (PNG, JPEG, ... by file extension).
#include <opencv2/core.hpp>
#include <opencv2/imgcodecs.hpp>

#include "boundary.h"

extern "C" {

int32_t ae_image_write(const char* path, const uint8_t* pixels, int64_t height, int64_t width, int64_t channels) {
  return ae::guard(__func__, [&] {
    ae::require_not_null(path, "path");
    ae::require_not_null(pixels, "pixels");
    if (height < 1 || width < 1 || height > 65535 || width > 65535) throw std::invalid_argument("image sides must be in [1, 65535]");
    if (channels != 1 && channels != 3) throw std::invalid_argument("images have 1 (grey) or 3 (blue, green, red) channels");
    const cv::Mat image(static_cast<int>(height), static_cast<int>(width), channels == 1 ? CV_8UC1 : CV_8UC3,
                        const_cast<uint8_t*>(pixels));
    if (!cv::imwrite(path, image)) throw std::runtime_error(std::string("OpenCV could not write '") + path + "' (unknown extension or unwritable path)");
  });
}

}  // extern "C"
