#include "http_server.h"

#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>

#include <chrono>
#include <climits>
#include <cstdlib>
#include <iostream>
#include <thread>

#include <httplib.h>

#include "analytics_routes.h"
#include "api_json.h"
#include "connection_gate.h"
#include "contribution_routes.h"
#include "http_util.h"
#include "pages.h"
#include "openapi_json.h"
#include "practice_lookup.h"
#include "search_request.h"
#include "searcher.h"
#include "text_util.h"

namespace praxis {

namespace {

constexpr size_t kMaxPathBytes = 1024;
constexpr size_t kMaxBodyBytes = 1024 * 1024;
// Every facet value of the search form selected at once stays well below this.
constexpr size_t kMaxQueryParameters = 256;

thread_local std::chrono::steady_clock::time_point t_request_start;

double SecondsSinceStart() {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - t_request_start).count();
}

bool IsApiPath(const std::string& path) { return path.rfind("/api/", 0) == 0; }

}  // namespace

HttpServer::HttpServer(ServerOptions options, const Vocabulary& vocabulary, IndexManager& index)
    : options_(std::move(options)),
      vocabulary_(vocabulary),
      index_(index),
      server_(std::make_unique<GatedServer>(
          ConnectionLimits{.workers = options_.threads > 0 ? options_.threads : 32})) {
  openapi_json_ = kOpenApiJson;
  char resolved[PATH_MAX];
  if (::realpath((options_.web + "/static").c_str(), resolved)) static_root_ = resolved;

  // TCP_NODELAY: without it Nagle's algorithm adds ~40 ms to every keep-alive response.
  server_->set_socket_options([](socket_t sock) {
    int yes = 1;
    ::setsockopt(sock, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof yes);
    ::setsockopt(sock, IPPROTO_TCP, TCP_NODELAY, &yes, sizeof yes);
  });
  // Waiting for a request head costs no worker (connection_gate.h); these bound what a worker
  // waits for once it has one: each read of a body and each write of a response.
  server_->set_keep_alive_max_count(100);
  server_->set_keep_alive_timeout(5);  // only announced in Keep-Alive; the gate enforces it
  server_->set_read_timeout(5, 0);
  server_->set_write_timeout(5, 0);
  server_->set_idle_interval(0, 100000);
  server_->set_payload_max_length(kMaxBodyBytes);
  server_->set_default_headers({{"X-Content-Type-Options", "nosniff"},
                                {"Referrer-Policy", "no-referrer"},
                                {"Vary", "Accept-Encoding"}});
  InstallHardening();
  InstallApiRoutes();
  InstallAnalyticsRoutes(*server_, index_, vocabulary_);
  InstallPages();
  ContributionOptions contribution{options_.content, options_.submissions, options_.index,
                                   options_.schemas, options_.web, options_.review_token_file,
                                   static_cast<size_t>(options_.submissions_per_hour)};
  if (!InstallContributionRoutes(*server_, contribution, vocabulary_, index_, &setup_error_)) {
    setup_error_ = "cannot offer /review: " + setup_error_;
  }
}

HttpServer::~HttpServer() = default;

