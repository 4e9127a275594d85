#include "markdown.h"

#include <cstdlib>
#include <memory>

#include <cmark.h>

namespace praxis {

namespace {

constexpr int kOptions = CMARK_OPT_VALIDATE_UTF8 | CMARK_OPT_SMART;

struct NodeDeleter {
  void operator()(cmark_node* node) const { cmark_node_free(node); }
};
using NodePtr = std::unique_ptr<cmark_node, NodeDeleter>;

NodePtr Parse(std::string_view markdown) {
  return NodePtr(cmark_parse_document(markdown.data(), markdown.size(), kOptions));
}

}  // namespace

std::string MarkdownToHtml(std::string_view markdown) {
  NodePtr root = Parse(markdown);
  // No CMARK_OPT_UNSAFE: raw HTML and dangerous URLs never pass through.
  char* html = cmark_render_html(root.get(), kOptions);
  std::string out(html);
  std::free(html);
  return out;
}

std::string MarkdownToPlainText(std::string_view markdown) {
  NodePtr root = Parse(markdown);
  std::string out;
  out.reserve(markdown.size());
  cmark_iter* iter = cmark_iter_new(root.get());
  cmark_event_type event;
  while ((event = cmark_iter_next(iter)) != CMARK_EVENT_DONE) {
    cmark_node* node = cmark_iter_get_node(iter);
    const cmark_node_type type = cmark_node_get_type(node);
    if (event == CMARK_EVENT_ENTER) {
      switch (type) {
        case CMARK_NODE_TEXT:
        case CMARK_NODE_CODE:
        case CMARK_NODE_CODE_BLOCK:
          if (const char* literal = cmark_node_get_literal(node)) out += literal;
          break;
        case CMARK_NODE_SOFTBREAK:
        case CMARK_NODE_LINEBREAK:
          out += ' ';
          break;
        default:
          break;
      }
    } else if (event == CMARK_EVENT_EXIT) {
      if (type == CMARK_NODE_PARAGRAPH || type == CMARK_NODE_HEADING ||
          type == CMARK_NODE_ITEM) {
        if (!out.empty() && out.back() != '\n') out += '\n';
      }
    }
  }
  cmark_iter_free(iter);
  return out;
}

}  // namespace praxis
