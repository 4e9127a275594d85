// Small text helpers shared by the indexer and the server: UTF-8 checks, case folding of
// ASCII identifiers, and "did you mean" suggestions.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace praxis {

// Returns the byte offset of the first invalid UTF-8 sequence, or nullopt when `text` is valid.
// Overlong forms, surrogates and code points above U+10FFFF are invalid.
std::optional<size_t> FindInvalidUtf8(std::string_view text);

// Number of code points in valid UTF-8 text.
size_t Utf8Length(std::string_view text);

// Truncates valid UTF-8 text to at most `max_bytes` bytes without splitting a character.
std::string_view Utf8Prefix(std::string_view text, size_t max_bytes);

// `text` with every byte that is not part of a valid UTF-8 sequence replaced by U+FFFD: for
// messages that quote what was sent, since they end up in JSON, which must be valid UTF-8.
std::string ToValidUtf8(std::string_view text);

std::string AsciiLower(std::string_view text);
std::string AsciiUpper(std::string_view text);
std::string_view Trim(std::string_view text);

// Edit distance with adjacent transpositions, on bytes (identifiers here are ASCII).
size_t EditDistance(std::string_view a, std::string_view b);

// The candidate closest to `word`, if it is close enough to be what the user meant.
std::optional<std::string> SuggestClosest(std::string_view word,
                                          const std::vector<std::string>& candidates);

// True for http:// and https:// URLs with a host and no white space or control characters.
bool IsHttpUrl(std::string_view url);

// True for a real calendar date written YYYY-MM-DD.
bool IsIsoDate(std::string_view text);

// Turns a title into an id slug: lowercase ASCII letters and digits joined by single hyphens,
// Latin accents folded, at most `max_length` characters.
std::string Slugify(std::string_view title, size_t max_length = 80);

// Escapes text for HTML element content and attribute values.
std::string HtmlEscape(std::string_view text);

}  // namespace praxis
