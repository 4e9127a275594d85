#include "form_body.h"

#include <httplib.h>

#include "text_util.h"

namespace praxis {

namespace {

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

std::string Decode(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '+') {
      out += ' ';
    } else if (s[i] == '%' && i + 2 < s.size() && HexValue(s[i + 1]) >= 0 &&
               HexValue(s[i + 2]) >= 0) {
      out += static_cast<char>(HexValue(s[i + 1]) * 16 + HexValue(s[i + 2]));
      i += 2;
    } else {
      out += s[i];
    }
  }
  return out;
}

}  // namespace

bool ReadBody(const httplib::ContentReader& reader, size_t max_bytes, std::string* body) {
  bool too_large = false;
  const bool ok = reader([&](const char* data, size_t length) {
    if (body->size() + length > max_bytes) {
      too_large = true;
      return false;
    }
    body->append(data, length);
    return true;
  });
  return ok && !too_large;
}

std::vector<std::pair<std::string, std::string>> ParseUrlEncoded(std::string_view body) {
  std::vector<std::pair<std::string, std::string>> out;
  size_t start = 0;
  while (start <= body.size()) {
    size_t end = body.find('&', start);
    if (end == std::string_view::npos) end = body.size();
    std::string_view pair = body.substr(start, end - start);
    if (!pair.empty()) {
      const size_t eq = pair.find('=');
      out.emplace_back(Decode(pair.substr(0, eq)),
                       eq == std::string_view::npos ? "" : Decode(pair.substr(eq + 1)));
    }
    start = end + 1;
  }
  return out;
}

std::string MediaType(const httplib::Request& req) {
  std::string type = req.get_header_value("Content-Type");
  type = type.substr(0, type.find(';'));
  return AsciiLower(Trim(type));
}

}  // namespace praxis
