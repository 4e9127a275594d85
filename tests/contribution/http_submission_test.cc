// The real praxis-server: /contribute and POST /api/v1/submissions, every refusal, the limits,
// hostile ids, concurrent submissions and an unwritable submissions folder.
#include <doctest/doctest.h>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sched.h>
#include <sys/socket.h>
#include <sys/mount.h>
#include <unistd.h>

#include <atomic>
#include <filesystem>
#include <fstream>
#include <regex>
#include <thread>

#include <nlohmann/json.hpp>

#include "served_content.h"

namespace praxis {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;
using test::FormFields;

const std::string kForm = "application/x-www-form-urlencoded";

// One server for the cases that do not need their own; a generous rate limit so they do not
// interfere with each other.
test::ServedContent& Shared() {
  static test::ServedContent* s = [] {
    auto* served = new test::ServedContent(
        {std::string(PRAXIS_SOURCE_DIR) + "/tests/fixtures/overlap/planted/halt-dutch-youth-out-of-court-sanction.md"});
    REQUIRE(served->Start({"--submissions-per-hour", "10000"}));
    return served;
  }();
  return *s;
}

httplib::Result PostForm(httplib::Client& c, const std::string& path, const FormFields& fields) {
  return c.Post(path.c_str(), test::EncodeForm(fields), kForm.c_str());
}

// The part of the page for one input: from its label to the end of its field.
std::string FieldHtml(const std::string& page, const std::string& id) {
  const size_t at = page.find("id=\"" + id + "\"");
  if (at == std::string::npos) return "";
  const size_t start = page.rfind("<div class=\"field", at);
  const size_t end = page.find("</div>", at);
  return page.substr(start, end - start);
}

// Sends `request` on a new connection and returns everything the server answers.
std::string RawExchange(int port, const std::string& request) {
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(static_cast<uint16_t>(port));
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  std::string response;
  if (::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0 &&
      ::send(fd, request.data(), request.size(), MSG_NOSIGNAL) == static_cast<ssize_t>(request.size())) {
    char buffer[4096];
    ssize_t n;
    while ((n = ::recv(fd, buffer, sizeof buffer, 0)) > 0) response.append(buffer, static_cast<size_t>(n));
  }
  ::close(fd);
  return response;
}

TEST_CASE("the form has every field, vocabulary pickers with labels, and no script needed") {
  auto c = Shared().Client();
  auto r = c.Get("/contribute");
  REQUIRE(r);
  CHECK(r->status == 200);
  CHECK(r->get_header_value("Cache-Control") == "no-store");
  CHECK(r->get_header_value("Content-Security-Policy").find("script-src 'self'") != std::string::npos);
  const std::string& page = r->body;
  for (const char* name : {"title", "title_local", "id", "summary", "language", "start_year", "end_year",
                           "organisation", "website", "youth_participation", "gender_responsive",
                           "tags", "contributors", "body", "sources[1].title", "sources[1].url",
                           "sources[1].year", "evaluations[1].design", "evaluations[1].finding",
                           "registry_ratings[1].registry", "registry_ratings[1].checked"}) {
    CHECK_MESSAGE(page.find(std::string("name=\"") + name + "\"") != std::string::npos, name);
  }
  CHECK(page.find("name=\"countries\" value=\"KG\"") != std::string::npos);
  CHECK(page.find("name=\"themes\" value=\"harm-reduction\"> <span>Harm reduction</span>") != std::string::npos);
  CHECK(page.find("type=\"radio\" id=\"field-evidence-1\" name=\"evidence\" value=\"established\"") != std::string::npos);
  CHECK(page.find("<option value=\"ru\">") != std::string::npos);
  CHECK(page.find("## What was done") != std::string::npos);      // the recommended sections
  CHECK(page.find("name=\"action\" value=\"add_source\"") != std::string::npos);  // rows without JS
  CHECK(page.find("name=\"homepage\"") != std::string::npos);     // the honeypot, hidden by CSS
  CHECK(page.find("<script>") == std::string::npos);              // no inline script
}

struct BrokenField {
  const char* name;
  const char* value;
  const char* anchor;   // the input the message must be beside
  const char* message;  // the validator's message
};

TEST_CASE("each validation failure comes back with its message beside the field and all input kept") {
  auto c = Shared().Client();
  const BrokenField cases[] = {
      {"summary", "Too short", "field-summary", "'summary' must be 20-1000 characters long (it has 9)"},
      {"start_year", "20l5", "field-start_year", "'start_year' must be a year such as 2015 (got '20l5')"},
      {"website", "ftp://example.org", "field-website", "'ftp://example.org' is not an http:// or https:// URL"},
      {"sources[2].url", "example.org/report", "field-sources-2-url", "'example.org/report' is not an http:// or https:// URL"},
      {"language", "", "field-language", "missing required field 'language'"},
      {"id", "../../etc/passwd", "field-id", "id '../../etc/passwd' must be lowercase letters and digits joined by single hyphens"},
      {"end_year", "2001", "field-end_year", "end_year 2001 is before start_year 2019"},
      {"title", "Tiny", "field-title", "'title' must be 5-200 characters long (it has 4)"},
  };
  for (const BrokenField& b : cases) {
    CAPTURE(b.name);
    FormFields form = test::With(test::ValidForm(), b.name, b.value);
    auto r = PostForm(c, "/contribute", form);
    REQUIRE(r);
    CHECK(r->status == 422);
    const std::string& page = r->body;
    const std::string field = FieldHtml(page, b.anchor);
    CHECK_MESSAGE(field.find(test::HtmlEscaped(b.message)) != std::string::npos, field);
    CHECK(page.find("<a href=\"#" + std::string(b.anchor) + "\">" + test::HtmlEscaped(b.message)) != std::string::npos);
    // Everything typed is still there.
    for (const auto& field_value : form) {
      const std::string& name = field_value.first;  // not a structured binding: clang 14 cannot
      const std::string& value = field_value.second;  // capture one in the CHECK macros' lambdas
      if (name == "action" || name == "homepage" || value.empty()) continue;
      if (name == "countries" || name == "themes" || name == "actors" || name == "settings" ||
          name == "target_groups" || name == "evidence") {
        CHECK_MESSAGE(page.find("name=\"" + name + "\" value=\"" + value + "\" checked") != std::string::npos, name);
      } else if (name == "language") {
        CHECK(page.find("<option value=\"" + value + "\" selected>") != std::string::npos);
      } else if (name == "body") {
        CHECK(page.find("Parents in the Zwiebelgasse asked to meet officers.") != std::string::npos);
      } else if (name == "summary") {
        CHECK(page.find(">" + test::HtmlEscaped(value) + "</textarea>") != std::string::npos);
      } else if (name == "tags") {
        CHECK(page.find("value=\"cafés, parents\"") != std::string::npos);
      } else {
        CHECK_MESSAGE(page.find("name=\"" + name + "\" value=\"" + test::HtmlEscaped(value) + "\"") != std::string::npos, name);
      }
    }
  }
  CHECK(Shared().PendingFiles().empty());
}

TEST_CASE("the JSON API gives the same messages, as diagnostics naming their fields") {
  auto c = Shared().Client();
  json body = {{"title", "Police cafés in Leoben"}, {"summary", "short"}, {"language", "en"},
               {"countries", {"AT", "XX"}}, {"settings", {"schol"}}};
  auto r = c.Post("/api/v1/submissions", body.dump(), "application/json");
  REQUIRE(r);
  CHECK(r->status == 422);
  const json j = json::parse(r->body);
  CHECK(j["error"]["code"] == "invalid_entry");
  std::map<std::string, std::string> by_field;
  for (const auto& d : j["diagnostics"]) by_field[d.value("field", "")] += d["message"].get<std::string>() + "\n";
  CHECK(by_field["countries"].find("'XX' is not the ISO code of an OSCE participating State") != std::string::npos);
  CHECK(by_field["settings"].find("'schol' is not a known value for 'settings' (did you mean 'school'?)") != std::string::npos);
  CHECK(by_field["evidence"] == "missing required field 'evidence'\n");

  auto unknown = c.Post("/api/v1/submissions", json{{"titel", "x"}}.dump(), "application/json");
  CHECK(unknown->status == 400);
  CHECK(json::parse(unknown->body)["error"]["message"] == "unknown field 'titel' (did you mean 'title'?)");
  auto garbage = c.Post("/api/v1/submissions", "{not json", "application/json");
  CHECK(garbage->status == 400);
  CHECK(json::parse(garbage->body)["error"]["code"] == "invalid_json");
  auto text = c.Post("/api/v1/submissions", "hello", "text/plain");
  CHECK(text->status == 415);
  auto param = c.Post("/api/v1/submissions?debug=1", "{}", "application/json");
  CHECK(param->status == 400);
  CHECK(Shared().PendingFiles().empty());
}

TEST_CASE("oversize: a body over 200 KB, more than 20 sources, a request over 1 MiB") {
  auto c = Shared().Client();
  json body = {{"title", "Police cafés in Leoben"}, {"body", std::string(200 * 1024 + 10, 'x')}};
  auto r = c.Post("/api/v1/submissions", body.dump(), "application/json");
  REQUIRE(r);
  CHECK(r->status == 413);
  CHECK(json::parse(r->body)["error"]["code"] == "body_too_large");
  CHECK(json::parse(r->body)["error"]["message"] == "the description (body) is 201 KB; the limit is 200 KB");

  // The form keeps what was typed even then.
  auto page = PostForm(c, "/contribute", test::With(test::ValidForm(), "body", std::string(210 * 1024, 'y')));
  CHECK(page->status == 413);
  CHECK(page->body.find("the description (body) is 210 KB; the limit is 200 KB") != std::string::npos);
  CHECK(page->body.find("value=\"Police cafés for parents in Graz\"") != std::string::npos);

  json sources = body;
  sources["body"] = "## Context\n";
  sources["sources"] = json::array();
  for (int i = 0; i < 21; ++i) sources["sources"].push_back({{"title", "Report"}, {"url", "https://example.org/" + std::to_string(i)}});
  auto many = c.Post("/api/v1/submissions", sources.dump(), "application/json");
  CHECK(many->status == 400);
  CHECK(json::parse(many->body)["error"]["code"] == "too_many_sources");

  // The server answers a body over 1 MiB from its Content-Length, before reading it, and closes
  // the connection; a raw socket sees that answer where an HTTP client would fail its write.
  const std::string huge = RawExchange(Shared().server.port(),
                                       "POST /api/v1/submissions HTTP/1.1\r\nHost: x\r\n"
                                       "Content-Type: application/json\r\nContent-Length: 1048577\r\n\r\n{");
  CHECK(huge.rfind("HTTP/1.1 413 ", 0) == 0);
  CHECK(huge.find("payload_too_large") != std::string::npos);
  CHECK(Shared().PendingFiles().empty());
}

TEST_CASE("the honeypot rejects a naive bot and stores nothing") {
  auto c = Shared().Client();
  auto r = PostForm(c, "/api/v1/submissions", test::With(test::ValidForm(), "homepage", "http://spam.example"));
  REQUIRE(r);
  CHECK(r->status == 400);
  CHECK(json::parse(r->body)["error"]["code"] == "rejected");
  CHECK(Shared().PendingFiles().empty());
}

TEST_CASE("hostile ids never name a file outside the submissions folder") {
  auto c = Shared().Client();
  const std::string root = Shared().dir.path();
  for (const std::string id : {"../../etc/passwd", "../escape", "/etc/passwd", "..%2F..%2Fetc%2Fpasswd",
                               "%2e%2e%2fescape", "a/../../b", "..\\..\\escape", "sub/dir", ".hidden", "x\n"}) {
    CAPTURE(id);
    auto form = PostForm(c, "/contribute", test::With(test::ValidForm(), "id", id));
    REQUIRE(form);
    CHECK(form->status == (id == "x\n" ? 400 : 422));  // a control character is refused before validation
    json body = {{"id", id}};
    auto api = c.Post("/api/v1/submissions", body.dump(), "application/json");
    REQUIRE(api);
    CHECK((api->status == 422 || api->status == 400));
  }
  // The raw percent-encoded variants, sent without decoding by the test's encoder.
  auto raw = c.Post("/contribute", test::EncodeForm(test::Without(test::ValidForm(), "id")) + "&id=..%2F..%2Fescape", kForm.c_str());
  CHECK(raw->status == 422);
  CHECK(Shared().PendingFiles().empty());
  for (const auto& f : fs::recursive_directory_iterator(root)) {
    CHECK_MESSAGE(f.path().filename().string().find("escape") == std::string::npos, f.path());
    CHECK_MESSAGE(f.path().filename().string() != "passwd", f.path());
  }
}

TEST_CASE("concurrent submissions of one id: one is stored, the others get a clear conflict") {
  auto& s = Shared();
  const FormFields form = test::With(test::ValidForm("Police cafés for parents in Kapfenberg"), "id", "same-moment");
  std::atomic<int> created{0}, conflicts{0}, other{0};
  std::vector<std::thread> threads;
  for (int i = 0; i < 12; ++i) {
    threads.emplace_back([&] {
      auto c = s.Client();
      auto r = PostForm(c, "/api/v1/submissions", form);
      if (r && r->status == 201) {
        ++created;
      } else if (r && r->status == 409 &&
                 json::parse(r->body)["error"]["message"].get<std::string>().find("same-moment") != std::string::npos) {
        ++conflicts;
      } else {
        ++other;
      }
    });
  }
  for (auto& t : threads) t.join();
  CHECK(created == 1);
  CHECK(conflicts == 11);
  CHECK(other == 0);
  CHECK(s.PendingFiles() == std::vector<std::string>{"same-moment.md"});
  // The survivor is whole and valid.
  auto show = s.IndexCommand("review show same-moment");
  CHECK(show.out.find("\nvalid\n") != std::string::npos);
  // A later submission of the id is refused with a free alternative; so is a published id.
  auto c = s.Client();
  auto again = PostForm(c, "/contribute", form);
  CHECK(again->status == 409);
  CHECK(again->body.find("for example &apos;same-moment-2&apos;") != std::string::npos);
  auto published = PostForm(c, "/api/v1/submissions", test::With(form, "id", "preventure"));
  CHECK(published->status == 409);
  CHECK(json::parse(published->body)["error"]["message"].get<std::string>().find("already published") != std::string::npos);
  REQUIRE(s.IndexCommand("review reject same-moment --reason 'test'").status == 0);
}

TEST_CASE("previews: the server's Markdown, validation and overlaps, nothing stored") {
  auto c = Shared().Client();
  FormFields form = test::With(test::ValidForm(), "body", "**bold** <script>alert(1)</script> [x](javascript:alert(1))");
  form = test::Without(form, "start_year");
  auto r = PostForm(c, "/api/v1/submissions?dry_run=true", form);
  REQUIRE(r);
  CHECK(r->status == 200);
  const json j = json::parse(r->body);
  CHECK(j["valid"] == false);
  CHECK(j["body_html"].get<std::string>().find("<strong>bold</strong>") != std::string::npos);
  CHECK(j["body_html"].get<std::string>().find("<script") == std::string::npos);
  CHECK(j["body_html"].get<std::string>().find("javascript:") == std::string::npos);
  CHECK(j["diagnostics"][0]["message"] == "missing required field 'start_year'");

  // The form's preview shows an existing practice before the contributor duplicates it.
  const test::FormFields duplicate = test::FormFromEntry(test::ReadFixtureEntry(
      std::string(PRAXIS_SOURCE_DIR) + "/tests/fixtures/overlap/planted/vienna-party-drug-testing-service.md"));
  auto page = PostForm(c, "/contribute", test::With(duplicate, "action", "preview"));
  CHECK(page->status == 200);
  CHECK(page->body.find("Similar practices already in Praxis") != std::string::npos);
  CHECK(page->body.find("href=\"/practices/checkit-vienna-drug-checking\"") != std::string::npos);
  CHECK(page->body.find("The entry is complete. It has not been sent yet.") != std::string::npos);
  CHECK(Shared().PendingFiles().empty());
}

TEST_CASE("rows can be added without JavaScript, keeping the input") {
  auto c = Shared().Client();
  auto r = PostForm(c, "/contribute", test::With(test::ValidForm(), "action", "add_source"));
  REQUIRE(r);
  CHECK(r->status == 200);
  CHECK(r->body.find("name=\"sources[3].url\"") != std::string::npos);
  CHECK(r->body.find("value=\"https://example.org/graz-plan\"") != std::string::npos);
  CHECK(r->body.find("field-problem") == std::string::npos);
}

TEST_CASE("more than 10 submissions an hour from one address are refused with 429") {
  test::ServedContent s;
  REQUIRE(s.Start());  // the default limit
  auto c = s.Client();
  for (int i = 1; i <= 10; ++i) {
    auto r = PostForm(c, "/api/v1/submissions", test::ValidForm("Police cafés for parents, district " + std::to_string(i)));
    REQUIRE(r);
    CHECK_MESSAGE(r->status == 201, r->body);
  }
  auto refused = PostForm(c, "/api/v1/submissions", test::ValidForm("Police cafés for parents, district 11"));
  REQUIRE(refused);
  CHECK(refused->status == 429);
  CHECK(std::stoi(refused->get_header_value("Retry-After")) > 0);
  CHECK(json::parse(refused->body)["error"]["message"].get<std::string>().find("more than 10 submissions an hour") == 0);
  auto page = PostForm(c, "/contribute", test::ValidForm("Police cafés for parents, district 12"));
  CHECK(page->status == 429);
  CHECK(page->body.find("value=\"Police cafés for parents, district 12\"") != std::string::npos);
  CHECK(s.PendingFiles().size() == 10);
  // Previews are not counted against it.
  CHECK(PostForm(c, "/api/v1/submissions?dry_run=1", test::ValidForm())->status == 200);
}

// A private mount namespace lets the test give the server a read-only or a full file system.
bool PrivateMounts() {
  return ::unshare(CLONE_NEWNS) == 0 && ::mount(nullptr, "/", nullptr, MS_REC | MS_PRIVATE, nullptr) == 0;
}

void ExpectUnavailable(const std::string& folder, const std::string& what) {
  test::ServedContent s;
  s.submissions = folder;
  REQUIRE(s.Start());
  auto c = s.Client();
  auto r = PostForm(c, "/api/v1/submissions", test::ValidForm());
  REQUIRE(r);
  CHECK_MESSAGE(r->status == 503, what);
  const json j = json::parse(r->body);
  CHECK(j["error"]["code"] == "submissions_unavailable");
  CHECK(j["error"]["message"].get<std::string>().find("nothing was stored") != std::string::npos);
  auto page = PostForm(c, "/contribute", test::ValidForm());
  CHECK(page->status == 503);
  CHECK(page->body.find("value=\"Police cafés for parents in Graz\"") != std::string::npos);
  CHECK(c.Get("/healthz")->status == 200);  // still serving
  CHECK(s.server.Output().find("cannot store a submission") != std::string::npos);
}

TEST_CASE("a read-only or full submissions folder gives 503 with a clear message, not a crash") {
  test::TempDir dir;
  const std::string ro = dir.path() + "/ro", full = dir.path() + "/full";
  fs::create_directories(ro);
  fs::create_directories(full);
  if (!PrivateMounts()) {
    if (::geteuid() == 0) {
      MESSAGE("skipped: no mount namespace, and root ignores file permissions");
      return;
    }
    fs::permissions(ro, fs::perms::owner_read | fs::perms::owner_exec);
    ExpectUnavailable(ro + "/submissions", "read-only folder");
    return;
  }
  REQUIRE(::mount("tmpfs", ro.c_str(), "tmpfs", MS_RDONLY, "size=64k") == 0);
  ExpectUnavailable(ro + "/submissions", "read-only file system");
  ::umount(ro.c_str());

  REQUIRE(::mount("tmpfs", full.c_str(), "tmpfs", 0, "size=64k") == 0);
  fs::create_directories(full + "/submissions/pending");
  {
    std::ofstream filler(full + "/filler", std::ios::binary);
    const std::string block(4096, 'x');
    while (filler.write(block.data(), block.size())) {
    }
  }
  ExpectUnavailable(full + "/submissions", "full file system");
  ::umount(full.c_str());
}

}  // namespace
}  // namespace praxis
