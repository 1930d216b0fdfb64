"""Console channel: a terminal chat for demos and tests."""
