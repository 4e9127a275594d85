// praxis-server: faceted search over a Praxis index, as a JSON API and web pages.
//
//   praxis-server --index var/index [--host 127.0.0.1] [--port 8080] [--web web] [--threads N]
//   praxis-server --config praxis.yaml [options that override it] [--print-config]
//
// Exit status: 0 after a clean stop (SIGINT/SIGTERM), 1 when the index cannot be served or the
// port cannot be bound, 2 for a usage error.
#include <pthread.h>
#include <signal.h>

#include <iostream>
#include <thread>

#include "http_server.h"
#include "index_manager.h"
#include "server_config.h"
#include "vocabulary.h"

int main(int argc, char** argv) {
  praxis::ServerCommandLine command_line;
  if (int status = praxis::ParseServerCommandLine(argc, argv, &command_line); status >= 0) {
    return status;
  }
  if (command_line.print_config) {
    std::cout << praxis::FormatServerConfig(command_line);
    return 0;
  }
  const praxis::ServerOptions& options = command_line.options;

  // Signals go to one thread that stops the server; block them everywhere else first.
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGINT);
  sigaddset(&signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);

  praxis::Vocabulary vocabulary;
  std::string error;
  if (!vocabulary.Load(options.schemas + "/vocabulary.yaml", &error)) {
    std::cerr << "praxis-server: error: " << error << "\n";
    return 1;
  }
  praxis::IndexManager index(options.index);
  if (!index.Open(&error)) {
    std::cerr << "praxis-server: error: " << error << "\n";
    return 1;
  }
  praxis::HttpServer server(options, vocabulary, index);
  if (!server.Bind(&error)) {
    std::cerr << "praxis-server: error: " << error << "\n";
    return 1;
  }
  index.StartWatching();
  std::thread signal_thread([&server, signals] {
    int received = 0;
    sigwait(&signals, &received);
    std::cerr << "praxis-server: stopping (signal " << received << ")\n";
    server.Stop();
  });
  std::cerr << "praxis-server: serving " << options.index << " ("
            << index.Current()->facets->document_count() << " practices) on http://"
            << options.host << ":" << server.port() << "/\n";
  if (options.log_queries) {
    std::cerr << "praxis-server: --log-queries is on: query strings are logged (never addresses)\n";
  }
  server.Run();
  index.StopWatching();
  // Wake the signal thread if the server stopped for another reason.
  pthread_kill(signal_thread.native_handle(), SIGTERM);
  signal_thread.join();
  return 0;
}
