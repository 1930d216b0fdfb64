"""Chat capabilities: one module per thing a person can say or tap (log, ask, cadences, tasks, check-in...)."""
