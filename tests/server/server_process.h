// Runs the real praxis-server binary for a test: starts it on a free port, collects its
// output, stops it with a signal and reports the exit status.
#pragma once

#include <sys/types.h>

#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace praxis::test {

class ServerProcess {
 public:
  ServerProcess() = default;
  ~ServerProcess();
  ServerProcess(const ServerProcess&) = delete;
  ServerProcess& operator=(const ServerProcess&) = delete;

  // Starts `PRAXIS_SERVER_BIN args... --port 0` and waits until it serves. Returns false (and
  // the process's exit status in *exit_status, -1 if it did not exit) when it never does.
  bool Start(const std::vector<std::string>& args, int* exit_status = nullptr);
  int port() const { return port_; }
  // Sends `signal` and waits for the exit status.
  int Stop(int signal = 15);
  std::string Output();

 private:
  pid_t pid_ = -1;
  int port_ = 0;
  int fd_ = -1;
  std::thread reader_;
  std::mutex mutex_;
  std::string output_;
};

// A port on 127.0.0.1 that nothing listens on right now.
int FreePort();

}  // namespace praxis::test
