// The web pages of praxis-server, rendered on the server from web/templates with the strings
// of web/i18n, so that everything works without JavaScript:
//
//   GET /                    search: form, facets with counts, chips, results, pagination
//   GET /fragments/search    the same search's facets and results only, for web/static/app.js
//   GET /practices/{id}      one practice
//   GET /about               what Praxis is, the evidence scale, how to contribute
//   GET /feed.atom           the most recently updated practices of any search, as Atom
//   GET /stats               cross-tabs, charts and a map for any search
//   HTML 404 and error pages for every path outside /api/
//
// Every HTML response carries a Content-Security-Policy without inline scripts or styles.
// The interface language is the `lang` parameter's when a catalogue exists for it (and is then
// kept in every link), else the best one for Accept-Language, else English.
#pragma once

#include <map>
#include <memory>
#include <string>

#include "index_manager.h"
#include "messages.h"
#include "page_support.h"
#include "stats_page.h"
#include "templates.h"
#include "vocabulary.h"

namespace httplib {
class Server;
struct Request;
struct Response;
}  // namespace httplib

namespace praxis {

class WebPages : public std::enable_shared_from_this<WebPages> {
 public:
  WebPages(std::string web_dir, const Vocabulary& vocabulary, IndexManager& index);

  // Reads the templates, the message catalogues and the static files' versions. On failure
  // returns false with a message; the pages then answer 503 with a plain explanation.
  bool Load(std::string* error);

  // Registers the page routes; they keep this object alive (create it with make_shared).
  void Install(httplib::Server& server);

  // Fills `res` with the HTML page for its status (404, another 4xx, or 5xx) when its body is
  // empty. Shows no internals.
  void RenderErrorPage(const httplib::Request& req, httplib::Response& res) const;

 private:

  PageContext Context(const httplib::Request& req) const;
  const MustacheData& Shared(const PageContext& ctx) const;
  // Renders `name` over `data` inside the layout and sends it with `status`.
  void SendPage(const PageContext& ctx, const std::string& name, MustacheData data,
                httplib::Response& res, int status = 200) const;
  void SendStatusPage(const PageContext& ctx, int status, const std::string& message,
                      httplib::Response& res) const;

  void Search(const httplib::Request& req, httplib::Response& res, bool fragment) const;
  void Practice(const httplib::Request& req, httplib::Response& res) const;
  void About(const httplib::Request& req, httplib::Response& res) const;
  void Feed(const httplib::Request& req, httplib::Response& res) const;
  void Stats(const httplib::Request& req, httplib::Response& res) const;

  std::string web_dir_;
  const Vocabulary& vocabulary_;
  IndexManager& index_;
  bool loaded_ = false;
  TemplateSet templates_;
  Messages messages_;
  CountryShapes country_shapes_;
  std::map<std::string, MustacheData> shared_;  // by language
};

}  // namespace praxis
