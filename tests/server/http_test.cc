// The real praxis-server binary over HTTP: every endpoint, every bad input, signals, start-up
// errors, index swaps under load and a remote shard through xapian-tcpsrv.
#include <doctest/doctest.h>

#include <signal.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <filesystem>
#include <fstream>
#include <thread>

#include <httplib.h>
#include <nlohmann/json.hpp>

#include "fixture_corpus.h"
#include "server_process.h"
#include "test_support.h"

namespace praxis {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

std::string IndexCommand(const std::string& content, const std::string& index, const std::string& extra = "") {
  return std::string(PRAXIS_INDEX_BIN) + " -q --schemas " + test::SchemasDir() + " --content " +
         content + " --index " + index + " " + extra;
}

// One index and one running server shared by the read-only cases.
struct Served {
  test::TempDir dir;
  std::vector<test::FixtureEntry> entries = test::MakeFixtureEntries(40);
  test::ServerProcess server;
  std::string web = dir.path() + "/web";

  Served() {
    test::WriteFixture(dir.path() + "/content", entries);
    auto r = test::RunCommand(IndexCommand(dir.path() + "/content", dir.path() + "/var/index"));
    REQUIRE_MESSAGE(r.status == 0, r.out);
    // A web folder with one public file, a dotfile and a symlink out of the tree.
    dir.Write("web/static/site.css", "body{}\n");
    dir.Write("web/static/.env", "SECRET=1\n");
    fs::create_symlink("/etc/hostname", web + "/static/escape.css");
    REQUIRE(server.Start({"--index", dir.path() + "/var/index", "--web", web, "--schemas",
                          test::SchemasDir(), "--threads", "8"}));
  }
  httplib::Client Client() {
    httplib::Client c("127.0.0.1", server.port());
    c.set_read_timeout(10, 0);
    return c;
  }
};

Served& S() {
  static Served* s = new Served();
  return *s;
}

json Json(const httplib::Result& r) {
  REQUIRE(r);
  return json::parse(r->body);
}

TEST_CASE("search answers JSON with results, facets and the parsed query") {
  auto c = S().Client();
  auto r = c.Get("/api/v1/search?q=cannabis&actor=police&per_page=5");
  REQUIRE(r);
  CHECK(r->status == 200);
  CHECK(r->get_header_value("Content-Type") == "application/json");
  CHECK(r->get_header_value("X-Content-Type-Options") == "nosniff");
  CHECK(r->get_header_value("Access-Control-Allow-Origin") == "*");
  json j = json::parse(r->body);
  for (const char* key : {"total", "page", "per_page", "took_ms", "query", "suggestion", "results", "facets"}) {
    CHECK_MESSAGE(j.contains(key), key);
  }
  CHECK(j["per_page"] == 5);
  CHECK(j["results"].size() <= 5);
  const auto& first = j["results"][0];
  for (const char* key : {"id", "title", "summary", "snippet", "countries", "themes", "evidence",
                          "start_year", "updated", "url"}) {
    CHECK_MESSAGE(first.contains(key), key);
  }
  CHECK(first["snippet"].get<std::string>().find("<mark>") != std::string::npos);
  for (const char* facet : {"country", "region", "theme", "target_group", "age_band", "prevention_level",
                            "setting", "actor", "evidence", "language", "youth_participation",
                            "gender_responsive"}) {
    CHECK_MESSAGE(j["facets"].contains(facet), facet);
  }
  CHECK(j["query"]["parsed"].get<std::string>().find("cannabi") != std::string::npos);
}

TEST_CASE("an empty query browses everything, newest first") {
  json j = Json(S().Client().Get("/api/v1/search?per_page=100"));
  CHECK(j["total"] == S().entries.size());
  CHECK(j["query"]["sort"] == "newest");
  int previous = 9999;
  for (const auto& r : j["results"]) {
    CHECK(r["start_year"].get<int>() <= previous);
    previous = r["start_year"];
  }
}

TEST_CASE("a practice with its body as safe HTML and similar practices") {
  json j = Json(S().Client().Get("/api/v1/practices/fixture-101"));
  CHECK(j["id"] == "fixture-101");
  CHECK(j["body_html"].get<std::string>().find("<h2>Context</h2>") != std::string::npos);
  CHECK(j["similar"].size() == 5);
  CHECK(j["sources"][0]["url"] == "https://example.org/fixture-101");
  auto missing = S().Client().Get("/api/v1/practices/no-such-practice");
  REQUIRE(missing);
  CHECK(missing->status == 404);
  CHECK(json::parse(missing->body)["error"]["code"] == "not_found");
}

TEST_CASE("vocabulary, health, metrics and the API description") {
  auto c = S().Client();
  json v = Json(c.Get("/api/v1/vocabulary"));
  bool found_norway = false;
  for (const auto& value : v["country"]["values"]) found_norway = found_norway || value["label"] == "Norway";
  CHECK(found_norway);
  CHECK(v["evidence"]["values"][0]["definition"].get<std::string>().size() > 10);
  json h = Json(c.Get("/healthz"));
  CHECK(h["status"] == "ok");
  CHECK(h["documents"] == S().entries.size());
  CHECK(h["revision"].get<std::string>().find("index.d/gen-") == 0);
  REQUIRE(c.Get("/api/v1/search?q=officers"));
  // The access logger counts a request just after its response is sent: allow it a moment.
  std::string metrics;
  for (int i = 0; i < 50; ++i) {
    auto m = c.Get("/metrics");
    REQUIRE(m);
    metrics = m->body;
    if (metrics.find("route=\"api_search\",status=\"200\"") != std::string::npos) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  CHECK(metrics.find("praxis_http_requests_total{route=\"api_search\",status=\"200\"}") != std::string::npos);
  CHECK(metrics.find("praxis_http_request_duration_seconds_bucket") != std::string::npos);
  CHECK(metrics.find("praxis_index_documents 40") != std::string::npos);
  json api = Json(c.Get("/api/v1/openapi.json"));
  CHECK(api["openapi"] == "3.1.0");
  CHECK(api["paths"].contains("/api/v1/search"));
}

TEST_CASE("responses are compressed when the client accepts it") {
  httplib::Headers headers = {{"Accept-Encoding", "gzip"}};
  auto c = S().Client();
  c.set_decompress(false);
  auto r = c.Get("/api/v1/search?per_page=50", headers);
  REQUIRE(r);
  CHECK(r->get_header_value("Content-Encoding") == "gzip");
}

TEST_CASE("bad input gets a 4xx with a JSON error naming the problem") {
  struct Case {
    std::string target;
    int status;
    std::string code;
  };
  const std::vector<Case> cases = {
      {"/api/v1/search?foo=1", 400, "unknown_parameter"},
      {"/api/v1/search?per_page=0", 400, "invalid_parameter"},
      {"/api/v1/search?per_page=101", 400, "invalid_parameter"},
      {"/api/v1/search?page=0", 400, "invalid_parameter"},
      {"/api/v1/search?page=1001", 400, "invalid_parameter"},
      {"/api/v1/search?page=two", 400, "invalid_parameter"},
      {"/api/v1/search?year_from=abc", 400, "invalid_parameter"},
      {"/api/v1/search?q=" + std::string(1001, 'a'), 400, "query_too_long"},
      {"/api/v1/search?q=%FF%FE", 400, "invalid_encoding"},
      {"/api/v1/search?q=a%00b", 400, "invalid_encoding"},
      {"/api/v1/search?theme=%C3", 400, "invalid_encoding"},
      {"/api/v1/nothing-here", 404, "not_found"},
      {"/" + std::string(2000, 'a'), 414, "uri_too_long"},
  };
  auto c = S().Client();
  for (const Case& k : cases) {
    auto r = c.Get(k.target);
    REQUIRE_MESSAGE(r, k.target);
    CHECK_MESSAGE(r->status == k.status, k.target);
    json j = json::parse(r->body);
    CHECK_MESSAGE(j["error"]["code"] == k.code, k.target);
    CHECK(j["error"]["message"].get<std::string>().size() > 5);
  }
}

TEST_CASE("malformed queries and unknown facet values are a 200, never a 5xx") {
  auto c = S().Client();
  for (const char* q : {"%22unbalanced", "AND", "foo+OR+OR+bar", "a..b", "(((", "title%3A", "*", "NOT"}) {
    auto r = c.Get(std::string("/api/v1/search?q=") + q);
    REQUIRE(r);
    CHECK_MESSAGE(r->status == 200, q);
  }
  json j = Json(c.Get("/api/v1/search?country=ZZ"));
  CHECK(j["total"] == 0);
  j = Json(c.Get("/api/v1/search?page=50"));
  CHECK(j["results"].empty());
  CHECK(j["total"] == S().entries.size());
}

TEST_CASE("only GET and HEAD are served and bodies are refused") {
  auto c = S().Client();
  auto post = c.Post("/api/v1/search", "x", "text/plain");
  REQUIRE(post);
  CHECK(post->status == 405);
  auto del = c.Delete("/api/v1/search");
  REQUIRE(del);
  CHECK(del->status == 405);
  auto put = c.Put("/anything", std::string(100, 'x'), "text/plain");
  REQUIRE(put);
  CHECK(put->status == 405);
  auto options = c.Options("/api/v1/search");
  REQUIRE(options);
  CHECK(options->status == 204);
  CHECK(options->get_header_value("Access-Control-Allow-Origin") == "*");
  auto head = c.Head("/api/v1/search");
  REQUIRE(head);
  CHECK(head->status == 200);
}

TEST_CASE("static files: no traversal, no dotfiles, no symlinks out of the folder") {
  auto c = S().Client();
  auto ok = c.Get("/static/site.css");
  REQUIRE(ok);
  CHECK(ok->status == 200);
  for (const char* target : {"/static/.env", "/static/escape.css", "/static/../../etc/passwd",
                             "/static/%2e%2e/%2e%2e/etc/passwd", "/static/..%2f..%2fetc%2fpasswd",
                             "/static/site.css%00.js"}) {
    auto r = c.Get(target);
    REQUIRE(r);
    CHECK_MESSAGE(r->status >= 400, target);
    CHECK_MESSAGE(r->status < 500, target);
    CHECK(r->body.find("SECRET") == std::string::npos);
  }
}

TEST_CASE("start-up errors are clear and exit non-zero") {
  test::TempDir dir;
  test::ServerProcess missing;
  int status = 0;
  CHECK_FALSE(missing.Start({"--index", dir.path() + "/nothing", "--schemas", test::SchemasDir()}, &status));
  CHECK(status == 1);
  CHECK(missing.Output().find("no index at") != std::string::npos);

  dir.Write("corrupt/iamglass", "garbage");
  test::ServerProcess corrupt;
  CHECK_FALSE(corrupt.Start({"--index", dir.path() + "/corrupt", "--schemas", test::SchemasDir()}, &status));
  CHECK(status == 1);
  CHECK(corrupt.Output().find("cannot open the index") != std::string::npos);

  test::ServerProcess busy;
  CHECK_FALSE(busy.Start({"--index", S().dir.path() + "/var/index", "--schemas", test::SchemasDir(),
                          "--port", std::to_string(S().server.port())}, &status));
  CHECK(status == 1);
  CHECK(busy.Output().find("cannot listen on 127.0.0.1:") != std::string::npos);

  test::ServerProcess bad;
  CHECK_FALSE(bad.Start({"--index", "x", "--threads", "zero"}, &status));
  CHECK(status == 2);
}

TEST_CASE("SIGTERM stops the server cleanly") {
  test::ServerProcess server;
  REQUIRE(server.Start({"--index", S().dir.path() + "/var/index", "--schemas", test::SchemasDir()}));
  httplib::Client c("127.0.0.1", server.port());
  REQUIRE(c.Get("/healthz"));
  CHECK(server.Stop(SIGTERM) == 0);
  CHECK(server.Output().find("stopping") != std::string::npos);
}

TEST_CASE("index swaps are picked up without restart and without a failed request") {
  test::TempDir dir;
  auto entries = test::MakeFixtureEntries(30);
  test::WriteFixture(dir.path() + "/content", entries);
  const std::string index = dir.path() + "/var/index";
  REQUIRE(test::RunCommand(IndexCommand(dir.path() + "/content", index)).status == 0);
  test::ServerProcess server;
  REQUIRE(server.Start({"--index", index, "--schemas", test::SchemasDir()}));

  std::atomic<bool> stop{false};
  std::atomic<int> requests{0}, failures{0};
  auto load = [&] {
    httplib::Client c("127.0.0.1", server.port());
    while (!stop) {
      auto r = c.Get("/api/v1/search?q=officers&theme=diversion&per_page=5");
      ++requests;
      if (!r || r->status != 200) ++failures;
    }
  };
  std::thread a(load), b(load);
  for (int round = 0; round < 3; ++round) {
    auto more = test::MakeFixtureEntries(30 + 10 * (round + 1));
    test::WriteFixture(dir.path() + "/content", more);
    REQUIRE(test::RunCommand(IndexCommand(dir.path() + "/content", index, round == 1 ? "" : "--full")).status == 0);
    const size_t expected = more.size();
    bool seen = false;
    for (int i = 0; i < 40 && !seen; ++i) {  // within a second or so
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
      httplib::Client c("127.0.0.1", server.port());
      auto h = c.Get("/healthz");
      seen = h && json::parse(h->body)["documents"] == expected;
    }
    CHECK_MESSAGE(seen, "round ", round);
  }
  stop = true;
  a.join();
  b.join();
  CHECK(requests > 50);
  CHECK(failures == 0);
}

TEST_CASE("a stub file spans a local shard and a remote one served by xapian-tcpsrv") {
  if (test::RunCommand("command -v xapian-tcpsrv").status != 0) {
    FAIL("xapian-tcpsrv is not installed (Debian package xapian-tools)");
  }
  test::TempDir dir;
  auto entries = test::MakeFixtureEntries(40);
  std::vector<test::FixtureEntry> first(entries.begin(), entries.begin() + 25);
  std::vector<test::FixtureEntry> second(entries.begin() + 25, entries.end());
  test::WriteFixture(dir.path() + "/a", first);
  test::WriteFixture(dir.path() + "/b", second);
  REQUIRE(test::RunCommand(IndexCommand(dir.path() + "/a", dir.path() + "/shard-a/index")).status == 0);
  REQUIRE(test::RunCommand(IndexCommand(dir.path() + "/b", dir.path() + "/shard-b/index")).status == 0);

  const int port = test::FreePort();
  const std::string tcpsrv_log = dir.path() + "/tcpsrv.log";
  const std::string pid_file = dir.path() + "/tcpsrv.pid";
  // Its own session: on SIGTERM xapian-tcpsrv signals its whole process group.
  REQUIRE(test::RunCommand("setsid xapian-tcpsrv --interface 127.0.0.1 --port " + std::to_string(port) + " " +
                           dir.path() + "/shard-b/index >" + tcpsrv_log + " 2>&1 & echo $! >" + pid_file)
              .status == 0);
  std::string pid_text, error;
  // Wait until the remote shard accepts connections.
  bool listening = false;
  for (int i = 0; i < 100 && !listening; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
    listening = test::RunCommand("bash -c 'exec 3<>/dev/tcp/127.0.0.1/" + std::to_string(port) + "' 2>/dev/null").status == 0;
  }
  REQUIRE(listening);
  dir.Write("combined.stub", "auto shard-a/index\nremote 127.0.0.1:" + std::to_string(port) + "\n");

  test::ServerProcess server;
  const bool started = server.Start({"--index", dir.path() + "/combined.stub", "--schemas", test::SchemasDir()});
  if (started) {
    httplib::Client c("127.0.0.1", server.port());
    json j = Json(c.Get("/api/v1/search?per_page=100"));
    CHECK(j["total"] == entries.size());
    CHECK(j["results"].size() == entries.size());
    uint64_t police = 0;
    for (const auto& e : entries) police += std::count(e.actors.begin(), e.actors.end(), "police");
    uint64_t counted = 0;
    for (const auto& v : j["facets"]["actor"]) {
      if (v["value"] == "police") counted = v["count"];
    }
    CHECK(counted == police);
    json t = Json(c.Get("/api/v1/search?q=cannabis"));
    uint64_t cannabis = 0;
    for (const auto& e : entries) cannabis += e.mentions_cannabis;
    CHECK(t["total"] == cannabis);
    json p = Json(c.Get("/api/v1/practices/" + entries.back().id));  // from the remote shard
    CHECK(p["id"] == entries.back().id);
    server.Stop();
  } else {
    FAIL_CHECK("server did not start: " << server.Output());
  }
  std::ifstream(pid_file) >> pid_text;
  if (!pid_text.empty()) kill(std::stoi(pid_text), SIGTERM);
}

}  // namespace
}  // namespace praxis