void HttpServer::InstallHardening() {
  using httplib::Request;
  using httplib::Response;
  using HandlerResponse = httplib::Server::HandlerResponse;

  // Runs before bodies are read, static files served or routes matched.
  server_->set_pre_routing_handler(
      httplib::Server::HandlerWithResponse([this](const Request& req, Response& res) {
        t_request_start = std::chrono::steady_clock::now();
        auto refuse = [&](int status, const std::string& code, const std::string& message) {
          res.set_header("Connection", "close");
          SendError(res, {status, code, message});
          return HandlerResponse::Handled;
        };
        const bool post_allowed = req.path == "/api/v1/submissions" || req.path == "/contribute" ||
                                  req.path == "/review";
        if (req.method == "OPTIONS" && IsApiPath(req.path)) {
          res.status = 204;
          res.set_header("Access-Control-Allow-Origin", "*");
          res.set_header("Access-Control-Allow-Methods", "GET, HEAD, OPTIONS");
          res.set_header("Access-Control-Max-Age", "86400");
          return HandlerResponse::Handled;
        }
        if (req.method != "GET" && req.method != "HEAD" && !(req.method == "POST" && post_allowed)) {
          res.set_header("Allow", post_allowed ? "GET, HEAD, POST" : "GET, HEAD");
          return refuse(405, "method_not_allowed", "method " + std::string(Utf8Prefix(req.method, 20)) +
                                                       " is not allowed here");
        }
        if (req.path.size() > kMaxPathBytes) {
          return refuse(414, "uri_too_long", "the request path is longer than 1024 bytes");
        }
        if (FindInvalidUtf8(req.path) || req.path.find('\0') != std::string::npos) {
          return refuse(400, "invalid_encoding", "the request path must be UTF-8 without NUL bytes");
        }
        if (req.params.size() > kMaxQueryParameters) {
          return refuse(400, "too_many_parameters", "the query string has more than " +
                                                        std::to_string(kMaxQueryParameters) + " parameters");
        }
        if (req.method == "POST") {
          if (req.has_header("Transfer-Encoding")) {
            return refuse(411, "length_required", "send the body with a Content-Length");
          }
          const std::string length = req.get_header_value("Content-Length");
          if (!length.empty() && std::strtoull(length.c_str(), nullptr, 10) > kMaxBodyBytes) {
            return refuse(413, "payload_too_large", "the request body is larger than 1 MiB");
          }
        } else if (req.has_header("Transfer-Encoding") ||
                   (req.has_header("Content-Length") && req.get_header_value("Content-Length") != "0")) {
          return refuse(400, "unexpected_body", "GET and HEAD requests take no body");
        }
        if (req.path.rfind("/static/", 0) == 0) {
          // cpp-httplib serves dotfiles and follows symlinks out of the folder: refuse both.
          if (req.path.find("/.") != std::string::npos || static_root_.empty()) {
            return refuse(404, "not_found", "no such file");
          }
          char resolved[PATH_MAX];
          const std::string file = options_.web + req.path;
          if (::realpath(file.c_str(), resolved) &&
              std::string(resolved).rfind(static_root_ + "/", 0) != 0) {
            return refuse(404, "not_found", "no such file");
          }
        }
        return HandlerResponse::Unhandled;
      }));

  server_->set_exception_handler([](const Request& req, Response& res, std::exception_ptr ep) {
    std::string what = "unknown exception";
    try {
      std::rethrow_exception(ep);
    } catch (const Xapian::Error& e) {
      what = e.get_description();
    } catch (const std::exception& e) {
      what = e.what();
    } catch (...) {
    }
    std::cerr << "praxis-server: internal error on " << req.method << " "
              << Utf8Prefix(req.path, 200) << ": " << what << "\n";
    res.headers.erase("EXCEPTION_WHAT");
    SendError(res, {500, "internal_error", "internal error; it has been logged"});
  });

  // The error handler (JSON under /api/, HTML pages elsewhere) is set with the pages.

  server_->set_logger([this](const Request& req, const Response& res) {
    const double seconds = SecondsSinceStart();
    metrics_.Record(Metrics::RouteOf(req.path), res.status, seconds);
    char line[160];
    std::snprintf(line, sizeof line, " %d %zu %.2fms\n", res.status, res.body.size(), seconds * 1000);
    // Method and path only: no client address and no query text (searches are sensitive).
    // --log-queries adds the query string, still percent-encoded, for editors (docs/privacy.md).
    std::string path(Utf8Prefix(req.path, 200));
    if (options_.log_queries) {
      const size_t query = req.target.find('?');
      if (query != std::string::npos) {
        path += Utf8Prefix(std::string_view(req.target).substr(query), 1000);
      }
    }
    for (char& c : path) {
      if (static_cast<unsigned char>(c) < 0x20) c = '?';
    }
    std::cout << req.method.substr(0, 8) << " " << path << line << std::flush;
  });
}

