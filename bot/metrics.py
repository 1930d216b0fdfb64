"""The process's Prometheus metrics: one registry per App, fed by the seams' hooks.

Each App owns its own `CollectorRegistry` (never prometheus-client's global default) so tests,
and several apps in one process, never see each other's counts. The inbox worker, the outbox
dispatcher, the store's writer and the scheduler call the small methods below; gauges that
describe the store (outbox backlog, last backup) are refreshed when `/metrics` is read, so an
idle process costs nothing between scrapes.
"""

from __future__ import annotations

from prometheus_client import CollectorRegistry, Counter, Gauge, Histogram, generate_latest
from prometheus_client.exposition import CONTENT_TYPE_LATEST

from cadence_jobs.dispatcher import Delivery

CONTENT_TYPE = CONTENT_TYPE_LATEST

# Handling a chat message is a few milliseconds to a couple of seconds (a chart, a slow API).
LATENCY_BUCKETS = (0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0)
# Group commit batches: 1 is the idle case; the writer takes at most a few hundred at once.
BATCH_BUCKETS = (1, 2, 4, 8, 16, 32, 64, 128, 256, 512)
COMMIT_BUCKETS = (0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1.0)


class Metrics:
    """Every ritmo metric, registered in a registry of its own."""

    def __init__(self) -> None:
        self.registry = CollectorRegistry(auto_describe=True)
        r = self.registry
        self.messages_in = Counter(
            "ritmo_messages_received",
            "Chat updates handled, by platform and outcome.",
            ["platform", "outcome"],
            registry=r,
        )
        self.replies_out = Counter(
            "ritmo_replies_sent",
            "Replies sent in answer to chat updates.",
            ["platform"],
            registry=r,
        )
        self.handler_latency = Histogram(
            "ritmo_handler_latency_seconds",
            "Time to handle one chat update, by intent.",
            ["intent"],
            buckets=LATENCY_BUCKETS,
            registry=r,
        )
        self.deliveries = Counter(
            "ritmo_deliveries",
            "Outbox rows the platform accepted, by platform and kind "
            "(reminder, digest, agenda, reply, ...).",
            ["platform", "kind"],
            registry=r,
        )
        self.delivery_failures = Counter(
            "ritmo_delivery_failures",
            "Outbox delivery attempts the platform refused.",
            ["platform", "kind"],
            registry=r,
        )
        self.delivery_retries = Counter(
            "ritmo_delivery_retries",
            "Failed outbox attempts scheduled to be tried again.",
            ["platform"],
            registry=r,
        )
        self.outbox_backlog = Gauge(
            "ritmo_outbox_backlog", "Outbox rows due now and not yet delivered.", registry=r
        )
        self.outbox_oldest = Gauge(
            "ritmo_outbox_oldest_due_seconds",
            "How long the oldest due outbox row has waited.",
            registry=r,
        )
        self.job_duration = Histogram(
            "ritmo_job_duration_seconds",
            'Duration of each scheduled job run (the due scan is job="cadence.due_scan").',
            ["job"],
            buckets=LATENCY_BUCKETS,
            registry=r,
        )
        self.write_batch = Histogram(
            "ritmo_store_write_batch_size",
            "Writes committed together in one transaction.",
            buckets=BATCH_BUCKETS,
            registry=r,
        )
        self.commit_latency = Histogram(
            "ritmo_store_commit_seconds",
            "Time to run and commit one write batch.",
            buckets=COMMIT_BUCKETS,
            registry=r,
        )
        self.store_outages = Gauge(
            "ritmo_store_outages",
            "Times the database server went away since the start (PostgreSQL; 0 on SQLite).",
            registry=r,
        )
        self.store_reconnects = Gauge(
            "ritmo_store_reconnects",
            "Server connections replaced after one was lost since the start (PostgreSQL).",
            registry=r,
        )
        self.digests_queued = Counter(
            "ritmo_digests_queued", "Manager digests queued in the outbox.", registry=r
        )
        self.backup_last = Gauge(
            "ritmo_backup_last_timestamp_seconds",
            "When the newest daily backup was taken (Unix time; 0 when there is none yet).",
            registry=r,
        )
        self.ai_calls = Counter(
            "ritmo_ai_calls",
            "Calls to the optional language model, by kind (read, transcribe) and outcome "
            "(used, fallback, invalid, timeout, limited, ok).",
            ["kind", "outcome"],
            registry=r,
        )
        self.ai_latency = Histogram(
            "ritmo_ai_latency_seconds",
            "Time the language model took to answer (or to fail), by kind.",
            ["kind"],
            buckets=LATENCY_BUCKETS,
            registry=r,
        )
        self.ai_tokens = Counter(
            "ritmo_ai_tokens",
            "Tokens the language model endpoint reported, by type (prompt, completion).",
            ["type"],
            registry=r,
        )

    # -- hooks the seams call -----------------------------------------------------------------

    def update_handled(
        self, platform: str, intent: str, seconds: float, outcome: str, replies: int
    ) -> None:
        """One chat update finished (see bot/inbox.py for the outcomes). Only updates a
        handler answered are timed: a dropped flood or an ignored event would drag the
        latency of "unknown" towards zero."""
        self.messages_in.labels(platform, outcome).inc()
        if replies:
            self.replies_out.labels(platform).inc(replies)
        if outcome == "ok":
            self.handler_latency.labels(intent).observe(seconds)

    def delivery(self, event: Delivery) -> None:
        """One outbox row settled an attempt."""
        if event.outcome == "sent":
            self.deliveries.labels(event.platform, event.kind).inc()
            return
        if event.outcome in ("retry", "failed"):
            self.delivery_failures.labels(event.platform, event.kind).inc()
        if event.outcome == "retry":
            self.delivery_retries.labels(event.platform).inc()

    def store_commit(self, batch_size: int, seconds: float) -> None:
        """The store's writer committed one batch."""
        self.write_batch.observe(batch_size)
        self.commit_latency.observe(seconds)

    def ai_call(
        self, kind: str, outcome: str, seconds: float, prompt_tokens: int, completion_tokens: int
    ) -> None:
        """One call to the language model settled (see bot/ai/service.py)."""
        self.ai_calls.labels(kind, outcome).inc()
        if outcome != "limited":  # no call was made: nothing to time
            self.ai_latency.labels(kind).observe(seconds)
        self.ai_tokens.labels("prompt").inc(prompt_tokens)
        self.ai_tokens.labels("completion").inc(completion_tokens)

    def job_ran(self, job_id: str, seconds: float) -> None:
        self.job_duration.labels(job_id).observe(seconds)

    # -- exposition ---------------------------------------------------------------------------

    def render(self) -> bytes:
        """The registry in Prometheus text format."""
        return generate_latest(self.registry)
