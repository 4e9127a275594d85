// An entry's Markdown body to the HTML of its page and to the plain text of the index and of
// snippets (which the server takes from a prefix of the body).
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "fuzz_support.h"
#include "markdown.h"
#include "text_util.h"

using praxis::fuzz::Fail;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view markdown(reinterpret_cast<const char*>(data), size);
  const std::string html = praxis::MarkdownToHtml(markdown);
  // Raw HTML never reaches a page: cmark replaces it with a comment (markdown.h).
  if (html.find("<script") != std::string::npos) Fail("raw <script> in the HTML");
  // Both go into JSON (nlohmann throws on invalid UTF-8) and into Xapian's term generator.
  if (praxis::FindInvalidUtf8(html)) Fail("invalid UTF-8 in the HTML");
  const std::string text = praxis::MarkdownToPlainText(markdown);
  if (praxis::FindInvalidUtf8(text)) Fail("invalid UTF-8 in the plain text");
  if (praxis::FindInvalidUtf8(markdown)) return 0;  // entries are valid UTF-8 from here on
  const std::string snippet = praxis::MarkdownToPlainText(praxis::Utf8Prefix(markdown, 64));
  if (praxis::FindInvalidUtf8(snippet)) Fail("invalid UTF-8 in the plain text of a prefix");
  return 0;
}
