#include "metrics.h"

#include <cstdio>

namespace praxis {

std::string Metrics::RouteOf(const std::string& path) {
  auto starts = [&](const char* prefix) { return path.rfind(prefix, 0) == 0; };
  if (path == "/api/v1/search") return "api_search";
  if (starts("/api/v1/practices/")) return "api_practice";
  if (path == "/api/v1/vocabulary") return "api_vocabulary";
  if (path == "/api/v1/openapi.json") return "api_openapi";
  if (starts("/api/v1/export")) return "api_export";
  if (starts("/api/v1/stats")) return "api_stats";
  if (starts("/api/v1/submissions")) return "api_submissions";
  if (starts("/api/")) return "api_other";
  if (path == "/healthz") return "healthz";
  if (path == "/metrics") return "metrics";
  if (starts("/static/")) return "static";
  if (path == "/") return "page_search";
  if (path == "/fragments/search") return "page_search_fragment";
  if (starts("/practices/")) return "page_practice";
  if (path == "/about" || path == "/contribute" || path == "/stats" || path == "/feed.atom") {
    return "page" + std::string(path == "/feed.atom" ? "_feed" : "_" + path.substr(1));
  }
  return "other";
}

void Metrics::Record(const std::string& route, int status, double seconds) {
  std::lock_guard<std::mutex> lock(mutex_);
  ++requests_[{route, status}];
  Histogram& h = latency_[route];
  for (size_t i = 0; i < kBuckets.size(); ++i) {
    if (seconds <= kBuckets[i]) ++h.buckets[i];
  }
  ++h.count;
  h.sum += seconds;
}

std::string Metrics::Render(uint64_t documents) const {
  std::lock_guard<std::mutex> lock(mutex_);
  std::string out;
  char line[256];
  out += "# HELP praxis_http_requests_total HTTP requests by route and status.\n";
  out += "# TYPE praxis_http_requests_total counter\n";
  for (const auto& [key, count] : requests_) {
    std::snprintf(line, sizeof line, "praxis_http_requests_total{route=\"%s\",status=\"%d\"} %llu\n",
                  key.first.c_str(), key.second, static_cast<unsigned long long>(count));
    out += line;
  }
  out += "# HELP praxis_http_request_duration_seconds Time to answer a request.\n";
  out += "# TYPE praxis_http_request_duration_seconds histogram\n";
  for (const auto& [route, h] : latency_) {
    for (size_t i = 0; i < kBuckets.size(); ++i) {
      std::snprintf(line, sizeof line,
                    "praxis_http_request_duration_seconds_bucket{route=\"%s\",le=\"%g\"} %llu\n",
                    route.c_str(), kBuckets[i], static_cast<unsigned long long>(h.buckets[i]));
      out += line;
    }
    std::snprintf(line, sizeof line,
                  "praxis_http_request_duration_seconds_bucket{route=\"%s\",le=\"+Inf\"} %llu\n"
                  "praxis_http_request_duration_seconds_sum{route=\"%s\"} %.6f\n"
                  "praxis_http_request_duration_seconds_count{route=\"%s\"} %llu\n",
                  route.c_str(), static_cast<unsigned long long>(h.count), route.c_str(), h.sum,
                  route.c_str(), static_cast<unsigned long long>(h.count));
    out += line;
  }
  out += "# HELP praxis_index_documents Documents in the index being served.\n";
  out += "# TYPE praxis_index_documents gauge\n";
  out += "praxis_index_documents " + std::to_string(documents) + "\n";
  return out;
}

}  // namespace praxis
