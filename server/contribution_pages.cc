#include "contribution_pages.h"

#include <stdexcept>

#include <httplib.h>

#include "file_util.h"
#include "text_util.h"

namespace praxis {

namespace {

// The same policy as the other pages (pages.cc): no inline scripts or styles, forms only to
// this site.
constexpr const char* kContentSecurityPolicy =
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'";

// Static files every page links, with a content hash so a changed file is fetched anew.
constexpr const char* kStaticFiles[][2] = {{"css_url", "style.css"},
                                           {"js_url", "app.js"},
                                           {"icon_url", "favicon.svg"},
                                           {"contribute_css_url", "contribute.css"},
                                           {"contribute_js_url", "contribute.js"}};

constexpr const char* kTemplates[] = {"layout", "status", "contribute", "contribute_received",
                                      "review_login", "review", "review_submission",
                                      "review_result"};

void SetHtml(httplib::Response& res, int status, std::string body) {
  res.status = status;
  res.set_header("Content-Security-Policy", kContentSecurityPolicy);
  res.set_header("X-Frame-Options", "DENY");
  res.set_header("Cache-Control", "no-store");
  res.set_content(std::move(body), "text/html; charset=utf-8");
}

}  // namespace

void SendPlainText(httplib::Response& res, int status, const std::string& text) {
  res.status = status;
  res.set_header("Cache-Control", "no-store");
  res.set_content(text, "text/plain; charset=utf-8");
}

ContributionPages::ContributionPages(std::string web_dir, const Vocabulary& vocabulary)
    : web_dir_(std::move(web_dir)), vocabulary_(vocabulary) {}

bool ContributionPages::Load(std::string* error) {
  loaded_ = false;
  if (!templates_.Load(web_dir_ + "/templates", error)) return false;
  for (const char* name : kTemplates) {
    if (!templates_.Has(name)) {
      *error = web_dir_ + "/templates/" + name + ".mustache: missing";
      return false;
    }
  }
  if (!messages_.Load(web_dir_ + "/i18n", error)) return false;
  MustacheData statics;
  for (const auto& [key, file] : kStaticFiles) {
    std::string bytes;
    if (!ReadFile(web_dir_ + "/static/" + file, &bytes, error)) return false;
    statics.set(key, "/static/" + std::string(file) + "?v=" + ContentHash(bytes).substr(0, 12));
  }
  shared_.clear();
  for (const std::string& lang : messages_.languages()) {
    MustacheData t;
    // English first, then the language over it, so a missing key shows the English text.
    for (const MessageCatalogue* c : {&messages_.English(), messages_.Find(lang)}) {
      for (const auto& [key, text] : c->strings()) {
        if (key.find('.') == std::string::npos) t.set(key, text);
      }
    }
    MustacheData shared = statics;
    shared.set("t", t);
    shared.set("lang", lang);
    shared_[lang] = std::move(shared);
  }
  loaded_ = true;
  return true;
}

PageContext ContributionPages::Context(const httplib::Request& req) const {
  std::string lang = req.get_param_value("lang");
  if (!messages_.Find(lang)) lang.clear();
  const MessageCatalogue& t = messages_.Choose(lang, req.get_header_value("Accept-Language"));
  return PageContext{t, vocabulary_, AsciiLower(lang)};
}

std::string ContributionPages::RenderFragment(const PageContext& ctx, const std::string& name,
                                              const MustacheData& data) const {
  std::string error;
  std::string html = templates_.Render(name, data, shared_.at(ctx.t.lang()), &error);
  if (!error.empty()) throw std::runtime_error(error);
  return html;
}

void ContributionPages::Send(const PageContext& ctx, const std::string& name, MustacheData data,
                             httplib::Response& res, int status) const {
  const std::string content = RenderFragment(ctx, name, data);
  MustacheData page;
  page.set("content", content);
  page.set("page_title", data.get("page_title") ? *data.get("page_title") : MustacheData(""));
  page.set("home_url", PageUrl(ctx, "/"));
  page.set("about_url", PageUrl(ctx, "/about"));
  page.set("contribute_url", PageUrl(ctx, "/contribute"));
  page.set("with_script", false);
  page.set("nav_contribute", name.rfind("contribute", 0) == 0);
  SetHtml(res, status, RenderFragment(ctx, "layout", page));
}

void ContributionPages::SendMessage(const PageContext& ctx, int status, const std::string& heading,
                                    const std::string& text, httplib::Response& res) const {
  MustacheData d;
  d.set("page_title", heading);
  d.set("heading", heading);
  d.set("text", text);
  d.set("detail", false);
  d.set("search_box", false);
  d.set("search_url", PageUrl(ctx, "/"));
  d.set("about_url", PageUrl(ctx, "/about"));
  d.set("hidden_lang", OptionalText(ctx.lang_param));
  Send(ctx, "status", std::move(d), res, status);
}

}  // namespace praxis
