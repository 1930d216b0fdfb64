"""Shared kernel every capability uses: the message model, texts, markup, context, routing and dispatch."""
