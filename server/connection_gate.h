// How praxis-server holds connections, in front of cpp-httplib's request parser.
//
// cpp-httplib 0.11.4 gives every accepted connection a worker thread at once, and a worker then
// waits for each byte of the request for up to the read timeout. A few dozen idle or
// byte-by-byte ("slowloris") connections therefore hold every worker and starve everyone else.
// Here one thread watches all open connections with epoll and hands a connection to a worker
// only when a complete request head has arrived. A head must arrive within a deadline and fit
// in a size limit, and the number of open connections is bounded; a waiting connection costs a
// file descriptor, not a thread. Workers then parse and answer with httplib's own
// process_request, so routing, compression and the handlers are unchanged.
#pragma once

#include <atomic>
#include <chrono>
#include <memory>
#include <mutex>
#include <thread>
#include <unordered_map>

#include <httplib.h>

namespace praxis {

struct ConnectionLimits {
  int workers = 32;
  // Open connections, waiting or being answered; 0 derives it from the file descriptor limit.
  size_t max_connections = 0;
  size_t max_head_bytes = 32 * 1024;                 // request line and headers together
  // A whole head, once its first byte is in (and a new connection's first byte). Between the
  // requests of a keep-alive connection it waits for httplib's keep-alive timeout.
  std::chrono::milliseconds head_timeout{10000};
  std::chrono::milliseconds body_timeout{30000};     // a whole request body
};

class GatedServer : public httplib::Server {
 public:
  explicit GatedServer(ConnectionLimits limits);
  ~GatedServer() override;

  // After listen_after_bind() has returned: closes waiting connections and lets the workers
  // finish the requests they have.
  void Shutdown();

  size_t max_connections() const { return limits_.max_connections; }

 private:
  struct Waiting {
    std::chrono::steady_clock::time_point deadline;
    bool started = false;  // some bytes of the next head are in
    size_t served = 0;     // requests answered on this connection so far
  };

  // Called by httplib for each accepted socket, on the listening thread (the task queue runs
  // tasks inline): it only registers the socket with the watcher.
  bool process_and_close_socket(socket_t sock) override;

  void Watch();
  void Register(int fd, size_t served, bool accepted);
  void Examine(int fd, bool hangup);  // with mutex_ held
  void Serve(int fd, size_t head_bytes, size_t served);
  void CloseWaiting(int fd);  // with mutex_ held
  void Close(int fd);

  ConnectionLimits limits_;
  int epoll_fd_ = -1;
  int wake_fd_ = -1;
  std::mutex mutex_;
  std::unordered_map<int, Waiting> waiting_;
  std::atomic<size_t> open_{0};
  std::atomic<bool> stopping_{false};
  std::unique_ptr<httplib::ThreadPool> workers_;
  std::thread watcher_;
};

}  // namespace praxis
