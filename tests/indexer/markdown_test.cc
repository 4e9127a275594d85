#include <doctest/doctest.h>

#include "markdown.h"

namespace praxis {

TEST_CASE("raw HTML and dangerous links never pass through") {
  std::string html = MarkdownToHtml(
      "Hello <script>alert(1)</script>\n\n<div onclick=\"x()\">block</div>\n\n"
      "[click](javascript:alert(1)) [ok](https://example.org) ![i](JaVaScRiPt:x)\n");
  CHECK(html.find("<script") == std::string::npos);
  CHECK(html.find("onclick") == std::string::npos);
  CHECK(html.find("javascript:") == std::string::npos);
  CHECK(html.find("JaVaScRiPt") == std::string::npos);
  CHECK(html.find("href=\"https://example.org\"") != std::string::npos);
}

TEST_CASE("plain text keeps words, drops markup and decodes entities") {
  std::string text = MarkdownToPlainText(
      "## Context\n\nSome *emphasis* and `code` &amp; a [link](https://x.org).\n\n"
      "- item one\n- item two\n\n<b>raw</b>\n");
  CHECK(text.find("Context\n") != std::string::npos);
  CHECK(text.find("Some emphasis and code & a link.") != std::string::npos);
  CHECK(text.find("item one") != std::string::npos);
  CHECK(text.find("<b>") == std::string::npos);
  CHECK(text.find("##") == std::string::npos);
  CHECK(text.find("https://x.org") == std::string::npos);
}

}  // namespace praxis
