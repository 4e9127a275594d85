#include "connection_gate.h"

#include <arpa/inet.h>
#include <netdb.h>
#include <poll.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cstring>
#include <string_view>
#include <vector>

namespace praxis {

namespace {

using Clock = std::chrono::steady_clock;

// httplib calls the task queue from its accept loop; running the task there is what lets the
// gate see each socket before any worker is committed to it.
class InlineQueue : public httplib::TaskQueue {
 public:
  void enqueue(std::function<void()> fn) override { fn(); }
  void shutdown() override {}
};

// Sends a short answer without waiting on the client; a slow or gone client just misses it.
void SendAndForget(int fd, std::string_view status, std::string_view message) {
  std::string response = "HTTP/1.1 " + std::string(status) +
                         "\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Length: " +
                         std::to_string(message.size() + 1) + "\r\nConnection: close\r\n\r\n" +
                         std::string(message) + "\n";
  ssize_t ignored = ::send(fd, response.data(), response.size(), MSG_NOSIGNAL | MSG_DONTWAIT);
  (void)ignored;
}

size_t DefaultMaxConnections(int workers) {
  // A server wants many descriptors; the soft limit is often 1024 while the hard one is larger.
  rlimit limit{};
  if (::getrlimit(RLIMIT_NOFILE, &limit) == 0 && limit.rlim_cur < limit.rlim_max) {
    limit.rlim_cur = std::min<rlim_t>(limit.rlim_max, 65536);
    ::setrlimit(RLIMIT_NOFILE, &limit);
  }
  ::getrlimit(RLIMIT_NOFILE, &limit);
  // Keep room for the index: each worker opens its own database (a handful of files each), two
  // generations of it during a swap.
  const long reserve = 64 + 16L * workers;
  const long room = static_cast<long>(std::min<rlim_t>(limit.rlim_cur, 1 << 20)) - reserve;
  return static_cast<size_t>(std::clamp<long>(room, 64, 10000));
}

std::string NumericAddress(const sockaddr_storage& addr, socklen_t len, int* port) {
  char host[NI_MAXHOST], service[NI_MAXSERV];
  if (::getnameinfo(reinterpret_cast<const sockaddr*>(&addr), len, host, sizeof host, service,
                    sizeof service, NI_NUMERICHOST | NI_NUMERICSERV) != 0) {
    *port = 0;
    return "";
  }
  *port = std::atoi(service);
  return host;
}

// One request on a connection whose complete head is already in the socket buffer. The head is
// read in one go and handed out byte by byte (httplib's line reader asks for one byte at a
// time); the body is read exactly as asked, so a pipelined next request stays in the socket for
// the watcher. It also notes whether the response said "Connection: close".
class GatedStream : public httplib::Stream {
 public:
  GatedStream(int fd, Clock::time_point body_deadline, std::chrono::milliseconds read_timeout,
              std::chrono::milliseconds write_timeout)
      : fd_(fd),
        body_deadline_(body_deadline),
        read_timeout_(read_timeout),
        write_timeout_(write_timeout) {}

  bool ReadHead(size_t bytes) {
    head_.resize(bytes);
    size_t got = 0;
    while (got < bytes) {
      if (!Wait(POLLIN, read_timeout_)) return false;
      ssize_t n = ::recv(fd_, head_.data() + got, bytes - got, MSG_DONTWAIT);
      if (n == 0) return false;
      if (n < 0) {
        if (errno == EINTR || errno == EAGAIN) continue;
        return false;
      }
      got += static_cast<size_t>(n);
    }
    return true;
  }

  bool said_close() const { return said_close_; }

  bool is_readable() const override {
    return head_pos_ < head_.size() || Wait(POLLIN, read_timeout_);
  }
  bool is_writable() const override { return Wait(POLLOUT, write_timeout_); }

  ssize_t read(char* ptr, size_t size) override {
    if (head_pos_ < head_.size()) {
      const size_t n = std::min(size, head_.size() - head_pos_);
      std::memcpy(ptr, head_.data() + head_pos_, n);
      head_pos_ += n;
      return static_cast<ssize_t>(n);
    }
    for (;;) {
      const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(body_deadline_ - Clock::now());
      if (left.count() <= 0 || !Wait(POLLIN, std::min(read_timeout_, left))) return -1;
      ssize_t n = ::recv(fd_, ptr, size, MSG_DONTWAIT);
      if (n < 0 && (errno == EINTR || errno == EAGAIN)) continue;
      return n;
    }
  }

