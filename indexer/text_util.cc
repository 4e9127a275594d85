#include "text_util.h"

#include <algorithm>
#include <cctype>
#include <cstdint>

namespace praxis {

std::optional<size_t> FindInvalidUtf8(std::string_view text) {
  const auto* s = reinterpret_cast<const unsigned char*>(text.data());
  const size_t n = text.size();
  size_t i = 0;
  while (i < n) {
    unsigned char c = s[i];
    if (c < 0x80) {
      ++i;
      continue;
    }
    size_t len;
    uint32_t cp;
    if ((c & 0xE0) == 0xC0) {
      len = 2;
      cp = c & 0x1F;
    } else if ((c & 0xF0) == 0xE0) {
      len = 3;
      cp = c & 0x0F;
    } else if ((c & 0xF8) == 0xF0) {
      len = 4;
      cp = c & 0x07;
    } else {
      return i;
    }
    if (i + len > n) return i;
    for (size_t k = 1; k < len; ++k) {
      if ((s[i + k] & 0xC0) != 0x80) return i;
      cp = (cp << 6) | (s[i + k] & 0x3F);
    }
    const bool overlong = (len == 2 && cp < 0x80) || (len == 3 && cp < 0x800) ||
                          (len == 4 && cp < 0x10000);
    if (overlong || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return i;
    i += len;
  }
  return std::nullopt;
}

size_t Utf8Length(std::string_view text) {
  size_t count = 0;
  for (unsigned char c : text) {
    if ((c & 0xC0) != 0x80) ++count;
  }
  return count;
}

std::string ToValidUtf8(std::string_view text) {
  std::string out;
  while (auto bad = FindInvalidUtf8(text)) {
    out.append(text.substr(0, *bad));
    out += "\xEF\xBF\xBD";  // U+FFFD
    text.remove_prefix(*bad + 1);
  }
  out.append(text);
  return out;
}

std::string_view Utf8Prefix(std::string_view text, size_t max_bytes) {
  if (text.size() <= max_bytes) return text;
  size_t end = max_bytes;
  while (end > 0 && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80) --end;
  return text.substr(0, end);
}

std::string AsciiLower(std::string_view text) {
  std::string out(text);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

std::string AsciiUpper(std::string_view text) {
  std::string out(text);
  for (char& c : out) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return out;
}

std::string_view Trim(std::string_view text) {
  const char* ws = " \t\r\n";
  size_t b = text.find_first_not_of(ws);
  if (b == std::string_view::npos) return {};
  size_t e = text.find_last_not_of(ws);
  return text.substr(b, e - b + 1);
}

size_t EditDistance(std::string_view a, std::string_view b) {
  // Optimal string alignment: Levenshtein plus adjacent transpositions ("rtc" -> "rct" is 1).
  const size_t n = a.size(), m = b.size();
  std::vector<std::vector<size_t>> d(n + 1, std::vector<size_t>(m + 1));
  for (size_t i = 0; i <= n; ++i) d[i][0] = i;
  for (size_t j = 0; j <= m; ++j) d[0][j] = j;
  for (size_t i = 1; i <= n; ++i) {
    for (size_t j = 1; j <= m; ++j) {
      const size_t cost = a[i - 1] == b[j - 1] ? 0 : 1;
      d[i][j] = std::min({d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost});
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) {
        d[i][j] = std::min(d[i][j], d[i - 2][j - 2] + 1);
      }
    }
  }
  return d[n][m];
}

std::optional<std::string> SuggestClosest(std::string_view word,
                                          const std::vector<std::string>& candidates) {
  const std::string lowered = AsciiLower(word);
  std::optional<std::string> best;
  size_t best_distance = SIZE_MAX;
  for (const std::string& c : candidates) {
    size_t d = EditDistance(lowered, AsciiLower(c));
    if (d < best_distance) {
      best_distance = d;
      best = c;
    }
  }
  // Allow roughly one typo per three characters, and at least one.
  const size_t allowed = std::max<size_t>(1, std::min<size_t>(3, (lowered.size() + 2) / 3));
  if (best && best_distance <= allowed) return best;
  return std::nullopt;
}

bool IsHttpUrl(std::string_view url) {
  std::string lower = AsciiLower(url.substr(0, 8));
  size_t scheme_len;
  if (lower.rfind("https://", 0) == 0) {
    scheme_len = 8;
  } else if (lower.rfind("http://", 0) == 0) {
    scheme_len = 7;
  } else {
    return false;
  }
  if (url.size() <= scheme_len || url.size() > 2048) return false;
  for (unsigned char c : url) {
    if (c <= 0x20 || c == 0x7F) return false;
  }
  std::string_view rest = url.substr(scheme_len);
  size_t host_end = rest.find_first_of("/?#");
  std::string_view host = rest.substr(0, host_end);
  return !host.empty() && host.front() != '.' && host.front() != ':';
}

bool IsIsoDate(std::string_view t) {
  if (t.size() != 10 || t[4] != '-' || t[7] != '-') return false;
  for (size_t i : {0, 1, 2, 3, 5, 6, 8, 9}) {
    if (!std::isdigit(static_cast<unsigned char>(t[i]))) return false;
  }
  int y = std::stoi(std::string(t.substr(0, 4)));
  int m = std::stoi(std::string(t.substr(5, 2)));
  int d = std::stoi(std::string(t.substr(8, 2)));
  if (y < 1900 || m < 1 || m > 12 || d < 1) return false;
  static const int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
  int max_day = kDays[m - 1] + (m == 2 && leap ? 1 : 0);
  return d <= max_day;
}

namespace {

// Folds the Latin letters with diacritics that occur in OSCE-area languages to ASCII.
// Input is one code point; returns "" for anything that is not a letter we can fold.
std::string FoldLatin(uint32_t cp) {
  struct Fold {
    uint32_t from, to;
    const char* ascii;
  };
  static const Fold kFolds[] = {
      {0xC0, 0xC5, "a"}, {0xC6, 0xC6, "ae"}, {0xC7, 0xC7, "c"}, {0xC8, 0xCB, "e"},
      {0xCC, 0xCF, "i"}, {0xD0, 0xD0, "d"},  {0xD1, 0xD1, "n"}, {0xD2, 0xD6, "o"},
      {0xD8, 0xD8, "o"}, {0xD9, 0xDC, "u"},  {0xDD, 0xDD, "y"}, {0xDF, 0xDF, "ss"},
      {0xE0, 0xE5, "a"}, {0xE6, 0xE6, "ae"}, {0xE7, 0xE7, "c"}, {0xE8, 0xEB, "e"},
      {0xEC, 0xEF, "i"}, {0xF0, 0xF0, "d"},  {0xF1, 0xF1, "n"}, {0xF2, 0xF6, "o"},
      {0xF8, 0xF8, "o"}, {0xF9, 0xFC, "u"},  {0xFD, 0xFF, "y"}, {0x100, 0x105, "a"},
      {0x106, 0x10D, "c"}, {0x10E, 0x111, "d"}, {0x112, 0x11B, "e"}, {0x11C, 0x123, "g"},
      {0x124, 0x127, "h"}, {0x128, 0x131, "i"}, {0x134, 0x135, "j"}, {0x136, 0x137, "k"},
      {0x139, 0x142, "l"}, {0x143, 0x148, "n"}, {0x14C, 0x151, "o"}, {0x152, 0x153, "oe"},
      {0x154, 0x159, "r"}, {0x15A, 0x161, "s"}, {0x162, 0x167, "t"}, {0x168, 0x173, "u"},
      {0x174, 0x175, "w"}, {0x176, 0x178, "y"}, {0x179, 0x17E, "z"}, {0x218, 0x219, "s"},
      {0x21A, 0x21B, "t"},
  };
  for (const Fold& f : kFolds) {
    if (cp >= f.from && cp <= f.to) return f.ascii;
  }
  return "";
}

}  // namespace

std::string Slugify(std::string_view title, size_t max_length) {
  std::string slug;
  bool pending_hyphen = false;
  auto append = [&](std::string_view piece) {
    if (pending_hyphen && !slug.empty()) slug += '-';
    pending_hyphen = false;
    slug += piece;
  };
  const auto* s = reinterpret_cast<const unsigned char*>(title.data());
  for (size_t i = 0; i < title.size();) {
    unsigned char c = s[i];
    if (c < 0x80) {
      if (std::isalnum(c)) {
        char lower = static_cast<char>(std::tolower(c));
        append(std::string_view(&lower, 1));
      } else if (c != '\'') {
        pending_hyphen = true;
      }
      ++i;
      continue;
    }
    size_t len = (c & 0xE0) == 0xC0 ? 2 : (c & 0xF0) == 0xE0 ? 3 : (c & 0xF8) == 0xF0 ? 4 : 1;
    uint32_t cp = len == 2 ? (c & 0x1F) : len == 3 ? (c & 0x0F) : (c & 0x07);
    for (size_t k = 1; k < len && i + k < title.size(); ++k) cp = (cp << 6) | (s[i + k] & 0x3F);
    std::string folded = FoldLatin(cp);
    if (folded.empty()) {
      pending_hyphen = true;
    } else {
      append(folded);
    }
    i += len;
  }
  if (slug.size() > max_length) {
    slug.resize(max_length);
    size_t cut = slug.rfind('-');
    if (cut != std::string::npos && cut > max_length / 2) slug.resize(cut);
  }
  while (!slug.empty() && slug.back() == '-') slug.pop_back();
  return slug;
}

std::string HtmlEscape(std::string_view text) {
  std::string out;
  out.reserve(text.size() + text.size() / 8);
  for (char c : text) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&#39;"; break;
      default: out += c;
    }
  }
  return out;
}

}  // namespace praxis
