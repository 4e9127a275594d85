#include "contribution_routes.h"

#include <iostream>
#include <memory>

#include <httplib.h>

#include "api_json.h"
#include "contribution_form.h"
#include "contribution_pages.h"
#include "form_body.h"
#include "markdown.h"
#include "review_routes.h"
#include "text_util.h"

namespace praxis {

namespace {

// The hardening in http_server.cc already refuses larger bodies by their Content-Length.
constexpr size_t kMaxRequestBytes = 1024 * 1024;

using Json = nlohmann::json;

Json DiagnosticsJson(const std::vector<Diagnostic>& diagnostics) {
  Json list = Json::array();
  for (const Diagnostic& d : diagnostics) list.push_back(DiagnosticToJson(d));
  return list;
}

Json OverlapsJson(const std::vector<OverlapMatch>& overlaps) {
  Json list = Json::array();
  for (const OverlapMatch& m : overlaps) list.push_back(OverlapMatchJson(m));
  return list;
}

void SendJson(httplib::Response& res, int status, const Json& body) {
  res.status = status;
  res.set_header("Cache-Control", "no-store");
  res.set_content(body.dump(), "application/json");
}

void SendError(httplib::Response& res, int status, const std::string& code,
               const std::string& message, Json extra = Json::object()) {
  Json body = ErrorJson({status, code, message});
  for (auto& [key, value] : extra.items()) body[key] = value;
  SendJson(res, status, body);
}

void SetRetryAfter(httplib::Response& res, std::chrono::seconds wait) {
  if (wait.count() > 0) res.set_header("Retry-After", std::to_string(wait.count()));
}

bool IsTrue(const std::string& value) { return value == "true" || value == "1" || value == "yes"; }

class ContributionRoutes {
 public:
  ContributionRoutes(const ContributionOptions& options, const Vocabulary& vocabulary,
                     IndexManager& index)
      : service_(options, vocabulary, index),
        pages_(std::make_shared<ContributionPages>(options.web, vocabulary)) {}

  ContributionService& service() { return service_; }
  std::shared_ptr<ContributionPages> pages() { return pages_; }

  void GetForm(const httplib::Request& req, httplib::Response& res) {
    if (!pages_->loaded()) return SendPlainText(res, 503, kNoPages);
    FormState state;
    state.draft.body = SkeletonBody();
    const PageContext ctx = pages_->Context(req);
    pages_->Send(ctx, "contribute", ContributeFormData(ctx, state), res);
  }

  void PostForm(const httplib::Request& req, httplib::Response& res,
                const httplib::ContentReader& reader) {
    if (!pages_->loaded()) return SendPlainText(res, 503, kNoPages);
    const PageContext ctx = pages_->Context(req);
    std::string body;
    if (!ReadBody(reader, kMaxRequestBytes, &body)) {
      return pages_->SendMessage(ctx, 413, ctx.t.Get("contribute_too_large_title"),
                                 ctx.t.Get("contribute_too_large_text"), res);
    }
    if (MediaType(req) != "application/x-www-form-urlencoded") {
      return pages_->SendMessage(ctx, 415, ctx.t.Get("contribute_title"),
                                 ctx.t.Get("contribute_bad_form"), res);
    }
    AnswerForm(req, ParseUrlEncoded(body), res);
  }

  void PostApi(const httplib::Request& req, httplib::Response& res,
               const httplib::ContentReader& reader) {
    for (const auto& [name, value] : req.params) {
      if (name != "dry_run" && name != "lang") {
        return SendError(res, 400, "unknown_parameter",
                         "unknown parameter '" + std::string(Utf8Prefix(name, 60)) + "'");
      }
    }
    const bool dry_run = IsTrue(req.get_param_value("dry_run"));
    std::string body;
    if (!ReadBody(reader, kMaxRequestBytes, &body)) {
      return SendError(res, 413, "payload_too_large", "the request body is larger than 1 MiB");
    }
    const std::string type = MediaType(req);
    SubmissionRequest request;
    SubmissionProblem problem;
    bool ok = false;
    if (type == "application/json") {
      const Json json = Json::parse(body, nullptr, /*allow_exceptions=*/false);
      if (json.is_discarded()) return SendError(res, 400, "invalid_json", "the body is not valid JSON");
      ok = DraftFromJson(json, service_.limits(), &request, &problem);
    } else if (type == "application/x-www-form-urlencoded") {
      // A browser form sent here without JavaScript gets the page, not JSON.
      if (!dry_run && pages_->loaded() &&
          req.get_header_value("Accept").find("text/html") != std::string::npos) {
        return AnswerForm(req, ParseUrlEncoded(body), res);
      }
      ok = DraftFromForm(ParseUrlEncoded(body), service_.limits(), &request, &problem);
    } else {
      return SendError(res, 415, "unsupported_media_type",
                       "send the submission as application/json or "
                       "application/x-www-form-urlencoded");
    }
    if (!ok) return SendError(res, problem.status, problem.code, problem.message);

    const SubmissionOutcome o = service_.Submit(request, req.remote_addr, dry_run);
    SetRetryAfter(res, o.retry_after);
    Json details = Json::object();
    if (o.prepared_valid) {
      details = {{"id", o.prepared.id},
                 {"diagnostics", DiagnosticsJson(o.prepared.diagnostics)},
                 {"overlaps", OverlapsJson(o.overlaps)}};
    }
    if (dry_run && (o.status == 200 || o.status == 422)) {
      details["valid"] = o.status == 200;
      details["body_html"] = MarkdownToHtml(request.draft.body);
      return SendJson(res, 200, details);
    }
    if (o.status != 201) return SendError(res, o.status, o.code, o.message, details);
    details["status"] = "pending";
    details["receipt"] = o.receipt;
    details["message"] = o.message;
    SendJson(res, 201, details);
  }

