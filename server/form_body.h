// Request bodies of the contribution routes, read by the handlers themselves.
//
// The Debian cpp-httplib refuses application/x-www-form-urlencoded bodies over 8 KiB (a
// compile-time limit of the shared library), far too little for an entry; routes that take
// forms therefore read the body through a content reader and decode it here.
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace httplib {
struct Request;
class ContentReader;
}  // namespace httplib

namespace praxis {

// Reads the whole body, at most `max_bytes`. False when it is larger (or the read failed).
bool ReadBody(const httplib::ContentReader& reader, size_t max_bytes, std::string* body);

// "a=1&b=x+y%21" -> {("a","1"), ("b","x y!")}, in order. A malformed escape is kept literally.
std::vector<std::pair<std::string, std::string>> ParseUrlEncoded(std::string_view body);

// The media type of a Content-Type header, lower-cased, without parameters.
std::string MediaType(const httplib::Request& req);

}  // namespace praxis
