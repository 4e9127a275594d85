// Rendering of the /contribute and /review pages: the same templates, message catalogues and
// page frame (layout.mustache) as the other web pages (pages.h), loaded from the same web folder.
//
// Every page is sent with the Content-Security-Policy of the other pages, and with
// `Cache-Control: no-store`: these pages hold what a contributor typed or a review session.
#pragma once

#include <map>
#include <string>

#include "messages.h"
#include "page_support.h"
#include "templates.h"
#include "vocabulary.h"

namespace httplib {
struct Request;
struct Response;
}  // namespace httplib

namespace praxis {

class ContributionPages {
 public:
  ContributionPages(std::string web_dir, const Vocabulary& vocabulary);

  // Reads the templates and catalogues. False with a message when they are missing; the
  // routes then answer with a plain-text 503 (the JSON API keeps working).
  bool Load(std::string* error);
  bool loaded() const { return loaded_; }

  // The request's language: `lang` when a catalogue exists for it, else Accept-Language.
  PageContext Context(const httplib::Request& req) const;

  // Renders template `name` over `data` inside the page frame and sends it with `status`.
  void Send(const PageContext& ctx, const std::string& name, MustacheData data,
            httplib::Response& res, int status = 200) const;

  // A page with a heading and a message (status.mustache), for errors outside a form.
  void SendMessage(const PageContext& ctx, int status, const std::string& heading,
                   const std::string& text, httplib::Response& res) const;

  // Renders only `name` over `data` (no frame), for HTML fragments.
  std::string RenderFragment(const PageContext& ctx, const std::string& name,
                             const MustacheData& data) const;

 private:
  std::string web_dir_;
  const Vocabulary& vocabulary_;
  bool loaded_ = false;
  TemplateSet templates_;
  Messages messages_;
  std::map<std::string, MustacheData> shared_;  // by language
};

// Sends a plain-text page: for when the templates could not be loaded.
void SendPlainText(httplib::Response& res, int status, const std::string& text);

}  // namespace praxis