 private:
  static constexpr const char* kNoPages =
      "The contribution pages are not installed on this server; submit through "
      "POST /api/v1/submissions.\n";

  void AnswerForm(const httplib::Request& req, const FormParams& params, httplib::Response& res) {
    const PageContext ctx = pages_->Context(req);
    std::string action = "submit";
    for (const auto& [name, value] : params) {
      if (name == "action") action = value;
    }
    SubmissionRequest request;
    SubmissionProblem problem;
    FormState state;
    const bool ok = DraftFromForm(params, service_.limits(), &request, &problem);
    state.draft = request.draft;
    if (!ok) {
      state.notice = problem.message;
      return pages_->Send(ctx, "contribute", ContributeFormData(ctx, state), res, problem.status);
    }
    if (action == "add_source" || action == "add_evaluation" || action == "add_rating") {
      state.extra_sources = action == "add_source";
      state.extra_evaluations = action == "add_evaluation";
      state.extra_ratings = action == "add_rating";
      return pages_->Send(ctx, "contribute", ContributeFormData(ctx, state), res);
    }
    const bool preview = action == "preview";
    const SubmissionOutcome o = service_.Submit(request, req.remote_addr, preview);
    if (o.status == 201) {
      return pages_->Send(ctx, "contribute_received", ReceivedPageData(ctx, o), res, 201);
    }
    SetRetryAfter(res, o.retry_after);
    state.diagnostics = o.prepared.diagnostics;
    state.overlaps = o.overlaps;
    state.show_preview = preview;
    if (preview && o.status == 200) state.confirmation = ctx.t.Get("contribute_preview_valid");
    if (o.status != 200 && o.status != 422) state.notice = o.message;
    // A preview of an unfinished entry is not an error; a refused submission is.
    const int status = preview && o.status == 422 ? 200 : o.status;
    pages_->Send(ctx, "contribute", ContributeFormData(ctx, state), res, status);
  }

  ContributionService service_;
  std::shared_ptr<ContributionPages> pages_;
};

// Runs a handler; an exception is logged (without request data) and answered with a 500.
template <typename Fn>
void Guarded(const httplib::Request& req, httplib::Response& res, Fn fn) {
  try {
    fn();
    return;
  } catch (const Xapian::Error& e) {
    std::cerr << "praxis-server: internal error on " << req.method.substr(0, 8) << " "
              << Utf8Prefix(req.path, 200) << ": " << e.get_description() << "\n";
  } catch (const std::exception& e) {
    std::cerr << "praxis-server: internal error on " << req.method.substr(0, 8) << " "
              << Utf8Prefix(req.path, 200) << ": " << e.what() << "\n";
  }
  res.body.clear();
  SendError(res, 500, "internal_error", "internal error; it has been logged");
}

}  // namespace

nlohmann::json PracticeOverlapsJson(Xapian::Database& db, const Entry& entry) {
  return OverlapsJson(LiveOverlaps(db, entry));
}

bool InstallContributionRoutes(httplib::Server& server, const ContributionOptions& options,
                               const Vocabulary& vocabulary, IndexManager& index,
                               std::string* error) {
  auto routes = std::make_shared<ContributionRoutes>(options, vocabulary, index);
  std::string page_error;
  if (!routes->pages()->Load(&page_error)) {
    std::cerr << "praxis-server: warning: contribution pages unavailable: " << page_error << "\n";
  }
  using httplib::ContentReader;
  using httplib::Request;
  using httplib::Response;
  server.Get("/contribute", [routes](const Request& req, Response& res) {
    Guarded(req, res, [&] { routes->GetForm(req, res); });
  });
  server.Post("/contribute", [routes](const Request& req, Response& res, const ContentReader& reader) {
    Guarded(req, res, [&] { routes->PostForm(req, res, reader); });
  });
  server.Post("/api/v1/submissions",
              [routes](const Request& req, Response& res, const ContentReader& reader) {
                Guarded(req, res, [&] { routes->PostApi(req, res, reader); });
              });
  if (options.review_token_file.empty()) return true;
  return InstallReviewRoutes(server, options, routes->pages(), index, error);
}

}  // namespace praxis
