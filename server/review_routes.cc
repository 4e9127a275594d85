#include "review_routes.h"

#include <iostream>

#include <httplib.h>

#include "contribution_form.h"
#include "form_body.h"
#include "markdown.h"
#include "rate_limiter.h"
#include "review_auth.h"
#include "review_desk.h"
#include "text_util.h"
#include "with_index.h"

namespace praxis {

namespace {

constexpr size_t kMaxRequestBytes = 64 * 1024;  // a token, an id, a reason
constexpr size_t kFailedSignInsPerHour = 10;

MustacheData NewList() { return MustacheData(MustacheData::type::list); }

std::string Param(const FormParams& params, const std::string& name) {
  std::string value;
  for (const auto& [key, v] : params) {
    if (key == name) value = v;
  }
  return value;
}

class ReviewRoutes {
 public:
  ReviewRoutes(const ContributionOptions& options, std::shared_ptr<ContributionPages> pages,
               IndexManager& index)
      : options_(options),
        pages_(std::move(pages)),
        index_(index),
        failed_sign_ins_(kFailedSignInsPerHour, std::chrono::hours(1)) {}

  bool Load(std::string* error) {
    std::string warning;
    if (!auth_.Load(options_.review_token_file, error, &warning)) return false;
    if (!warning.empty()) std::cerr << "praxis-server: warning: " << warning << "\n";
    if (!LoadIndexConfig(options_.schemas, &config_, error)) return false;
    validator_ = std::make_unique<EntryValidator>(config_.vocabulary);
    desk_ = std::make_unique<ReviewDesk>(
        ReviewPaths{options_.submissions, options_.content, options_.index}, config_, *validator_);
    return true;
  }

  void Get(const httplib::Request& req, httplib::Response& res, const std::string& id) {
    if (!pages_->loaded()) return SendPlainText(res, 503, "The review pages are not installed.\n");
    const PageContext ctx = pages_->Context(req);
    auto session = auth_.Find(req.get_header_value("Cookie"));
    if (!session) {
      if (!id.empty()) return Redirect(res, ctx);
      return SignInPage(ctx, res, "", 200);
    }
    if (id.empty()) return ListPage(ctx, *session, res);
    SubmissionPage(ctx, *session, id, res);
  }

  void Post(const httplib::Request& req, httplib::Response& res,
            const httplib::ContentReader& reader) {
    if (!pages_->loaded()) return SendPlainText(res, 503, "The review pages are not installed.\n");
    const PageContext ctx = pages_->Context(req);
    std::string body;
    if (!ReadBody(reader, kMaxRequestBytes, &body) ||
        MediaType(req) != "application/x-www-form-urlencoded") {
      return pages_->SendMessage(ctx, 400, ctx.t.Get("review_title"), ctx.t.Get("review_bad_request"), res);
    }
    const FormParams params = ParseUrlEncoded(body);
    const std::string action = Param(params, "action");
    if (action == "sign_in") return SignIn(req, ctx, Param(params, "token"), res);

    auto session = auth_.Find(req.get_header_value("Cookie"));
    if (!session) return Redirect(res, ctx);
    if (!ConstantTimeEquals(Param(params, "csrf"), session->csrf)) {
      return pages_->SendMessage(ctx, 403, ctx.t.Get("review_title"), ctx.t.Get("review_stale_form"), res);
    }
    if (action == "sign_out") {
      auth_.Close(session->id);
      res.set_header("Set-Cookie", std::string(ReviewAuth::kCookieName) +
                                       "=; Path=/review; HttpOnly; SameSite=Strict; Max-Age=0");
      return Redirect(res, ctx);
    }
    const std::string id = Param(params, "id");
    if (action == "approve") return Approve(ctx, id, res);
    if (action == "reject") return Reject(ctx, id, Param(params, "reason"), res);
    pages_->SendMessage(ctx, 400, ctx.t.Get("review_title"), ctx.t.Get("review_bad_request"), res);
  }

 private:
  void Redirect(httplib::Response& res, const PageContext& ctx) {
    res.status = 303;
    res.set_header("Location", PageUrl(ctx, "/review"));
    res.set_header("Cache-Control", "no-store");
  }

  void SignInPage(const PageContext& ctx, httplib::Response& res, const std::string& problem, int status) {
    MustacheData d;
    d.set("page_title", ctx.t.Get("review_title"));
    d.set("action_url", PageUrl(ctx, "/review"));
    d.set("problem", OptionalText(problem));
    pages_->Send(ctx, "review_login", std::move(d), res, status);
  }

