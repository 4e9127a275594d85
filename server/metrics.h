// Request metrics in the Prometheus text format: counts by route and status, and a latency
// histogram by route. Aggregates only; no client address or query text is kept.
#pragma once

#include <array>
#include <cstdint>
#include <map>
#include <mutex>
#include <string>
#include <utility>

namespace praxis {

class Metrics {
 public:
  void Record(const std::string& route, int status, double seconds);
  // `documents` is the index's document count, exported as a gauge.
  std::string Render(uint64_t documents) const;

  // The route label of a request path (a small fixed set, so labels cannot explode).
  static std::string RouteOf(const std::string& path);

 private:
  static constexpr std::array<double, 11> kBuckets = {0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025,
                                                      0.05,   0.1,   0.25,   0.5,   1.0};
  struct Histogram {
    std::array<uint64_t, kBuckets.size()> buckets{};
    uint64_t count = 0;
    double sum = 0;
  };
  mutable std::mutex mutex_;
  std::map<std::pair<std::string, int>, uint64_t> requests_;
  std::map<std::string, Histogram> latency_;
};

}  // namespace praxis
