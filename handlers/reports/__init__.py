"""Reports: the digest, its charts and the metrics it is built from."""
