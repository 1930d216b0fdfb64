"""Local fake Slack and Telegram servers: end-to-end tests and the soak run both drive ritmo through them.

They live under benchmarks/ so benchmarks never import tests/ (tests may import benchmarks).
"""