  ssize_t write(const char* ptr, size_t size) override {
    for (;;) {
      if (!Wait(POLLOUT, write_timeout_)) return -1;
      ssize_t n = ::send(fd_, ptr, size, MSG_NOSIGNAL | MSG_DONTWAIT);
      if (n < 0 && (errno == EINTR || errno == EAGAIN)) continue;
      if (n > 0 && !head_written_) NoteResponseHead(std::string_view(ptr, static_cast<size_t>(n)));
      return n;
    }
  }

  void get_remote_ip_and_port(std::string& ip, int& port) const override {
    sockaddr_storage addr{};
    socklen_t len = sizeof addr;
    if (::getpeername(fd_, reinterpret_cast<sockaddr*>(&addr), &len) == 0) {
      ip = NumericAddress(addr, len, &port);
    }
  }
  void get_local_ip_and_port(std::string& ip, int& port) const override {
    sockaddr_storage addr{};
    socklen_t len = sizeof addr;
    if (::getsockname(fd_, reinterpret_cast<sockaddr*>(&addr), &len) == 0) {
      ip = NumericAddress(addr, len, &port);
    }
  }
  socket_t socket() const override { return fd_; }

 private:
  bool Wait(short events, std::chrono::milliseconds timeout) const {
    pollfd p{fd_, events, 0};
    for (;;) {
      const int r = ::poll(&p, 1, static_cast<int>(std::max<long long>(0, timeout.count())));
      if (r < 0 && errno == EINTR) continue;
      return r > 0 && (p.revents & events);
    }
  }

