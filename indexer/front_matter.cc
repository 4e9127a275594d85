#include "front_matter.h"

#include "text_util.h"

namespace praxis {

namespace {

// Line and column (1-based, column in bytes) of a byte offset.
void PositionOf(std::string_view text, size_t offset, int* line, int* column) {
  *line = 1;
  size_t line_start = 0;
  for (size_t i = 0; i < offset && i < text.size(); ++i) {
    if (text[i] == '\n') {
      ++*line;
      line_start = i + 1;
    }
  }
  *column = static_cast<int>(offset - line_start) + 1;
}

bool IsDelimiter(std::string_view line, bool closing) {
  std::string_view t = line;
  while (!t.empty() && (t.back() == ' ' || t.back() == '\t')) t.remove_suffix(1);
  return t == "---" || (closing && t == "...");
}

}  // namespace

bool SplitFrontMatter(std::string_view file_text, const std::string& path, FrontMatter* out,
                      std::vector<Diagnostic>* diagnostics) {
  auto error = [&](int line, int column, std::string message) {
    diagnostics->push_back({path, line, column, Severity::kError, std::move(message), ""});
    return false;
  };
  if (file_text.size() > kMaxEntryBytes) {
    return error(1, 1, "file is " + std::to_string(file_text.size()) +
                           " bytes; entries are limited to 1 MiB (1048576 bytes)");
  }
  if (auto bad = FindInvalidUtf8(file_text)) {
    int line, column;
    PositionOf(file_text, *bad, &line, &column);
    return error(line, column, "invalid UTF-8 byte sequence; save the file as UTF-8");
  }
  if (file_text.substr(0, 3) == "\xEF\xBB\xBF") file_text.remove_prefix(3);

  std::string text;
  text.reserve(file_text.size());
  for (size_t i = 0; i < file_text.size(); ++i) {
    if (file_text[i] == '\r' && i + 1 < file_text.size() && file_text[i + 1] == '\n') continue;
    text += file_text[i];
  }
  if (text.find('\0') != std::string::npos) {
    int line, column;
    PositionOf(text, text.find('\0'), &line, &column);
    return error(line, column, "NUL byte in the file; entries must be plain text");
  }

  size_t first_end = text.find('\n');
  std::string_view first_line =
      std::string_view(text).substr(0, first_end == std::string::npos ? text.size() : first_end);
  if (!IsDelimiter(first_line, false)) {
    return error(1, 1, "missing front matter: the file must start with a line '---'");
  }
  if (first_end == std::string::npos) {
    return error(1, 1, "unterminated front matter: no closing '---' line");
  }
  size_t pos = first_end + 1;
  int line_no = 2;
  while (pos <= text.size()) {
    size_t end = text.find('\n', pos);
    std::string_view line =
        std::string_view(text).substr(pos, end == std::string::npos ? std::string::npos : end - pos);
    if (IsDelimiter(line, true)) {
      out->yaml = text.substr(first_end + 1, pos - (first_end + 1));
      out->yaml_first_line = 2;
      out->body = end == std::string::npos ? std::string() : text.substr(end + 1);
      out->body_first_line = line_no + 1;
      return true;
    }
    if (end == std::string::npos) break;
    pos = end + 1;
    ++line_no;
  }
  return error(1, 1, "unterminated front matter: no closing '---' line");
}

}  // namespace praxis
