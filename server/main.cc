// praxis-server: faceted search over a Praxis index, as a JSON API and web pages.
//
//   praxis-server --index var/index [--host 127.0.0.1] [--port 8080] [--web web] [--threads N]
//
// Exit status: 0 after a clean stop (SIGINT/SIGTERM), 1 when the index cannot be served or the
// port cannot be bound, 2 for a usage error.
#include <pthread.h>
#include <signal.h>

#include <iostream>
#include <thread>

#include <CLI/CLI.hpp>

#include "http_server.h"
#include "index_manager.h"
#include "vocabulary.h"

int main(int argc, char** argv) {
  praxis::ServerOptions options;
  CLI::App app{"Serve faceted search over a Praxis index."};
  app.add_option("--index", options.index, "Index stub file or Xapian database")->required();
  app.add_option("--host", options.host, "Address to listen on");
  app.add_option("--port", options.port, "Port (0 picks a free one)")->check(CLI::Range(0, 65535));
  app.add_option("--web", options.web, "Folder with templates/ and static/");
  app.add_option("--schemas", options.schemas, "Folder with vocabulary.yaml");
  app.add_option("--threads", options.threads, "Request threads")->check(CLI::Range(1, 256));
  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    std::cerr << "praxis-server: " << e.what() << "\nRun with --help for usage.\n";
    return 2;
  }

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
  server.Run();
  index.StopWatching();
  // Wake the signal thread if the server stopped for another reason.
  pthread_kill(signal_thread.native_handle(), SIGTERM);
  signal_thread.join();
  return 0;
}
