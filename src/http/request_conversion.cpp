#include "http/request_conversion.hpp"

#include <boost/url/encoding_opts.hpp>
#include <boost/url/parse.hpp>
#include <boost/url/url_view.hpp>

namespace scij::http {
namespace {

bool HasControl(std::string_view s) {
  for (char c : s) {
    const auto u = static_cast<unsigned char>(c);
    if (u < 0x20 || u == 0x7F) return true;
  }
  return false;
}

bool HasEncodedSlash(std::string_view encoded) {
  for (std::size_t i = 0; i + 2 < encoded.size(); ++i) {
    if (encoded[i] == '%' && encoded[i + 1] == '2' && (encoded[i + 2] == 'f' || encoded[i + 2] == 'F'))
      return true;
  }
  return false;
}

bool HasDotSegment(std::string_view path) {
  std::size_t start = 0;
  while (start <= path.size()) {
    std::size_t end = path.find('/', start);
    if (end == std::string_view::npos) end = path.size();
    const std::string_view segment = path.substr(start, end - start);
    if (segment == "." || segment == "..") return true;
    start = end + 1;
  }
  return false;
}

}  // namespace

Result<ParsedTarget> ParseTarget(std::string_view target) {
  if (target.empty() || target.front() != '/') {
    return InvalidArgument("request target must be an absolute path such as /api/health", "target");
  }
  auto url = boost::urls::parse_origin_form(target);
  if (!url) return InvalidArgument("request target is not a valid URL path", "target");
  const boost::urls::url_view& view = *url;
  if (HasEncodedSlash(view.encoded_path())) {
    return InvalidArgument("request path must not contain an encoded '/' (%2F)", "target");
  }
  ParsedTarget parsed;
  parsed.path = view.path();
  if (HasControl(parsed.path))
    return InvalidArgument("request path must not contain control characters", "target");
  if (HasDotSegment(parsed.path))
    return InvalidArgument("request path must not contain '.' or '..' segments", "target");
  if (view.has_query()) {
    for (const auto& param : view.params(boost::urls::encoding_opts(/*space_as_plus=*/true))) {
      parsed.query.emplace_back(param.key, param.value);
    }
  }
  return parsed;
}

Result<Request> MakeRequest(std::string_view method, std::string_view target, Headers headers,
                            std::string body, std::string remote_address) {
  const auto parsed_method = ParseMethod(method);
  if (!parsed_method)
    return InvalidArgument("HTTP method " + std::string(method) + " is not supported", "method");
  auto parsed = ParseTarget(target);
  if (!parsed.ok()) return std::move(parsed).error();
  Request request;
  request.method = *parsed_method;
  request.target = std::string(target);
  request.path = std::move(parsed->path);
  request.query = std::move(parsed->query);
  request.headers = std::move(headers);
  request.body = std::move(body);
  request.remote_address = std::move(remote_address);
  return request;
}

}  // namespace scij::http
