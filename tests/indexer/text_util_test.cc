#include <doctest/doctest.h>

#include "text_util.h"

namespace praxis {

TEST_CASE("UTF-8 validation finds the first bad byte") {
  CHECK_FALSE(FindInvalidUtf8("plain ascii, кириллица, Türkçe").has_value());
  CHECK(FindInvalidUtf8("ab\xC3\x28").value() == 2);
  CHECK(FindInvalidUtf8("\xC0\xAF").value() == 0);          // overlong '/'
  CHECK(FindInvalidUtf8("x\xED\xA0\x80").value() == 1);     // surrogate
  CHECK(FindInvalidUtf8("\xF4\x90\x80\x80").value() == 0);  // above U+10FFFF
  CHECK(FindInvalidUtf8("abc\xE2\x82").value() == 3);       // truncated
}

TEST_CASE("invalid UTF-8 in quoted input becomes U+FFFD") {
  CHECK(ToValidUtf8("plain") == "plain");
  CHECK(ToValidUtf8("Ю") == "Ю");
  CHECK(ToValidUtf8("a\xD0") == "a\xEF\xBF\xBD");  // half of a Cyrillic letter
  CHECK(ToValidUtf8("\xFF\xFEx") == "\xEF\xBF\xBD\xEF\xBF\xBDx");
  CHECK_FALSE(FindInvalidUtf8(ToValidUtf8("\xE2\x82 \xF0\x9F\x98")).has_value());
}

TEST_CASE("suggestions only for near misses") {
  std::vector<std::string> fields = {"countries", "themes", "actors"};
  CHECK(SuggestClosest("contries", fields).value() == "countries");
  CHECK(SuggestClosest("Themes", fields).value() == "themes");
  CHECK_FALSE(SuggestClosest("colour", fields).has_value());
}

TEST_CASE("URLs and dates") {
  CHECK(IsHttpUrl("https://www.euda.europa.eu/best-practice_en"));
  CHECK(IsHttpUrl("HTTP://example.org"));
  CHECK_FALSE(IsHttpUrl("javascript:alert(1)"));
  CHECK_FALSE(IsHttpUrl("https://"));
  CHECK_FALSE(IsHttpUrl("https://exa mple.org"));
  CHECK(IsIsoDate("2024-02-29"));
  CHECK_FALSE(IsIsoDate("2023-02-29"));
  CHECK_FALSE(IsIsoDate("2023-13-01"));
  CHECK_FALSE(IsIsoDate("23-01-01"));
}

TEST_CASE("slugs from titles in several scripts") {
  CHECK(Slugify("Scuole Sicure: più sicurezza") == "scuole-sicure-piu-sicurezza");
  CHECK(Slugify("  Ankkuri (Anchor) work ") == "ankkuri-anchor-work");
  CHECK(Slugify("Łódź & Kraków") == "lodz-krakow");
  CHECK(Slugify("Полиция") == "");
  CHECK(Slugify(std::string(200, 'a')).size() == 80);
}

TEST_CASE("HTML escaping covers attributes too") {
  CHECK(HtmlEscape("<a href=\"x\">'&'</a>") ==
        "&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;");
}

}  // namespace praxis
