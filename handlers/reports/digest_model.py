"""A computed digest: the numbers one team's manager gets, before any words.

Its own module so the two halves of the digest depend on it and not on each other:
digest.py computes and delivers, digest_render.py presents (no import circle between them).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from handlers.reports import conversion_metrics, deal_metrics, rep_metrics


@dataclass(frozen=True)
class Digest:
    team_name: str
    today: date
    reps: int
    activity: tuple[rep_metrics.RepActivity, ...]
    overdue: tuple[rep_metrics.RepOverdue, ...]
    silent: tuple[rep_metrics.SilentRep, ...]
    silent_days: int
    movements: deal_metrics.Movements
    stalled: tuple[deal_metrics.StalledDeal, ...]
    pipeline: deal_metrics.Pipeline
    conversion: conversion_metrics.ConversionReport
    cadences: tuple[conversion_metrics.CadenceResponse, ...]
    accuracy: deal_metrics.ForecastAccuracy
    own_due: int | None = None  # the manager's own steps due today, when they also sell
