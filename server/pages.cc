#include "pages.h"

#include <exception>
#include <iostream>

#include <httplib.h>

#include "file_util.h"
#include "practice_lookup.h"
#include "feed_page.h"
#include "practice_page.h"
#include "search_page.h"
#include "searcher.h"
#include "text_util.h"
#include "with_index.h"

namespace praxis {

namespace {

constexpr const char* kContentSecurityPolicy =
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'";

// Static files linked from every page, with a content hash so a changed file is fetched anew.
constexpr const char* kStaticFiles[][2] = {
    {"css_url", "style.css"}, {"js_url", "app.js"}, {"icon_url", "favicon.svg"}};

void SetHtml(httplib::Response& res, int status, std::string body) {
  res.status = status;
  res.set_header("Content-Security-Policy", kContentSecurityPolicy);
  res.set_header("X-Frame-Options", "DENY");
  res.set_header("Cache-Control", "no-cache");
  res.headers.erase("Vary");
  res.set_header("Vary", "Accept-Encoding, Accept-Language");
  // Exactly text/html with a charset: cpp-httplib compresses text/* responses.
  res.set_content(std::move(body), "text/html; charset=utf-8");
}

void LogError(const httplib::Request& req, const std::string& what) {
  std::cerr << "praxis-server: internal error on " << req.method.substr(0, 8) << " "
            << Utf8Prefix(req.path, 200) << ": " << what << "\n";
}

// Runs a page handler; an exception is logged and becomes the generic error page.
template <typename Fn>
void Guarded(const WebPages& pages, const httplib::Request& req, httplib::Response& res, Fn fn) {
  try {
    fn();
    return;
  } catch (const Xapian::Error& e) {
    LogError(req, e.get_description());
  } catch (const std::exception& e) {
    LogError(req, e.what());
  } catch (...) {
    LogError(req, "unknown exception");
  }
  res.body.clear();
  res.status = 500;
  pages.RenderErrorPage(req, res);
}

}  // namespace

WebPages::WebPages(std::string web_dir, const Vocabulary& vocabulary, IndexManager& index)
    : web_dir_(std::move(web_dir)), vocabulary_(vocabulary), index_(index) {}

bool WebPages::Load(std::string* error) {
  loaded_ = false;
  if (!templates_.Load(web_dir_ + "/templates", error)) return false;
  for (const char* name : {"layout", "search", "search_fragment", "practice", "about", "status"}) {
    if (!templates_.Has(name)) {
      *error = web_dir_ + "/templates/" + name + ".mustache: missing";
      return false;
    }
  }
  if (!messages_.Load(web_dir_ + "/i18n", error)) return false;
  if (!country_shapes_.Load(web_dir_ + "/data/osce-map.json", error)) return false;
  MustacheData statics;
  for (const auto& [key, file] : kStaticFiles) {
    std::string bytes;
    if (!ReadFile(web_dir_ + "/static/" + file, &bytes, error)) return false;
    statics.set(key, "/static/" + std::string(file) + "?v=" + ContentHash(bytes).substr(0, 12));
  }
  shared_.clear();
  for (const std::string& lang : messages_.languages()) {
    const MessageCatalogue& catalogue = *messages_.Find(lang);
    MustacheData t;
    // English first, then this language over it, so a missing key shows the English text.
    for (const MessageCatalogue* c : {&messages_.English(), &catalogue}) {
      for (const auto& [key, text] : c->strings()) {
        if (key.find('.') == std::string::npos) t.set(key, text);
      }
    }
    MustacheData shared = statics;
    shared.set("t", t);
    shared.set("lang", lang);
    // The language switch in the footer: every interface language, named in itself.
    MustacheData languages(MustacheData::type::list);
    for (const std::string& other : messages_.languages()) {
      MustacheData item;
      item.set("code", other);
      item.set("name", messages_.Find(other)->Get("lang_name"));
      item.set("current", other == lang);
      languages.push_back(item);
    }
    shared.set("languages", languages);
    shared_[lang] = std::move(shared);
  }
  loaded_ = true;
  return true;
}

PageContext WebPages::Context(const httplib::Request& req) const {
  std::string lang = req.get_param_value("lang");
  if (!messages_.Find(lang)) lang.clear();
  const MessageCatalogue& t = messages_.Choose(lang, req.get_header_value("Accept-Language"));
  return PageContext{t, vocabulary_, AsciiLower(lang)};
}

const MustacheData& WebPages::Shared(const PageContext& ctx) const {
  return shared_.at(ctx.t.lang());
}

void WebPages::SendPage(const PageContext& ctx, const std::string& name, MustacheData data,
                        httplib::Response& res, int status) const {
  std::string error;
  const std::string content = templates_.Render(name, data, Shared(ctx), &error);
  if (!error.empty()) throw std::runtime_error(error);
  MustacheData page;
  page.set("content", content);
  page.set("page_title", data.get("page_title") ? *data.get("page_title") : MustacheData(""));
  page.set("home_url", PageUrl(ctx, "/"));
  page.set("about_url", PageUrl(ctx, "/about"));
  page.set("stats_url", PageUrl(ctx, "/stats"));
  page.set("nav_stats", name == "stats");
  page.set("contribute_url", PageUrl(ctx, "/contribute"));
  page.set("with_script", name == "search");
  page.set("nav_search", name == "search");
  page.set("nav_about", name == "about");
  const std::string html = templates_.Render("layout", page, Shared(ctx), &error);
  if (!error.empty()) throw std::runtime_error(error);
  SetHtml(res, status, html);
}

void WebPages::SendStatusPage(const PageContext& ctx, int status, const std::string& message,
                              httplib::Response& res) const {
  MustacheData d;
  const char* kind = status == 404 ? "not_found" : status >= 500 ? "error" : "bad_request";
  d.set("page_title", ctx.t.Get(std::string(kind) + "_title"));
  d.set("heading", ctx.t.Get(std::string(kind) + "_title"));
  d.set("text", ctx.t.Get(std::string(kind) + "_text"));
  d.set("detail", OptionalText(message));
  d.set("not_found", status == 404);
  d.set("search_box", status < 500);
  d.set("search_url", PageUrl(ctx, "/"));
  d.set("about_url", PageUrl(ctx, "/about"));
  d.set("hidden_lang", OptionalText(ctx.lang_param));
  SendPage(ctx, "status", std::move(d), res, status);
}

void WebPages::RenderErrorPage(const httplib::Request& req, httplib::Response& res) const {
  if (!res.body.empty()) return;
  const int status = res.status;
  if (!loaded_) {
    res.set_content(status == 404 ? "Not found.\n" : "The request could not be processed.\n",
                    "text/plain; charset=utf-8");
    return;
  }
  try {
    SendStatusPage(Context(req), status, "", res);
  } catch (...) {
    res.status = status;
    res.set_content("The page could not be shown.\n", "text/plain; charset=utf-8");
  }
}

void WebPages::Search(const httplib::Request& req, httplib::Response& res, bool fragment) const {
  const PageContext ctx = Context(req);
  SearchRequest request;
  ApiError error;
  if (!ParseSearchRequest(req.params, {"lang"}, &request, &error)) {
    return SendStatusPage(ctx, error.status, error.message, res);
  }
  YearBounds years;
  SearchResult result = WithCurrentIndex(index_, [&](Xapian::Database& db, const Snapshot& snapshot) {
    years = {snapshot.facets->min_year(), snapshot.facets->max_year()};
    return Searcher(db, *snapshot.facets, vocabulary_).Search(request);
  });
  MustacheData data = SearchPageData(ctx, request, result, years);
  if (!fragment) return SendPage(ctx, "search", std::move(data), res);
  std::string render_error;
  const std::string html = templates_.Render("search_fragment", data, Shared(ctx), &render_error);
  if (!render_error.empty()) throw std::runtime_error(render_error);
  SetHtml(res, 200, html);
}

void WebPages::Practice(const httplib::Request& req, httplib::Response& res) const {
  const PageContext ctx = Context(req);
  const std::string id = req.matches[1];
  std::optional<MustacheData> data = WithCurrentIndex(index_, [&](Xapian::Database& db, const Snapshot&) {
    Xapian::docid docid = 0;
    std::optional<Entry> entry = FindPractice(db, id, &docid);
    if (!entry) return std::optional<MustacheData>();
    return std::optional<MustacheData>(PracticePageData(ctx, *entry, MoreLikeThis(db, docid, id, 5)));
  });
  if (!data) return SendStatusPage(ctx, 404, ctx.t.Get("not_found_practice"), res);
  SendPage(ctx, "practice", std::move(*data), res);
}

void WebPages::About(const httplib::Request& req, httplib::Response& res) const {
  const PageContext ctx = Context(req);
  auto snapshot = index_.Current();
  SendPage(ctx, "about", AboutPageData(ctx, *snapshot->facets), res);
}

void WebPages::Feed(const httplib::Request& req, httplib::Response& res) const {
  const PageContext ctx = Context(req);
  SearchRequest request;
  ApiError error;
  if (!ParseSearchRequest(req.params, {"lang"}, &request, &error)) {
    return SendStatusPage(ctx, error.status, error.message, res);
  }
  const SearchRequest shown = request;
  // A feed is always the newest changes of the search, whatever page or order was asked for.
  request.sort = SortOrder::kUpdated;
  request.page = 1;
  request.per_page = kFeedEntries;
  SearchResult result = WithCurrentIndex(index_, [&](Xapian::Database& db, const Snapshot& snapshot) {
    return Searcher(db, *snapshot.facets, vocabulary_).Search(request);
  });
  std::string render_error;
  const std::string xml = templates_.Render(
      "feed", FeedData(ctx, shown, result, "/feed.atom" + SearchQueryString(shown)), Shared(ctx),
      &render_error);
  if (!render_error.empty()) throw std::runtime_error(render_error);
  res.status = 200;
  res.set_content(xml, "application/atom+xml; charset=utf-8");
}

void WebPages::Stats(const httplib::Request& req, httplib::Response& res) const {
  const PageContext ctx = Context(req);
  SearchRequest request;
  ApiError error;
  if (!ParseSearchRequest(req.params, {"lang", "rows", "cols"}, &request, &error)) {
    return SendStatusPage(ctx, error.status, error.message, res);
  }
  std::string rows = req.has_param("rows") ? req.get_param_value("rows") : "country";
  std::string cols = req.has_param("cols") ? req.get_param_value("cols") : "theme";
  if (!IsCrossTabField(rows)) rows = "country";
  if (!cols.empty() && (!IsCrossTabField(cols) || cols == rows)) cols.clear();
  MustacheData data = WithCurrentIndex(index_, [&](Xapian::Database& db, const Snapshot& snapshot) {
    const DocBitmap set = Searcher(db, *snapshot.facets, vocabulary_).MatchingSet(request);
    const CrossTab table = ComputeCrossTab(set, *snapshot.facets, vocabulary_, rows, cols);
    const CrossTab years = ComputeCrossTab(set, *snapshot.facets, vocabulary_, "year", "");
    const CrossTab countries = ComputeCrossTab(set, *snapshot.facets, vocabulary_, "country", "");
    return StatsPageData(ctx, {request, rows, cols, table, years, countries}, country_shapes_);
  });
  SendPage(ctx, "stats", std::move(data), res);
}

void WebPages::Install(httplib::Server& server) {
  using httplib::Request;
  using httplib::Response;
  auto route = [self = shared_from_this()](auto method) {
    return [self, method](const Request& req, Response& res) {
      if (!self->loaded_) {
        res.status = 503;
        res.set_content("The web pages are not installed on this server; the API is at /api/v1/.\n",
                        "text/plain; charset=utf-8");
        return;
      }
      Guarded(*self, req, res, [&] { method(req, res); });
    };
  };
  server.Get("/", route([this](const Request& req, Response& res) { Search(req, res, false); }));
  server.Get("/fragments/search",
             route([this](const Request& req, Response& res) { Search(req, res, true); }));
  server.Get(R"(/practices/([^/]{1,200}))",
             route([this](const Request& req, Response& res) { Practice(req, res); }));
  server.Get("/about", route([this](const Request& req, Response& res) { About(req, res); }));
  server.Get("/feed.atom", route([this](const Request& req, Response& res) { Feed(req, res); }));
  server.Get("/stats", route([this](const Request& req, Response& res) { Stats(req, res); }));
}

}  // namespace praxis
