// The web pages' building blocks without a server: message catalogues, links, templates and
// the search page's data (chips, pagination, sort, facets).
#include <doctest/doctest.h>

#include <dirent.h>

#include <fstream>
#include <regex>
#include <set>
#include <sstream>

#include <httplib.h>

#include "index_layout.h"
#include "index_manager.h"
#include "messages.h"
#include "page_support.h"
#include "pages.h"
#include "search_page.h"
#include "templates.h"
#include "test_support.h"

namespace praxis {
namespace {

const std::string kWeb = std::string(PRAXIS_SOURCE_DIR) + "/web";

std::string ReadAll(const std::string& path) {
  std::ifstream in(path);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

std::vector<std::string> FilesIn(const std::string& dir, const std::string& suffix) {
  std::vector<std::string> out;
  DIR* d = ::opendir(dir.c_str());
  REQUIRE(d != nullptr);
  while (dirent* e = ::readdir(d)) {
    const std::string name = e->d_name;
    if (name.size() > suffix.size() && name.compare(name.size() - suffix.size(), suffix.size(), suffix) == 0) {
      out.push_back(dir + "/" + name);
    }
  }
  ::closedir(d);
  return out;
}

const Messages& ProjectMessages() {
  static Messages messages = [] {
    Messages m;
    std::string error;
    REQUIRE_MESSAGE(m.Load(kWeb + "/i18n", &error), error);
    return m;
  }();
  return messages;
}

std::string Render(const std::string& source, const MustacheData& data) {
  test::TempDir dir;
  dir.Write("t.mustache", source);
  TemplateSet set;
  std::string error;
  REQUIRE_MESSAGE(set.Load(dir.path(), &error), error);
  const std::string out = set.Render("t", data, MustacheData(), &error);
  CHECK(error.empty());
  return out;
}

TEST_CASE("every {{t.KEY}} of the templates is in the English catalogue") {
  const MessageCatalogue& en = ProjectMessages().English();
  const std::regex key(R"(\{\{[#^/]?t\.([A-Za-z0-9_-]+)\}\})");
  for (const std::string& file : FilesIn(kWeb + "/templates", ".mustache")) {
    const std::string text = ReadAll(file);
    for (std::sregex_iterator it(text.begin(), text.end(), key), end; it != end; ++it) {
      CHECK_MESSAGE(en.strings().count((*it)[1].str()), file << " uses t." << (*it)[1].str());
    }
  }
}

TEST_CASE("every key the server asks for is in the English catalogue") {
  const MessageCatalogue& en = ProjectMessages().English();
  // Keys written as string literals in the page code.
  const std::regex literal(R"(t\.(?:Get|Format|Plural|Has)\(\s*\"([a-z0-9_-]+)\")");
  for (const char* file : {"page_support.cc", "search_page.cc", "practice_page.cc", "pages.cc"}) {
    const std::string text = ReadAll(std::string(PRAXIS_SOURCE_DIR) + "/server/" + file);
    for (std::sregex_iterator it(text.begin(), text.end(), literal), end; it != end; ++it) {
      const std::string k = (*it)[1].str();
      if (k.back() == '_') continue;  // the prefix of a key built at run time (checked below)
      const bool known = en.Has(k) || en.Has(k + ".other");
      CHECK_MESSAGE(known, std::string(file) << " asks for " << k);
    }
  }
  // Keys built at run time.
  std::vector<std::string> built = {"not_found_title", "not_found_text", "bad_request_title",
                                    "bad_request_text", "error_title", "error_text"};
  for (const layout::Facet& f : layout::kFacets) {
    built.push_back("facet_" + std::string(f.param));
    built.push_back("field_" + std::string(f.field));
  }
  for (const char* s : {"relevance", "newest", "oldest", "title"}) built.push_back(std::string("sort_") + s);
  for (const char* d : {"rct", "quasi-experimental", "pre-post", "qualitative", "process", "other"}) {
    built.push_back(std::string("design_") + d);
  }
  for (int m = 1; m <= 12; ++m) built.push_back("month_" + std::to_string(m));
  for (const std::string& k : built) CHECK_MESSAGE(en.Has(k), "missing key " << k);
}

TEST_CASE("every catalogue has every key of the English one") {
  const Messages& messages = ProjectMessages();
  for (const std::string& lang : messages.languages()) {
    const MessageCatalogue* c = messages.Find(lang);
    for (const auto& item : messages.English().strings()) {
      const std::string& key = item.first;  // not a structured binding: clang 14 cannot capture one
      if (key.find('.') != std::string::npos) continue;  // plural forms differ by language
      CHECK_MESSAGE(c->strings().count(key), lang << ".yaml lacks " << key);
    }
  }
}

TEST_CASE("plural categories, numbers and formats") {
  CHECK(std::string(MessageCatalogue::PluralCategory("en", 1)) == "one");
  CHECK(std::string(MessageCatalogue::PluralCategory("en", 0)) == "other");
  CHECK(std::string(MessageCatalogue::PluralCategory("fr", 0)) == "one");
  CHECK(std::string(MessageCatalogue::PluralCategory("ru", 21)) == "one");
  CHECK(std::string(MessageCatalogue::PluralCategory("ru", 3)) == "few");
  CHECK(std::string(MessageCatalogue::PluralCategory("ru", 12)) == "many");
  const MessageCatalogue& en = ProjectMessages().English();
  CHECK(en.Number(100000) == "100,000");
  CHECK(en.Number(999) == "999");
  CHECK(en.Plural("results_count", 1) == "1 practice found");
  CHECK(en.Plural("results_count", 12345) == "12,345 practices found");
  CHECK(en.Format("chip_text", {{"facet", "Theme"}, {"value", "Harm reduction"}}) == "Theme: Harm reduction");
  CHECK(en.Get("no_such_key") == "no_such_key");
}

TEST_CASE("the language comes from ?lang=, else Accept-Language, else English") {
  test::TempDir dir;
  dir.Write("en.yaml", "hello: Hello\nbye: Bye\n");
  dir.Write("fr.yaml", "hello: Bonjour\n");
  dir.Write("notes.txt", "ignored");
  Messages m;
  std::string error;
  REQUIRE_MESSAGE(m.Load(dir.path(), &error), error);
  CHECK(m.Choose("", "").lang() == "en");
  CHECK(m.Choose("", "fr-CH, fr;q=0.9, en;q=0.8").lang() == "fr");
  CHECK(m.Choose("", "de, en;q=0.5, fr;q=0.4").lang() == "en");
  CHECK(m.Choose("en", "fr").lang() == "en");
  CHECK(m.Choose("xx", "fr").lang() == "fr");
  CHECK(m.Choose("", "fr").Get("bye") == "Bye");  // falls back to English
  test::TempDir empty;
  empty.Write("fr.yaml", "hello: Bonjour\n");
  CHECK_FALSE(Messages().Load(empty.path(), &error));
}

TEST_CASE("templates escape every variable but triple-braced ones") {
  MustacheData d;
  d.set("text", "<script>\"x\" & 'y'</script>");
  d.set("html", "<mark>ok</mark>");
  CHECK(Render("{{text}}|{{{html}}}", d) ==
        "&lt;script&gt;&quot;x&quot; &amp; &apos;y&apos;&lt;/script&gt;|<mark>ok</mark>");
  test::TempDir dir;
  dir.Write("bad.mustache", "{{#open}}never closed");
  TemplateSet set;
  std::string error;
  CHECK_FALSE(set.Load(dir.path(), &error));
  CHECK(error.find("bad.mustache") != std::string::npos);
}

TEST_CASE("links keep the chosen language and encode values") {
  const PageContext plain{ProjectMessages().English(), test::ProjectVocabulary(), ""};
  const PageContext chosen{ProjectMessages().English(), test::ProjectVocabulary(), "en"};
  CHECK(UrlEncode("a b&c/é") == "a%20b%26c%2F%C3%A9");
  CHECK(FacetSearchUrl(plain, "theme", "harm-reduction") == "/?theme=harm-reduction");
  CHECK(FacetSearchUrl(chosen, "country", "DE") == "/?country=DE&lang=en");
  CHECK(PracticeUrl(plain, "halt-netherlands") == "/practices/halt-netherlands");
  CHECK(LongDate(plain, "2026-11-28") == "28 November 2026");
  CHECK(LongDate(plain, "soon") == "soon");
}

SearchResult FakeResult(uint64_t total, size_t hits) {
  SearchResult r;
  r.total = total;
  for (size_t i = 0; i < hits; ++i) {
    SearchHit h;
    h.entry.id = "p" + std::to_string(i);
    h.entry.title = "Practice <" + std::to_string(i) + ">";
    h.entry.countries = {"DE"};
    h.entry.evidence = "likely";
    h.snippet_html = "a <mark>match</mark>";
    r.hits.push_back(h);
  }
  for (int i = 0; i < 12; ++i) {
    r.facets["country"].push_back({i == 0 ? "DE" : "C" + std::to_string(i), "", 12u - i, i == 9});
  }
  r.facets["theme"].push_back({"harm-reduction", "", 3, true});
  return r;
}

TEST_CASE("the search page shows filters as chips, pages, sorts and collapses long lists") {
  const PageContext ctx{ProjectMessages().English(), test::ProjectVocabulary(), ""};
  TemplateSet templates;
  std::string error;
  REQUIRE_MESSAGE(templates.Load(kWeb + "/templates", &error), error);
  MustacheData shared;
  MustacheData t;
  for (const auto& [k, v] : ProjectMessages().English().strings()) t.set(k, v);
  shared.set("t", t);

  SearchRequest request;
  request.q = "drugs";
  request.filters["theme"] = {"harm-reduction"};
  request.year_from = 2010;
  request.page = 3;
  const std::string html = templates.Render(
      "search", SearchPageData(ctx, request, FakeResult(95, 20), {1981, 2025}), shared, &error);
  REQUIRE(error.empty());
  CHECK(html.find("95 practices found") != std::string::npos);
  CHECK(html.find("Showing 41–60 of 95") != std::string::npos);
  CHECK(html.find("Practice &lt;0&gt;") != std::string::npos);       // titles escaped
  CHECK(html.find("a <mark>match</mark>") != std::string::npos);      // the snippet is not
  CHECK(html.find("Theme: Harm reduction") != std::string::npos);     // a chip per filter
  CHECK(html.find("Started 2010 or later") != std::string::npos);
  CHECK(html.find("href=\"/?q=drugs&amp;year_from=2010\"") != std::string::npos);  // chip removes theme
  CHECK(html.find("aria-current=\"page\"") != std::string::npos);
  CHECK(html.find("rel=\"prev\" href=\"/?q=drugs&amp;theme=harm-reduction&amp;year_from=2010&amp;page=2\"") != std::string::npos);
  CHECK(html.find("<option value=\"\" selected>Best match</option>") != std::string::npos);
  CHECK(html.find("Show all 12") != std::string::npos);
  // The selected value is beyond the first six, so "show all" starts open.
  CHECK(html.find("id=\"more-country\" open") != std::string::npos);
  CHECK(html.find("value=\"C9\" checked") != std::string::npos);

  SearchRequest none;
  none.q = "nothing";
  const std::string empty = templates.Render("search", SearchPageData(ctx, none, FakeResult(0, 0), {}), shared, &error);
  CHECK(empty.find("No practices match your search") != std::string::npos);
  CHECK(empty.find("class=\"pagination\"") == std::string::npos);
}

TEST_CASE("error pages are HTML with a CSP, and never show internals") {
  IndexManager index("unused");  // error pages do not read the index
  auto pages = std::make_shared<WebPages>(kWeb, test::ProjectVocabulary(), index);
  std::string error;
  REQUIRE_MESSAGE(pages->Load(&error), error);
  httplib::Request req;
  req.path = "/no/such/page";
  httplib::Response missing;
  missing.status = 404;
  pages->RenderErrorPage(req, missing);
  CHECK(missing.status == 404);
  CHECK(missing.get_header_value("Content-Type") == "text/html; charset=utf-8");
  CHECK(missing.get_header_value("Content-Security-Policy").find("script-src 'self'") != std::string::npos);
  CHECK(missing.body.find("Page not found") != std::string::npos);
  CHECK(missing.body.find("role=\"search\"") != std::string::npos);
  httplib::Response failed;
  failed.status = 500;
  pages->RenderErrorPage(req, failed);
  CHECK(failed.body.find("Something went wrong") != std::string::npos);
  CHECK(failed.body.find("/no/such/page") == std::string::npos);
  httplib::Response filled;
  filled.status = 404;
  filled.body = "kept";
  pages->RenderErrorPage(req, filled);
  CHECK(filled.body == "kept");

  auto broken = std::make_shared<WebPages>("no-such-folder", test::ProjectVocabulary(), index);
  CHECK_FALSE(broken->Load(&error));
  httplib::Response plain;
  plain.status = 404;
  broken->RenderErrorPage(req, plain);
  CHECK(plain.get_header_value("Content-Type").rfind("text/plain", 0) == 0);
}

}  // namespace
}  // namespace praxis
