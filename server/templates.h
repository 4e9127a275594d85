// Mustache page templates (web/templates/*.mustache), rendered with Debian's kainjow mustache.
//
// {{name}} is HTML-escaped (& < > " '), so all entry and query text is escaped by default;
// {{{name}}} is raw and is used only for HTML the server made safe itself (cmark's body,
// Xapian's snippet, a template rendered before). Every template is also a partial: {{>name}}.
//
// The sources are read once by Load(). Parsed templates are cached per thread, because a
// kainjow template object is not safe to render from two threads at once.
#pragma once

#include <kainjow/mustache.hpp>

#include <cstdint>
#include <map>
#include <memory>
#include <string>

namespace praxis {

using Mustache = kainjow::mustache::mustache;
using MustacheData = kainjow::mustache::data;

class TemplateSet {
 public:
  // Reads every *.mustache file of `dir` and checks that each parses. False with a message
  // naming the file otherwise.
  bool Load(const std::string& dir, std::string* error);

  bool Has(const std::string& name) const { return sources_.count(name) > 0; }

  // Renders template `name` over `data`, looking names up in `data` first and then in
  // `shared` (strings common to every page, such as the message catalogue). Returns "" and
  // sets *error if the template is unknown or fails.
  std::string Render(const std::string& name, const MustacheData& data,
                     const MustacheData& shared, std::string* error) const;

 private:
  std::unique_ptr<Mustache>& Parsed(const std::string& name) const;

  std::map<std::string, std::string> sources_;
  MustacheData partials_;  // every template as a partial
  uint64_t generation_ = 0;
};

}  // namespace praxis