  // httplib writes the status line and headers of a response in one write; an interim
  // "100 Continue" comes before it.
  void NoteResponseHead(std::string_view chunk) {
    if (chunk.substr(0, 12) == "HTTP/1.1 100") return;
    head_written_ = true;
    std::string head(chunk.substr(0, chunk.find("\r\n\r\n")));
    std::transform(head.begin(), head.end(), head.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    said_close_ = head.find("\r\nconnection: close") != std::string::npos;
  }

  int fd_;
  Clock::time_point body_deadline_;
  std::chrono::milliseconds read_timeout_, write_timeout_;
  std::string head_;
  size_t head_pos_ = 0;
  bool head_written_ = false;
  bool said_close_ = false;
};

}  // namespace

GatedServer::GatedServer(ConnectionLimits limits) : limits_(limits) {
  if (limits_.workers <= 0) limits_.workers = 32;
  if (limits_.max_connections == 0) limits_.max_connections = DefaultMaxConnections(limits_.workers);
  new_task_queue = [] { return new InlineQueue; };
  workers_ = std::make_unique<httplib::ThreadPool>(static_cast<size_t>(limits_.workers));
  epoll_fd_ = ::epoll_create1(EPOLL_CLOEXEC);
  wake_fd_ = ::eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK);
  epoll_event wake{};
  wake.events = EPOLLIN;
  wake.data.fd = wake_fd_;
  ::epoll_ctl(epoll_fd_, EPOLL_CTL_ADD, wake_fd_, &wake);
  watcher_ = std::thread([this] { Watch(); });
}

GatedServer::~GatedServer() {
  Shutdown();
  ::close(epoll_fd_);
  ::close(wake_fd_);
}

void GatedServer::Shutdown() {
  if (stopping_.exchange(true)) return;
  uint64_t one = 1;
  ssize_t ignored = ::write(wake_fd_, &one, sizeof one);
  (void)ignored;
  if (watcher_.joinable()) watcher_.join();
  {
    std::lock_guard<std::mutex> lock(mutex_);
    std::vector<int> fds;
    for (const auto& [fd, w] : waiting_) fds.push_back(fd);
    for (int fd : fds) CloseWaiting(fd);
  }
  workers_->shutdown();  // requests already handed to workers are answered first
}

bool GatedServer::process_and_close_socket(socket_t sock) {
  if (stopping_ || open_ >= limits_.max_connections) {
    SendAndForget(sock, "503 Service Unavailable", "too many open connections; try again shortly");
    ::shutdown(sock, SHUT_RDWR);
    ::close(sock);
    return false;
  }
  ++open_;
  Register(sock, 0, /*accepted=*/true);
  return true;
}

void GatedServer::Register(int fd, size_t served, bool accepted) {
  std::lock_guard<std::mutex> lock(mutex_);
  if (stopping_) {
    Close(fd);
    return;
  }
  Waiting w;
  // A new connection may wait as long as a head may take: browsers open sockets ahead of use.
  w.deadline = Clock::now() + (accepted ? limits_.head_timeout
                                        : std::chrono::milliseconds(keep_alive_timeout_sec_ * 1000));
  w.served = served;
  waiting_[fd] = w;
  epoll_event event{};
  // Edge-triggered: the watcher only peeks, so a level-triggered socket with half a head in
  // its buffer would wake it again and again.
  event.events = EPOLLIN | EPOLLRDHUP | EPOLLET;
  event.data.fd = fd;
  if (::epoll_ctl(epoll_fd_, EPOLL_CTL_ADD, fd, &event) != 0) CloseWaiting(fd);
}

void GatedServer::Watch() {
  std::vector<epoll_event> events(256);
  auto next_sweep = Clock::now();
  while (!stopping_) {
    const int n = ::epoll_wait(epoll_fd_, events.data(), static_cast<int>(events.size()), 100);
    std::lock_guard<std::mutex> lock(mutex_);
    for (int i = 0; i < n; ++i) {
      const int fd = events[i].data.fd;
      if (fd == wake_fd_) continue;
      Examine(fd, events[i].events & (EPOLLRDHUP | EPOLLHUP | EPOLLERR));
    }
    const auto now = Clock::now();
    if (now < next_sweep) continue;
    next_sweep = now + std::chrono::milliseconds(50);
    std::vector<int> expired;
    for (const auto& [fd, w] : waiting_) {
      if (w.deadline <= now) expired.push_back(fd);
    }
    for (int fd : expired) {
      if (waiting_[fd].started) {
        SendAndForget(fd, "408 Request Timeout", "the request head did not arrive in time");
      }
      CloseWaiting(fd);
    }
  }
}

void GatedServer::Examine(int fd, bool hangup) {
  auto it = waiting_.find(fd);
  if (it == waiting_.end()) return;
  std::string buffer(limits_.max_head_bytes, '\0');
  ssize_t n = ::recv(fd, buffer.data(), buffer.size(), MSG_PEEK | MSG_DONTWAIT);
  if (n < 0 && (errno == EAGAIN || errno == EINTR)) return;
  if (n <= 0) {
    CloseWaiting(fd);
    return;
  }
  const size_t end = std::string_view(buffer.data(), static_cast<size_t>(n)).find("\r\n\r\n");
  if (end != std::string_view::npos) {
    const size_t served = it->second.served;
    waiting_.erase(it);
    ::epoll_ctl(epoll_fd_, EPOLL_CTL_DEL, fd, nullptr);
    workers_->enqueue([this, fd, head = end + 4, served] { Serve(fd, head, served); });
    return;
  }
  if (static_cast<size_t>(n) >= limits_.max_head_bytes) {
    SendAndForget(fd, "431 Request Header Fields Too Large",
                  "the request line and headers are longer than " +
                      std::to_string(limits_.max_head_bytes / 1024) + " KiB");
    CloseWaiting(fd);
    return;
  }
  if (hangup) {  // half a head and no more to come
    CloseWaiting(fd);
    return;
  }
  if (!it->second.started) {
    it->second.started = true;
    it->second.deadline = Clock::now() + limits_.head_timeout;
  }
}

void GatedServer::Serve(int fd, size_t head_bytes, size_t served) {
  const auto read_timeout = std::chrono::seconds(read_timeout_sec_) +
                            std::chrono::microseconds(read_timeout_usec_);
  const auto write_timeout = std::chrono::seconds(write_timeout_sec_) +
                             std::chrono::microseconds(write_timeout_usec_);
  GatedStream stream(fd, Clock::now() + limits_.body_timeout,
                     std::chrono::duration_cast<std::chrono::milliseconds>(read_timeout),
                     std::chrono::duration_cast<std::chrono::milliseconds>(write_timeout));
  bool keep = stream.ReadHead(head_bytes);
  if (keep) {
    const bool last = served + 1 >= keep_alive_max_count_ || stopping_;
    bool connection_closed = false;
    keep = process_request(stream, last, connection_closed, nullptr) && !last &&
           !connection_closed && !stream.said_close();
  }
  if (keep) {
    Register(fd, served + 1, /*accepted=*/false);
  } else {
    Close(fd);
  }
}

void GatedServer::CloseWaiting(int fd) {
  waiting_.erase(fd);
  ::epoll_ctl(epoll_fd_, EPOLL_CTL_DEL, fd, nullptr);
  Close(fd);
}

void GatedServer::Close(int fd) {
  ::shutdown(fd, SHUT_RDWR);
  ::close(fd);
  --open_;
}

}  // namespace praxis
