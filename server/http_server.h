// praxis-server's HTTP layer: it parses requests, calls the search classes and renders
// responses. It also closes the request-side holes of the Debian cpp-httplib 0.11.4 build
// (see docs/SECURITY.md): only known methods, bounded paths and bodies, no chunked uploads,
// no dotfiles or symlinks from the static folder, no exception text in responses.
#pragma once

#include <memory>
#include <string>

#include "index_manager.h"
#include "metrics.h"
#include "vocabulary.h"

namespace httplib {
class Server;
struct Request;
struct Response;
}  // namespace httplib

namespace praxis {

class GatedServer;

struct ServerOptions {
  std::string index = "var/index";
  std::string host = "127.0.0.1";
  int port = 8080;
  std::string web = "web";
  std::string schemas = "schemas";
  int threads = 0;  // 0: a default sized for blocking keep-alive connections
  bool log_queries = false;  // also log query strings (never client addresses); see docs/privacy.md
  // Contributions (contribution_routes.h): where submissions wait, where approved ones go.
  std::string content = "content";
  std::string submissions = "var/submissions";
  std::string review_token_file;  // empty: no /review pages
  int submissions_per_hour = 10;  // per client address
};

class HttpServer {
 public:
  HttpServer(ServerOptions options, const Vocabulary& vocabulary, IndexManager& index);
  ~HttpServer();

  // Binds the listening socket (port 0 picks a free port). False with a message on failure.
  bool Bind(std::string* error);
  int port() const { return port_; }

  // Serves until Stop(); requests in flight finish first.
  void Run();
  void Stop();

 private:
  void InstallHardening();
  void InstallApiRoutes();
  void InstallPages();

  ServerOptions options_;
  const Vocabulary& vocabulary_;
  IndexManager& index_;
  Metrics metrics_;
  std::string openapi_json_;
  std::string static_root_;  // real path of web/static, for the symlink check
  std::unique_ptr<GatedServer> server_;  // httplib's server behind the connection gate
  int port_ = 0;
  std::string setup_error_;  // a route set that could not be installed; Bind() reports it
};

}  // namespace praxis
