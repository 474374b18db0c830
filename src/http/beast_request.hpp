// The Beast half of request intake, shared by the server and the fuzz target so both run the
// same limits and conversion. Internal: include only from src/http/*.cpp and tests/fuzz/.
//
//   RequestParser parser;
//   InitParser(parser);
//   ... read the header ...
//   auto request = RequestFromHeader(parser.get(), remote);       // body still empty
//   Status fits = ApplyBodyLimit(parser, pipeline.BodyLimitFor(...));  // 413 when too large
//   ... read the body, then request->body = std::move(parser.get().body());
#pragma once

#include <boost/beast/http/message.hpp>
#include <boost/beast/http/parser.hpp>
#include <boost/beast/http/string_body.hpp>
#include <boost/optional.hpp>
#include <string>
#include <utility>

#include "domain/common/result.hpp"
#include "http/request_conversion.hpp"
#include "http/types.hpp"

namespace scij::http {

using RequestParser = boost::beast::http::request_parser<boost::beast::http::string_body>;

// Header limit kHeaderLimit; no body limit yet (ApplyBodyLimit sets it once the route is known:
// Beast checks Content-Length against the limit while finishing the header, so a limit set before
// the header would be the wrong one for routes that raise it).
inline void InitParser(RequestParser& parser) {
  parser.header_limit(static_cast<std::uint32_t>(kHeaderLimit));
  parser.body_limit(boost::none);
}

// After the header: kPayloadTooLarge when the declared Content-Length exceeds `limit`; otherwise
// the parser refuses (error::body_limit) any chunked body that grows past `limit`.
inline Status ApplyBodyLimit(RequestParser& parser, std::size_t limit) {
  const auto length = parser.content_length();
  if (length.has_value() && *length > limit) {
    return PayloadTooLarge("request body is larger than the " + std::to_string(limit) +
                           "-byte limit of this endpoint");
  }
  parser.body_limit(static_cast<std::uint64_t>(limit));
  return {};
}

// The Request for a parsed header (the body is added once read). Errors as MakeRequest.
template <typename Fields>
Result<Request> RequestFromHeader(const boost::beast::http::header<true, Fields>& header,
                                  std::string remote) {
  Headers headers;
  for (const auto& field : header) headers.Add(std::string(field.name_string()), std::string(field.value()));
  return MakeRequest(header.method_string(), header.target(), std::move(headers), std::string(),
                     std::move(remote));
}

}  // namespace scij::http