  // The token travels only in this POST body; it is never logged (the log has method and path
  // only) and never sent back.
  void SignIn(const httplib::Request& req, const PageContext& ctx, const std::string& token,
              httplib::Response& res) {
    RateLimiter::Clock::duration wait{};
    if (!failed_sign_ins_.Allowed(req.remote_addr, &wait)) {
      res.set_header("Retry-After", std::to_string(std::chrono::duration_cast<std::chrono::seconds>(wait).count() + 1));
      return SignInPage(ctx, res, ctx.t.Get("review_too_many_attempts"), 429);
    }
    if (!auth_.CheckToken(token)) {
      failed_sign_ins_.Record(req.remote_addr);
      return SignInPage(ctx, res, ctx.t.Get("review_sign_in_failed"), 403);
    }
    const ReviewAuth::Session session = auth_.Open();
    res.set_header("Set-Cookie", std::string(ReviewAuth::kCookieName) + "=" + session.id +
                                     "; Path=/review; HttpOnly; SameSite=Strict; Max-Age=" +
                                     std::to_string(ReviewAuth::kSessionHours * 3600));
    Redirect(res, ctx);
  }

  bool CheckSubmission(const std::string& id, SubmissionCheck* check, std::string* error) {
    return WithCurrentIndex(index_, [&](Xapian::Database& db, const Snapshot&) {
      return desk_->Check(id, db, check, error);
    });
  }

  MustacheData Common(const PageContext& ctx, const ReviewAuth::Session& session) {
    MustacheData d;
    d.set("page_title", ctx.t.Get("review_title"));
    d.set("action_url", PageUrl(ctx, "/review"));
    d.set("list_url", PageUrl(ctx, "/review"));
    d.set("csrf", session.csrf);
    return d;
  }

  void ListPage(const PageContext& ctx, const ReviewAuth::Session& session, httplib::Response& res) {
    std::vector<PendingSubmission> pending;
    std::string error;
    MustacheData d = Common(ctx, session);
    d.set("problem", false);
    if (!desk_->store().List(&pending, &error)) {
      std::cerr << "praxis-server: review: " << error << "\n";
      d.set("problem", ctx.t.Get("review_cannot_read"));
    }
    MustacheData items = NewList();
    for (const PendingSubmission& p : pending) {
      SubmissionCheck check;
      if (!CheckSubmission(p.id, &check, &error)) continue;
      const int errors = Summarize(check.diagnostics).errors;
      MustacheData item;
      item.set("id", p.id);
      item.set("title", check.entry.title.empty() ? p.id : check.entry.title);
      item.set("url", PageUrl(ctx, "/review/" + p.id));
      item.set("received", p.received);
      item.set("receipt", p.receipt);
      item.set("state", check.valid ? ctx.t.Get("review_valid") : ctx.t.Plural("review_errors", errors));
      item.set("overlaps", check.overlaps.empty() ? MustacheData(false)
                                                  : MustacheData(ctx.t.Plural("review_overlaps", static_cast<long long>(check.overlaps.size()))));
      items.push_back(item);
    }
    d.set("has_pending", !pending.empty());
    d.set("pending", items);
    pages_->Send(ctx, "review", std::move(d), res);
  }

  void SubmissionPage(const PageContext& ctx, const ReviewAuth::Session& session,
                      const std::string& id, httplib::Response& res) {
    SubmissionCheck check;
    std::string error;
    if (!CheckSubmission(id, &check, &error)) {
      return pages_->SendMessage(ctx, 404, ctx.t.Get("review_title"), ctx.t.Get("review_not_found"), res);
    }
    MustacheData d = Common(ctx, session);
    d.set("id", id);
    d.set("title", check.entry.title.empty() ? id : check.entry.title);
    d.set("receipt", check.submission.receipt);
    d.set("received", check.submission.received);
    d.set("valid", check.valid);
    MustacheData problems = NewList();
    for (const Diagnostic& diag : check.diagnostics) {
      MustacheData p;
      p.set("severity", SeverityName(diag.severity));
      p.set("message", diag.message);
      p.set("field", OptionalText(diag.field));
      problems.push_back(p);
    }
    d.set("has_problems", !check.diagnostics.empty());
    d.set("problems", problems);
    d.set("has_overlaps", !check.overlaps.empty());
    d.set("overlaps", OverlapItems(ctx, check.overlaps));
    d.set("summary", check.entry.summary);
    d.set("body_html", MarkdownToHtml(check.entry.body));
    d.set("file_text", check.submission.text);
    pages_->Send(ctx, "review_submission", std::move(d), res);
  }

