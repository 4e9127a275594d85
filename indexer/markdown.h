// Markdown through cmark: HTML for pages, plain text for the index and for snippets.
//
// Rendering is safe by construction: cmark (0.29 and later) replaces raw HTML with a comment and
// empties javascript:, vbscript:, file: and data: link targets. Invalid UTF-8 becomes U+FFFD.
#pragma once

#include <string>
#include <string_view>

namespace praxis {

std::string MarkdownToHtml(std::string_view markdown);

// The text of the document without markup: paragraphs and headings end with a newline,
// line breaks become spaces, raw HTML is dropped, entities are decoded.
std::string MarkdownToPlainText(std::string_view markdown);

}  // namespace praxis
