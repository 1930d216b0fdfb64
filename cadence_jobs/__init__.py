"""cadence_jobs package."""
