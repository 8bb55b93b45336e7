// Re-deriving running clocks after a calendar change (cases.hpp, "calendar changes").
#include "app/audit/audit_trail.hpp"
#include "app/calendar/calendars.hpp"
#include "app/casework/case_op.hpp"
#include "app/policy.hpp"
#include "core/casework/rules.hpp"

namespace tongban::app {

Result<DeadlineRecount> recompute_deadlines(const Env& env, const RequestContext& ctx,
                                            const std::optional<std::string>& region) {
  auto refuse = [&](Error e) {
    append_audit_failure(env, ctx, "calendar.recompute_deadlines", region.value_or("*"), e);
    return e;
  };
  if (!ctx.actor.signed_in()) return Error{ErrorCode::Unauthenticated};
  if (!may(ctx.actor, Permission::ManageCalendars)) {
    return refuse(Error{ErrorCode::Forbidden, "only administrators recompute deadlines"});
  }
  if (region) {
    if (auto known = calendar_for(env, *region); !known) return refuse(known.error());
  }
  // The ids first (a read), then one short write per case: a province's running cases never
  // hold the writer for long, and a case closed in between is skipped.
  std::vector<std::int64_t> ids;
  ports::CaseFilter filter;
  filter.clock_running = true;
  if (region) filter.region_prefix = casework::region_prefix(*region);
  const Instant now = env.clock.now();
  for (std::int64_t page = 1;; ++page) {
    ports::PageOf<ports::CaseRecord> batch;
    env.store.read([&](ports::UnitOfWork& uow) {
      batch = uow.cases().list_cases(filter, now, ports::PageRequest{page, 200});
    });
    for (const auto& c : batch.data) ids.push_back(c.id);
    if (batch.data.empty() || static_cast<std::int64_t>(ids.size()) >= batch.total) break;
  }

  DeadlineRecount out;
  for (const std::int64_t id : ids) {
    // Set afresh by each attempt: the store may run the function again after a conflict.
    std::optional<Error> failed;
    bool running = false;
    std::optional<MovedDeadline> moved;
    env.store.write([&](ports::UnitOfWork& uow) {
      failed.reset();
      running = false;
      moved.reset();
      CaseOp op(env, uow, ctx);
      Status st = op.load(id);
      if (!st) {
        failed = st.error();
        return;
      }
      if (!op.c.clock.started_at || op.c.clock.stopped_at) return;  // closed meanwhile
      running = true;
      auto clock = op.restore_clock();
      if (!clock) {
        failed = clock.error();
        return;
      }
      auto s = casework::summarize(*clock, op.now);
      if (!s) {
        failed = s.error();
        return;
      }
      MovedDeadline m{id, op.c.number, op.c.clock.due_date.value_or(""), format_date(s->due_date)};
      if (m.from == m.to && op.c.clock.deadline_at == s->deadline) return;
      if (st = op.save_clock(*clock); !st) {
        failed = st.error();
        return;
      }
      op.save();
      op.event("clock_recomputed",
               JsonWriter().object().field("from", m.from).field("to", m.to).end_object().text());
      append_audit(env, uow, ctx, "case.recompute_deadline", case_target(id),
                   audit::Outcome::Success, m.from + " -> " + m.to);
      moved = std::move(m);
    });
    if (failed) return *failed;  // e.g. the new calendar does not reach a deadline
    if (running) ++out.checked;
    if (moved) out.moved.push_back(std::move(*moved));
  }
  return out;
}

}  // namespace tongban::app
