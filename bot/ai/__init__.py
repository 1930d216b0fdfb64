"""The optional language-model endpoint (any OpenAI-compatible API): client and wiring."""
