// The real praxis-server and praxis-index together: a submission from the form to the search
// results, the /review pages, and overlap candidates in GET /api/v1/practices/{id}.
#include <doctest/doctest.h>

#include <chrono>
#include <filesystem>
#include <regex>
#include <thread>

#include <nlohmann/json.hpp>

#include "file_util.h"
#include "served_content.h"

namespace praxis {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

const std::string kForm = "application/x-www-form-urlencoded";
const std::string kToken = "s3cret-review-token-for-tests-0123456789";

// Polls a search until it finds `count` results (the server follows index swaps by itself).
bool SearchFinds(httplib::Client& c, const std::string& query, int count) {
  for (int i = 0; i < 100; ++i) {
    auto r = c.Get(("/api/v1/search?q=" + query).c_str());
    if (r && r->status == 200 && json::parse(r->body)["total"] == count) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  return false;
}

TEST_CASE("the submission happy path: form, pending file, approve, searchable") {
  test::ServedContent s;
  REQUIRE(s.Start());
  auto c = s.Client();
  REQUIRE(c.Get("/contribute")->status == 200);
  CHECK(SearchFinds(c, "Zwiebelgasse", 0));

  auto r = c.Post("/contribute", test::EncodeForm(test::ValidForm()), kForm.c_str());
  REQUIRE(r);
  CHECK(r->status == 201);
  std::smatch receipt;
  REQUIRE(std::regex_search(r->body, receipt, std::regex("Your receipt number: ([0-9]{8}-[A-Z0-9]{6})")));
  CHECK(r->body.find("What happens next") != std::string::npos);
  CHECK(r->body.find("/practices/police-cafes-for-parents-in-graz") != std::string::npos);

  REQUIRE(s.PendingFiles() == std::vector<std::string>{"police-cafes-for-parents-in-graz.md"});
  std::string pending, error;
  REQUIRE(ReadFile(s.submissions + "/pending/police-cafes-for-parents-in-graz.md", &pending, &error));
  CHECK(pending.find("# praxis-submission: receipt " + receipt[1].str()) != std::string::npos);
  CHECK_FALSE(fs::exists(s.content + "/police-cafes-for-parents-in-graz.md"));  // never straight in
  CHECK(SearchFinds(c, "Zwiebelgasse", 0));

  auto approve = s.IndexCommand("review approve police-cafes-for-parents-in-graz");
  REQUIRE_MESSAGE(approve.status == 0, approve.out);
  CHECK(fs::exists(s.content + "/police-cafes-for-parents-in-graz.md"));
  CHECK(s.PendingFiles().empty());
  CHECK(SearchFinds(c, "Zwiebelgasse", 1));
  auto practice = c.Get("/api/v1/practices/police-cafes-for-parents-in-graz");
  REQUIRE(practice);
  CHECK(practice->status == 200);
  CHECK(json::parse(practice->body)["organisation"] == "Graz city police");
}

TEST_CASE("GET /api/v1/practices/{id} lists overlap candidates") {
  test::ServedContent s({std::string(PRAXIS_SOURCE_DIR) +
                         "/tests/fixtures/overlap/planted/halt-dutch-youth-out-of-court-sanction.md"});
  REQUIRE(s.Start());
  auto c = s.Client();
  const json halt = json::parse(c.Get("/api/v1/practices/halt-netherlands")->body);
  REQUIRE(halt["overlaps"].size() == 1);
  CHECK(halt["overlaps"][0]["id"] == "halt-dutch-youth-out-of-court-sanction");
  CHECK(halt["overlaps"][0]["score"].get<double>() >= 0.48);
  CHECK(halt["overlaps"][0]["shared_countries"] == json::array({"NL"}));
  CHECK(halt["overlaps"][0]["url"] == "/practices/halt-dutch-youth-out-of-court-sanction");
  const json other = json::parse(c.Get("/api/v1/practices/preventure")->body);
  CHECK(other["overlaps"] == json::array());
}

struct ReviewServer {
  test::ServedContent s;
  std::string cookie;
  ReviewServer() {
    s.dir.Write("token", kToken + "\n");
    fs::permissions(s.dir.path() + "/token", fs::perms::owner_read | fs::perms::owner_write);
    REQUIRE(s.Start({"--review-token-file", s.dir.path() + "/token"}));
  }
  httplib::Result Post(const test::FormFields& fields, bool with_cookie = true) {
    auto c = s.Client();
    httplib::Headers headers;
    if (with_cookie && !cookie.empty()) headers.emplace("Cookie", cookie);
    return c.Post("/review", headers, test::EncodeForm(fields), kForm.c_str());
  }
  httplib::Result Get(const std::string& path) {
    auto c = s.Client();
    return c.Get(path.c_str(), {{"Cookie", cookie}});
  }
  std::string Csrf() {
    std::smatch m;
    const std::string page = Get("/review")->body;
    return std::regex_search(page, m, std::regex("name=\"csrf\" value=\"([0-9a-f]+)\"")) ? m[1].str() : "";
  }
  void SignIn() {
    auto r = Post({{"action", "sign_in"}, {"token", kToken}}, false);
    REQUIRE(r);
    REQUIRE(r->status == 303);
    const std::string set_cookie = r->get_header_value("Set-Cookie");
    CHECK(set_cookie.find("HttpOnly") != std::string::npos);
    CHECK(set_cookie.find("SameSite=Strict") != std::string::npos);
    CHECK(set_cookie.find("Path=/review") != std::string::npos);
    cookie = set_cookie.substr(0, set_cookie.find(';'));
  }
};

TEST_CASE("review through the web: sign in with the token, approve and reject") {
  ReviewServer rs;
  auto c = rs.s.Client();
  REQUIRE(c.Post("/contribute", test::EncodeForm(test::ValidForm()), kForm.c_str())->status == 201);
  REQUIRE(c.Post("/contribute", test::EncodeForm(test::ValidForm("Police cafés for parents in Linz")),
                 kForm.c_str())->status == 201);

  auto login = rs.Get("/review");
  CHECK(login->status == 200);
  CHECK(login->body.find("type=\"password\"") != std::string::npos);
  CHECK(login->body.find("Police cafés") == std::string::npos);  // nothing shown before signing in
  auto wrong = rs.Post({{"action", "sign_in"}, {"token", "not-the-token-at-all"}}, false);
  CHECK(wrong->status == 403);
  CHECK(wrong->get_header_value("Set-Cookie").empty());
  CHECK(rs.Get("/review/police-cafes-for-parents-in-graz")->status == 303);

  rs.SignIn();
  auto list = rs.Get("/review");
  CHECK(list->status == 200);
  CHECK(list->get_header_value("Cache-Control") == "no-store");
  CHECK(list->body.find("href=\"/review/police-cafes-for-parents-in-graz\"") != std::string::npos);
  auto one = rs.Get("/review/police-cafes-for-parents-in-graz");
  CHECK(one->status == 200);
  CHECK(one->body.find("Parents in the Zwiebelgasse asked to meet officers.") != std::string::npos);
  const std::string csrf = rs.Csrf();
  REQUIRE_FALSE(csrf.empty());

  // Without the form's CSRF token nothing happens.
  auto forged = rs.Post({{"action", "approve"}, {"id", "police-cafes-for-parents-in-graz"}});
  CHECK(forged->status == 403);
  CHECK_FALSE(fs::exists(rs.s.content + "/police-cafes-for-parents-in-graz.md"));

  auto approved = rs.Post({{"action", "approve"}, {"id", "police-cafes-for-parents-in-graz"}, {"csrf", csrf}});
  REQUIRE(approved);
  CHECK_MESSAGE(approved->status == 200, approved->body);
  CHECK(fs::exists(rs.s.content + "/police-cafes-for-parents-in-graz.md"));
  CHECK(SearchFinds(c, "Zwiebelgasse", 1));

  auto no_reason = rs.Post({{"action", "reject"}, {"id", "police-cafes-for-parents-in-linz"}, {"csrf", csrf}, {"reason", ""}});
  CHECK(no_reason->status == 400);
  auto rejected = rs.Post({{"action", "reject"}, {"id", "police-cafes-for-parents-in-linz"}, {"csrf", csrf},
                           {"reason", "The same practice as the Graz entry."}});
  CHECK(rejected->status == 200);
  CHECK(rs.s.PendingFiles().empty());
  CHECK(fs::exists(rs.s.submissions + "/rejected"));

  auto out = rs.Post({{"action", "sign_out"}, {"csrf", csrf}});
  CHECK(out->status == 303);
  CHECK(rs.Get("/review")->body.find("type=\"password\"") != std::string::npos);  // signed out

  // The token was never logged, echoed or put in a URL.
  const std::string log = rs.s.server.Output();
  CHECK(log.find(kToken) == std::string::npos);
  CHECK(log.find("POST /review ") != std::string::npos);
}

TEST_CASE("review pages only exist with a token file, and a bad token file stops the server") {
  test::ServedContent s;
  REQUIRE(s.Start());
  auto c = s.Client();
  CHECK(c.Get("/review")->status == 404);
  CHECK(c.Post("/review", "action=sign_in&token=x", kForm.c_str())->status == 404);

  test::ServedContent weak;
  weak.dir.Write("token", "short\n");
  int status = 0;
  CHECK_FALSE(weak.server.Start({"--index", weak.index, "--web", std::string(PRAXIS_SOURCE_DIR) + "/web",
                                 "--schemas", test::SchemasDir(), "--review-token-file",
                                 weak.dir.path() + "/token"}, &status));
  CHECK(status == 1);
  CHECK(weak.server.Output().find("shorter than 16 characters") != std::string::npos);
}

TEST_CASE("repeated wrong tokens are refused for a while") {
  ReviewServer rs;
  int last = 0;
  for (int i = 0; i < 11; ++i) last = rs.Post({{"action", "sign_in"}, {"token", "wrong-token-" + std::to_string(i)}}, false)->status;
  CHECK(last == 429);
  // Even the right token waits now: guessing is slowed, not only failed.
  CHECK(rs.Post({{"action", "sign_in"}, {"token", kToken}}, false)->status == 429);
}

}  // namespace
}  // namespace praxis
