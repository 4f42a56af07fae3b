"""``tikg schedule``: one APScheduler job per enabled source, on its interval or cron expression.

Each job runs at most once at a time (``max_instances=1``), missed runs are coalesced, and a
random jitter spreads sources that share a period. Stopping waits for the running crawl, whose
writes are transactional, so no half-written state is left.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime

from apscheduler.schedulers.base import BaseScheduler
from apscheduler.triggers.cron import CronTrigger
from apscheduler.triggers.interval import IntervalTrigger

from tikg.settings import FeedSource, Settings


def trigger_for(source: FeedSource, settings: Settings) -> IntervalTrigger | CronTrigger:
    sched = settings.schedule
    if source.cron:
        try:
            return CronTrigger.from_crontab(source.cron, timezone=sched.timezone)
        except ValueError as exc:
            raise ValueError(
                f"source {source.id}: bad cron expression {source.cron!r}: {exc}"
            ) from None
    minutes = source.interval_minutes or sched.default_interval_minutes
    return IntervalTrigger(minutes=minutes, timezone=sched.timezone)


def add_source_jobs(
    scheduler: BaseScheduler,
    settings: Settings,
    run: Callable[[str], None],
    *,
    initial_run: bool = True,
) -> list[str]:
    """Add a job per enabled source; return a one-line description of each."""
    described: list[str] = []
    for source in settings.feeds.sources:
        if not source.enabled:
            continue
        trigger = trigger_for(source, settings)
        # Passing next_run_time=None would add the job paused: only pass it to run now.
        extra = {"next_run_time": datetime.now(UTC)} if initial_run else {}
        scheduler.add_job(
            run,
            trigger,
            args=[source.id],
            id=f"crawl:{source.id}",
            name=f"crawl {source.id}",
            max_instances=1,
            coalesce=True,
            misfire_grace_time=300,
            jitter=settings.schedule.jitter_seconds or None,
            replace_existing=True,
            **extra,
        )
        described.append(f"{source.id}: {source.cron or ''}{'' if source.cron else trigger}")
    return described