  void Result(const PageContext& ctx, int status, const std::string& heading,
              const std::vector<std::string>& lines, const std::string& back_id,
              httplib::Response& res) {
    MustacheData d;
    d.set("page_title", ctx.t.Get("review_title"));
    d.set("heading", heading);
    MustacheData list = NewList();
    for (const std::string& line : lines) list.push_back(MustacheData(line));
    d.set("lines", list);
    d.set("list_url", PageUrl(ctx, "/review"));
    d.set("back_url", back_id.empty() ? MustacheData(false) : MustacheData(PageUrl(ctx, "/review/" + back_id)));
    pages_->Send(ctx, "review_result", std::move(d), res, status);
  }

  void Approve(const PageContext& ctx, const std::string& id, httplib::Response& res) {
    if (!IsValidEntryId(id)) return Result(ctx, 404, ctx.t.Get("review_not_found"), {}, "", res);
    ApproveResult r = desk_->Approve(id);
    std::vector<std::string> lines;
    for (const Diagnostic& d : r.diagnostics) lines.push_back(FormatDiagnostic(d));
    if (!r.published) {
      lines.insert(lines.begin(), r.error);
      const bool invalid = Summarize(r.diagnostics).errors > 0;
      return Result(ctx, invalid ? 422 : 409, ctx.t.Get("review_approve_failed"), lines, id, res);
    }
    if (!r.indexed) {
      lines.insert(lines.begin(), r.error);
      for (const Diagnostic& d : r.index.diagnostics) lines.push_back(FormatDiagnostic(d));
      return Result(ctx, 503, ctx.t.Format("review_approved", {{"path", r.content_path}}), lines, "", res);
    }
    lines.insert(lines.begin(), ctx.t.Get("review_indexed"));
    Result(ctx, 200, ctx.t.Format("review_approved", {{"path", r.content_path}}), lines, "", res);
  }

  void Reject(const PageContext& ctx, const std::string& id, const std::string& reason,
              httplib::Response& res) {
    std::string error;
    if (!desk_->Reject(id, reason, &error)) {
      return Result(ctx, 400, ctx.t.Get("review_reject_failed"), {error}, IsValidEntryId(id) ? id : "", res);
    }
    Result(ctx, 200, ctx.t.Format("review_rejected", {{"id", id}}), {}, "", res);
  }

  ContributionOptions options_;
  std::shared_ptr<ContributionPages> pages_;
  IndexManager& index_;
  ReviewAuth auth_;
  RateLimiter failed_sign_ins_;
  IndexConfig config_;
  std::unique_ptr<EntryValidator> validator_;
  std::unique_ptr<ReviewDesk> desk_;
};

}  // namespace

bool InstallReviewRoutes(httplib::Server& server, const ContributionOptions& options,
                         std::shared_ptr<ContributionPages> pages, IndexManager& index,
                         std::string* error) {
  auto routes = std::make_shared<ReviewRoutes>(options, std::move(pages), index);
  if (!routes->Load(error)) return false;
  using httplib::Request;
  using httplib::Response;
  auto guarded = [](const Request& req, Response& res, auto fn) {
    std::string what;
    try {
      fn();
      return;
    } catch (const Xapian::Error& e) {
      what = e.get_description();
    } catch (const std::exception& e) {
      what = e.what();
    }
    std::cerr << "praxis-server: internal error on " << req.method.substr(0, 8) << " "
              << Utf8Prefix(req.path, 200) << ": " << what << "\n";
    res.body.clear();
    SendPlainText(res, 500, "Internal error; it has been logged.\n");
  };
  server.Get("/review", [routes, guarded](const Request& req, Response& res) {
    guarded(req, res, [&] { routes->Get(req, res, ""); });
  });
  server.Get(R"(/review/([a-z0-9-]{1,80}))", [routes, guarded](const Request& req, Response& res) {
    guarded(req, res, [&] { routes->Get(req, res, req.matches[1]); });
  });
  server.Post("/review", [routes, guarded](const Request& req, Response& res,
                                           const httplib::ContentReader& reader) {
    guarded(req, res, [&] { routes->Post(req, res, reader); });
  });
  return true;
}

}  // namespace praxis