void HttpServer::InstallApiRoutes() {
  using httplib::Request;
  using httplib::Response;

  auto api = [](Response& res) { res.set_header("Access-Control-Allow-Origin", "*"); };

  server_->Get("/api/v1/search", [this, api](const Request& req, Response& res) {
    api(res);
    SearchRequest request;
    ApiError error;
    if (!ParseSearchRequest(req.params, {}, &request, &error)) return SendError(res, error);
    const auto start = std::chrono::steady_clock::now();
    SearchResult result = WithCurrentIndex(index_, [&](Xapian::Database& db, const Snapshot& snapshot) {
      return Searcher(db, *snapshot.facets, vocabulary_).Search(request);
    });
    const double took_ms =
        std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
    SendJson(res, 200, SearchResultJson(request, result, took_ms));
  });

  server_->Get(R"(/api/v1/practices/([^/]{1,200}))", [this, api](const Request& req, Response& res) {
    api(res);
    const std::string id = req.matches[1];
    if (!req.params.empty()) {
      return SendError(res, {400, "unknown_parameter",
                             "unknown parameter '" + std::string(Utf8Prefix(req.params.begin()->first, 60)) + "'"});
    }
    std::optional<nlohmann::json> body = WithCurrentIndex(index_, [&](Xapian::Database& db, const Snapshot&) {
      Xapian::docid docid = 0;
      std::optional<Entry> entry = FindPractice(db, id, &docid);
      if (!entry) return std::optional<nlohmann::json>();
      nlohmann::json practice = PracticeJson(*entry, vocabulary_, MoreLikeThis(db, docid, id, 5));
      practice["overlaps"] = PracticeOverlapsJson(db, *entry);
      return std::optional<nlohmann::json>(std::move(practice));
    });
    if (!body) {
      return SendError(res, {404, "not_found", "no practice with id '" + std::string(Utf8Prefix(id, 80)) + "'"});
    }
    SendJson(res, 200, *body);
  });

  server_->Get("/api/v1/vocabulary", [this, api](const Request& req, Response& res) {
    api(res);
    if (!req.params.empty()) {
      return SendError(res, {400, "unknown_parameter", "this endpoint takes no parameters"});
    }
    auto snapshot = index_.Current();
    SendJson(res, 200, VocabularyJson(vocabulary_, *snapshot->facets));
  });

  server_->Get("/api/v1/openapi.json", [this, api](const Request&, Response& res) {
    api(res);
    if (openapi_json_.empty()) {
      return SendError(res, {404, "not_found", "the API description is not installed"});
    }
    res.set_content(openapi_json_, "application/json");
  });

  server_->Get("/healthz", [this](const Request&, Response& res) {
    auto snapshot = index_.Current();
    SendJson(res, 200, {{"status", "ok"},
                        {"documents", snapshot->facets->document_count()},
                        {"revision", snapshot->revision}});
  });

  server_->Get("/metrics", [this](const Request&, Response& res) {
    auto snapshot = index_.Current();
    res.set_content(metrics_.Render(snapshot->facets->document_count()),
                    "text/plain; version=0.0.4; charset=utf-8");
  });
}

void HttpServer::InstallPages() {
  httplib::Headers cache = {{"Cache-Control", "public, max-age=3600"}};
  server_->set_mount_point("/static/", options_.web + "/static", cache);
  server_->set_file_extension_and_mimetype_mapping("svg", "image/svg+xml");
  server_->set_file_extension_and_mimetype_mapping("js", "application/javascript");

  auto pages = std::make_shared<WebPages>(options_.web, vocabulary_, index_);
  std::string error;
  if (!pages->Load(&error)) {
    std::cerr << "praxis-server: warning: web pages unavailable: " << error << "\n";
  }
  pages->Install(*server_);

  // Runs for every status >= 400; fills only empty bodies. JSON under /api/, HTML elsewhere.
  server_->set_error_handler([pages](const httplib::Request& req, httplib::Response& res) {
    if (!res.body.empty()) return;
    if (!IsApiPath(req.path)) return pages->RenderErrorPage(req, res);
    if (res.status == 404) {
      SendError(res, {404, "not_found", "no route for " + std::string(Utf8Prefix(req.path, 200))});
    } else if (res.status == 413) {
      SendError(res, {413, "payload_too_large", "the request body is larger than 1 MiB"});
    } else if (res.status == 414) {
      SendError(res, {414, "uri_too_long", "the request line is too long"});
    } else {
      SendError(res, {res.status, "bad_request", "the request could not be processed"});
    }
  });
}

bool HttpServer::Bind(std::string* error) {
  if (!setup_error_.empty()) {
    *error = setup_error_;
    return false;
  }
  if (options_.port == 0) {
    port_ = server_->bind_to_any_port(options_.host);
    if (port_ <= 0) {
      *error = "cannot listen on " + options_.host;
      return false;
    }
    return true;
  }
  if (!server_->bind_to_port(options_.host, options_.port)) {
    *error = "cannot listen on " + options_.host + ":" + std::to_string(options_.port) +
             " (is the port in use, or the address not on this machine?)";
    return false;
  }
  port_ = options_.port;
  return true;
}

void HttpServer::Run() {
  server_->listen_after_bind();
  server_->Shutdown();
}

void HttpServer::Stop() { server_->stop(); }

}  // namespace praxis
